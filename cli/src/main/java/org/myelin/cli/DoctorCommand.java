package org.myelin.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.myelin.api.spi.BackendReport;
import org.myelin.api.spi.EngineRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code myelin doctor}: what Myelin found on this machine, what it picked, and why. */
@Command(name = "doctor", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Show the Java version, the backends found and which one is used, and the operators.")
final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.ParentCommand
    Main main;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Java: " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
        out.println("CPU cores: " + Runtime.getRuntime().availableProcessors());
        out.println("Backends:");
        for (BackendReport r : EngineRuntime.get().backends()) {
            out.printf("  %-10s %-5s priority %-4d %s%n      %s%n", r.name(), r.deviceType(), r.priority(),
                    r.reason(), r.description());
        }
        var operators = org.myelin.api.TensorEngine.get().operators();
        out.println("Operators (" + operators.size() + "): " + String.join(" ", operators));
        out.println("Layers:");
        org.myelin.nn.Layers.available(main.plugins().layerProviders()).forEach((name, p) -> out.printf("  %-11s %s%n", name, p.usage()));
        out.println("Optimizers: " + String.join(" ", org.myelin.optim.Optimizers.available(main.plugins().optimizerProviders()).keySet()));
        main.plugins().print(out);
        java.nio.file.Path data = org.myelin.data.DatasetCache.defaultRoot();
        out.println("Datasets: cache " + data + (java.nio.file.Files.isDirectory(data.resolve("mnist")) ? " (mnist present)"
                : " (mnist not fetched yet; myelin train fetches it)"));
        return 0;
    }
}
