package org.myelin.cli;

import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes a child {@link ModuleLayer} of the boot layer for one plugin: its modules resolve against
 * Myelin's own (so a plugin needs only {@code org.myelin.api}) and load with one class loader.
 */
final class PluginLayers {
    private PluginLayers() {}

    static ModuleLayer define(PluginSource source) throws PluginProblem {
        if (source.jars().isEmpty()) {
            throw new PluginProblem("the folder holds no jar");
        }
        try {
            ModuleFinder finder = ModuleFinder.of(source.jars().toArray(Path[]::new));
            Set<ModuleReference> found = finder.findAll();
            // Automatic modules may come along as a plugin's own dependencies, but the plugin itself
            // must declare what it provides in a module-info.
            if (found.stream().allMatch(m -> m.descriptor().isAutomatic())) {
                throw new PluginProblem("not a module (no module-info.class); a plugin jar must be a named module that "
                        + "requires org.myelin.api and provides its services");
            }
            Set<String> roots = found.stream().map(ModuleReference::descriptor).map(ModuleDescriptor::name)
                    .collect(Collectors.toSet());
            ModuleLayer boot = ModuleLayer.boot();
            Configuration config = boot.configuration().resolveAndBind(finder, ModuleFinder.of(), roots);
            ModuleLayer.Controller controller = ModuleLayer.defineModulesWithOneLoader(config, List.of(boot),
                    ClassLoader.getSystemClassLoader());
            enableNativeAccess(controller);
            return controller.layer();
        } catch (FindException | ResolutionException | LayerInstantiationException e) {
            throw new PluginProblem(oneLine(e));
        }
    }

    /**
     * A plugin that binds a native library (the CUDA pack's JCuda) needs native access, which its
     * child layer does not get from the command line's {@code --enable-native-access}. Granting it
     * needs native access here ({@code bin/myelin} and {@code ./myelin} give it); without it the plugin
     * still loads, and the JDK warns when it goes native.
     */
    private static void enableNativeAccess(ModuleLayer.Controller controller) {
        if (!PluginLayers.class.getModule().isNativeAccessEnabled()) {
            return; // nothing to pass on (and asking would make the JDK print a warning)
        }
        for (Module m : controller.layer().modules()) {
            controller.enableNativeAccess(m);
        }
    }

    /** The message and, where it adds something, the cause's (FindException wraps "invalid CEN header" and the like). */
    static String oneLine(Throwable e) {
        String text = e.getMessage() == null ? e.toString() : e.getMessage();
        if (e.getCause() != null && e.getCause().getMessage() != null && !text.contains(e.getCause().getMessage())) {
            text += ": " + e.getCause().getMessage();
        }
        return text.replace('\n', ' ');
    }
}
