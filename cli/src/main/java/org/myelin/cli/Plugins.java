package org.myelin.cli;

import java.io.PrintWriter;
import java.lang.module.ResolvedModule;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.spi.BackendReport;
import org.myelin.api.spi.LayerProvider;
import org.myelin.api.Operator;
import org.myelin.api.spi.OptimizerProvider;
import org.myelin.api.spi.EngineRuntime;

/**
 * The plugins of one run of the command: each jar or sub-folder of the plugins folder in its own
 * child module layer. A plugin that cannot load prints one warning and is left out; a name that
 * another provider already has goes to the higher priority (on a tie, the one found first: Myelin's
 * own, then plugins in name order) and prints one warning per plugin. {@code doctor} shows it all.
 */
final class Plugins {
    /** @param label the jar or folder @param modules its module names @param contents what it provides */
    record Loaded(String label, List<String> modules, PluginContents contents) {}

    /** @param what such as {@code operator 'relu'} @param winner who provides it now @param loser who was passed over */
    record Duplicate(String what, String winner, String loser) {}

    /** @param replaces for an operator: whether it declares that it takes an installed one's place */
    private record Owner(String who, int priority, boolean replaces) {
        Owner(String who, int priority) {
            this(who, priority, true);
        }

        @Override
        public String toString() {
            return who + " (priority " + priority + ")";
        }
    }

    private final Path folder;
    private final String origin;
    private final List<Loaded> loaded = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<Duplicate> duplicates = new ArrayList<>();
    private final List<LayerProvider> layerProviders = new ArrayList<>();
    private final List<OptimizerProvider> optimizerProviders = new ArrayList<>();
    private final Map<String, Owner> owners = new HashMap<>();

    private Plugins(Path folder, String origin) {
        this.folder = folder;
        this.origin = origin;
        ServiceLoader.load(LayerProvider.class).forEach(layerProviders::add);
        ServiceLoader.load(OptimizerProvider.class).forEach(optimizerProviders::add);
    }

    /** @return no plugins: Myelin's own layer and optimizer providers only */
    static Plugins none() {
        return new Plugins(null, "none");
    }

    /**
     * Loads the plugins folder: the one given with {@code --plugins}, else {@code plugins/} of the
     * runtime image (when running from it), else {@code ./plugins} when there is one.
     *
     * @param given the folder from {@code --plugins}, or null
     * @param err   where the warnings go
     * @return the plugins loaded
     */
    static Plugins load(Path given, PrintWriter err) {
        if (given != null && !Files.isDirectory(given)) {
            throw new InvalidArgumentException("--plugins " + given + " is not a folder; give the folder that holds plugin jars");
        }
        Path folder = given != null ? given : defaultFolder();
        String origin = given != null ? "--plugins" : runsFromImage() ? "default: plugins/ of the runtime image" : "default: ./plugins";
        Plugins plugins = new Plugins(folder, origin);
        if (folder != null && Files.isDirectory(folder)) {
            plugins.claimBuiltIns();
            for (PluginSource source : PluginSource.scan(folder)) {
                plugins.add(source, err);
            }
        }
        return plugins;
    }

    /** @return {@code plugins/} of the runtime image when running from one, else {@code ./plugins} */
    static Path defaultFolder() {
        return runsFromImage() ? Path.of(System.getProperty("java.home"), "plugins") : Path.of("plugins");
    }

    /** A jlink image holds this module in its own {@code jrt:} file system. */
    private static boolean runsFromImage() {
        Module cli = Plugins.class.getModule();
        if (cli.getLayer() == null) {
            return false;
        }
        return cli.getLayer().configuration().findModule(cli.getName()).map(ResolvedModule::reference)
                .flatMap(r -> r.location()).map(URI::getScheme).filter("jrt"::equals).isPresent();
    }

    /** @return the layer providers: Myelin's own first, then the plugins' */
    List<LayerProvider> layerProviders() {
        return layerProviders;
    }

    /** @return the optimizer providers: Myelin's own first, then the plugins' */
    List<OptimizerProvider> optimizerProviders() {
        return optimizerProviders;
    }

    List<Loaded> loaded() {
        return loaded;
    }

    List<String> warnings() {
        return warnings;
    }

    List<Duplicate> duplicates() {
        return duplicates;
    }

    private void claimBuiltIns() {
        List<Operator> builtIns = new ArrayList<>();
        ServiceLoader.load(org.myelin.api.spi.OperatorProvider.class).forEach(t -> builtIns.addAll(t.operators()));
        ServiceLoader.load(Operator.class).forEach(builtIns::add);
        for (Operator op : builtIns) {
            claim("operator '" + op.name() + "'", new Owner(moduleOf(op), op.priority(), op.replaces()), null);
        }
        for (LayerProvider l : layerProviders) {
            claim("layer '" + layerKey(l.name()) + "'", new Owner(moduleOf(l), l.priority()), null);
        }
        for (OptimizerProvider o : optimizerProviders) {
            claim("optimizer '" + o.name() + "'", new Owner(moduleOf(o), o.priority()), null);
        }
        for (BackendReport b : EngineRuntime.get().backends()) {
            claim("backend '" + b.name().toLowerCase(Locale.ROOT) + "'", new Owner("built-in", b.priority()), null);
        }
    }

