package org.myelin.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Layer;
import org.myelin.api.Tensor;
import org.myelin.api.spi.Backend;
import org.myelin.api.spi.LayerProvider;
import org.myelin.api.Operator;
import org.myelin.api.spi.EngineRuntime;
import org.myelin.testkit.BackendConformance;
import org.myelin.testkit.OperatorConformance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code myelin plugin check JAR}: loads one plugin the way the plugins folder would and runs the
 * conformance kit on it. Exit 0 when every check passes, 1 when one fails, 2 when the jar cannot
 * be loaded at all.
 */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Load a plugin jar and run the conformance kit on it: operators against the "
        + "reference backend, gradcheck, determinism and thread safety; the full primitive suite for a backend.")
final class PluginCheckCommand implements Callable<Integer> {
    /** Exit status when a check fails. */
    static final int CHECK_FAILED = 1;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "JAR", description = "The plugin: a jar, or a folder of jars that load together.")
    Path jar;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PluginSource source = load(jar);
        ModuleLayer layer;
        PluginContents contents;
        try {
            layer = PluginLayers.define(source);
            contents = PluginContents.read(layer);
        } catch (PluginProblem e) {
            throw new InvalidArgumentException("plugin " + source.label() + ": " + e.getMessage());
        }
        if (contents.isEmpty()) {
            throw new InvalidArgumentException("plugin " + source.label() + " provides no Myelin service; declare one with "
                    + "'provides org.myelin.api.Operator with ...' (or a Backend, KernelProvider, LayerProvider, "
                    + "OptimizerProvider) in its module-info");
        }
        // The operators a plugin would replace, as installed before it: their checks are run against it.
        java.util.Map<String, Operator> originals = new java.util.HashMap<>();
        for (Operator op : contents.operators()) {
            if (org.myelin.api.TensorEngine.get().operators().contains(op.name())) {
                originals.put(op.name(), org.myelin.api.TensorEngine.get().operator(op.name()));
            }
        }
        EngineRuntime.get().addPlugins(layer);
        out.println("plugin " + source.label() + ": modules "
                + String.join(", ", layer.modules().stream().map(Module::getName).sorted().toList())
                + "; checked on backend " + EngineRuntime.get().backendFor("cpu").name() + " against reference");
        int passed = 0;
        int failed = 0;
        for (Operator op : contents.operators()) {
            Operator original = originals.get(op.name());
            out.println("operator " + op.name() + " (" + op.getClass().getName() + ")" + (original == null ? ""
                    : op.replaces() ? ", replacing the installed one: checked against it too"
                    : ", a name already taken: it does not declare Operator.replaces(), so the installed one stays in "
                            + "use; checked against it all the same, as a replacement must be"));
            List<OperatorConformance.Result> results = new java.util.ArrayList<>(OperatorConformance.run(op));
            if (original != null) {
                results.addAll(OperatorConformance.runAgainst(op, original));
            }
            for (OperatorConformance.Result r : results) {
                out.println("  " + (r.passed() ? "PASS " : "FAIL ") + r.name() + (r.passed() ? "" : ": " + r.message()));
                if (r.passed()) {
                    passed++;
                } else {
                    failed++;
                }
            }
        }
        for (Backend b : contents.backends()) {
            BackendConformance.Report report = BackendConformance.run(b);
            out.println("backend " + b.name() + ": " + report.summary());
            report.failures().stream().limit(20).forEach(f -> out.println("  FAIL " + f));
            passed += report.passed();
            failed += report.failed();
        }
        for (LayerProvider l : contents.layers()) {
            boolean ok = checkLayer(l, out);
            passed += ok ? 1 : 0;
            failed += ok ? 0 : 1;
        }
        contents.kernels().forEach(k -> new java.util.TreeSet<>(k.kernels().keySet()).forEach(operator -> out.println(
                "kernel " + operator + " for backend " + k.backend() + " (checked through its operator's forward)")));
        contents.optimizers().forEach(o -> out.println("optimizer " + o.name() + " (not checked by the kit: test its "
                + "steps against known values)"));
        out.println(passed + " of " + (passed + failed) + " checks pass" + (failed == 0 ? "" : ", " + failed + " fail"));
        return failed == 0 ? 0 : CHECK_FAILED;
    }

    private static PluginSource load(Path path) {
        if (Files.isDirectory(path)) {
            try (var s = Files.list(path)) {
                return new PluginSource(path.getFileName() + "/", s.filter(p -> p.toString().endsWith(".jar")).sorted().toList());
            } catch (java.io.IOException e) {
                throw new InvalidArgumentException("cannot read " + path + ": " + e.getMessage(), e);
            }
        }
        if (!Files.isRegularFile(path)) {
            throw new InvalidArgumentException("plugin check: " + path + " does not exist; give a plugin jar");
        }
        return PluginSource.ofJar(path);
    }

    /** A layer taking no arguments is made and run on a random batch; one with arguments is only listed. */
    private static boolean checkLayer(LayerProvider provider, PrintWriter out) {
        if (!provider.usage().equals(provider.name())) {
            out.println("layer " + provider.name() + ": usage " + provider.usage() + " (takes arguments; not run)");
            return true;
        }
        try {
            Layer layer = provider.create(List.of());
            Tensor.manualSeed(1);
            Tensor y = layer.forward(Tensor.randn(4, 8));
            boolean finite = java.util.Arrays.stream(y.toDoubleArray()).allMatch(Double::isFinite);
            out.println("  " + (finite ? "PASS" : "FAIL") + " layer " + provider.name() + ": runs on a [4, 8] batch, gives "
                    + y.shape() + (finite ? "" : " with values that are not finite"));
            return finite;
        } catch (RuntimeException e) {
            out.println("  FAIL layer " + provider.name() + ": " + e);
            return false;
        }
    }
}