    private void add(PluginSource source, PrintWriter err) {
        ModuleLayer layer;
        PluginContents contents;
        try {
            layer = PluginLayers.define(source);
            contents = PluginContents.read(layer);
            if (contents.isEmpty()) {
                throw new PluginProblem("provides no Myelin service (Operator, KernelProvider, Backend, LayerProvider "
                        + "or OptimizerProvider) in its module-info");
            }
            EngineRuntime.get().addPlugins(layer);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            // One plugin's failure, an Error from its own code included, leaves the others loading.
            warn(err, source.label() + ": " + (e instanceof PluginProblem || e instanceof RuntimeException ? e.getMessage()
                    : e.toString()) + "; it was not loaded");
            return;
        }
        List<String> modules = layer.modules().stream().map(Module::getName).sorted().toList();
        String who = source.label() + " (" + String.join(", ", modules) + ")";
        List<String> clashes = new ArrayList<>();
        contents.operators().forEach(o -> claim("operator '" + o.name() + "'", new Owner(who, o.priority(), o.replaces()),
                clashes));
        contents.layers().forEach(l -> claim("layer '" + layerKey(l.name()) + "'", new Owner(who, l.priority()), clashes));
        contents.optimizers().forEach(o -> claim("optimizer '" + o.name() + "'", new Owner(who, o.priority()), clashes));
        contents.backends().forEach(b -> claim("backend '" + b.name().toLowerCase(Locale.ROOT) + "'",
                new Owner(who, b.priority()), clashes));
        layerProviders.addAll(contents.layers());
        optimizerProviders.addAll(contents.optimizers());
        loaded.add(new Loaded(source.label(), modules, contents));
        if (!clashes.isEmpty()) {
            warn(err, source.label() + ": " + String.join("; ", clashes));
        }
    }

    /** Records who provides a name; on a clash, the higher priority wins and a tie keeps the first. */
    private void claim(String what, Owner candidate, List<String> clashes) {
        Owner existing = owners.get(what);
        if (existing == null) {
            owners.put(what, candidate);
            return;
        }
        // As the engine's registries decide: a higher priority, and for an operator a declared replacement.
        boolean outranks = candidate.priority() > existing.priority();
        boolean candidateWins = outranks && candidate.replaces();
        Owner winner = candidateWins ? candidate : existing;
        Owner loser = candidateWins ? existing : candidate;
        owners.put(what, winner);
        duplicates.add(new Duplicate(what, winner.toString(), loser + (candidateWins && what.startsWith("operator")
                ? ", which it replaces (it declares Operator.replaces())" : "")));
        if (clashes != null) {
            clashes.add(outranks && !candidate.replaces()
                    ? what + " has a higher priority than the one from " + existing.who() + " but does not declare "
                            + "Operator.replaces(), so " + existing.who() + "'s is used"
                    : candidateWins && what.startsWith("operator")
                    ? what + " replaces the one from " + existing.who() + ", as it declares Operator.replaces() ("
                            + "priority " + candidate.priority() + " vs " + existing.priority() + ")"
                    : what + " duplicates the one from " + existing.who() + "; " + winner.who() + "'s is used (priority "
                            + candidate.priority() + " vs " + existing.priority() + ")");
        }
    }

    private void warn(PrintWriter err, String line) {
        warnings.add(line);
        err.println("myelin: warning: plugin " + line);
        err.flush();
    }

    /** Layer names match ignoring case, '_' and '-', as in {@code org.myelin.nn.Layers}. */
    private static String layerKey(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    private static String moduleOf(Object provider) {
        Module m = provider.getClass().getModule();
        return m.isNamed() ? m.getName() : "the class path";
    }

    /** @param out where {@code doctor} prints: the folder, each plugin, each warning, and who won each duplicated name */
    void print(PrintWriter out) {
        if (folder == null || !Files.isDirectory(folder)) {
            out.println("Plugins: none (no folder " + defaultFolder() + "; load some with --plugins DIR)");
            return;
        }
        out.println("Plugins: " + folder.toAbsolutePath().normalize() + " (" + origin + "), " + loaded.size() + " loaded, "
                + warnings.size() + " warning(s)");
        for (Loaded l : loaded) {
            PluginContents c = l.contents();
            out.printf("  %s: module %s; operators %s, kernels %s, backends %s, layers %s, optimizers %s%n", l.label(),
                    String.join(", ", l.modules()), names(c.operators(), Operator::name),
                    names(c.kernels(), k -> String.join(",", new java.util.TreeSet<>(k.kernels().keySet())) + "@" + k.backend()), names(c.backends(), b -> b.name()),
                    names(c.layers(), LayerProvider::name), names(c.optimizers(), OptimizerProvider::name));
        }
        for (String w : warnings) {
            out.println("  warning: " + w);
        }
        for (Duplicate d : duplicates) {
            out.println("  " + d.what() + ": " + d.winner() + " wins over " + d.loser());
        }
    }

    private static <T> String names(List<T> items, java.util.function.Function<T, String> name) {
        return items.isEmpty() ? "-" : items.stream().map(name).collect(Collectors.joining(" "));
    }
}
