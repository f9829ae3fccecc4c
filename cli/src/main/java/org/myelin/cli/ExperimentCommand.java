package org.myelin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.myelin.experiments.Experiment;
import org.myelin.experiments.ExperimentProgress;
import org.myelin.experiments.ExperimentResult;
import org.myelin.experiments.ExperimentSettings;
import org.myelin.experiments.Experiments;
import org.myelin.experiments.OutputFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code myelin experiment NAME}: reruns one of the course's experiments and writes its table,
 * PNG plots and a self-contained HTML report. The work is in {@code org.myelin.experiments}; this
 * class only reads options and shows progress.
 */
@Command(name = "experiment", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Rerun one of the course's experiments; prints a table and writes PNG plots and an HTML report.",
            "NAME: depth, vanishing, activations, regularization or decision-boundary."})
final class ExperimentCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The experiment: depth, vanishing, activations, regularization, decision-boundary.")
    String name;

    @Option(names = "--out", description = "Folder for the PNGs and the HTML report (default: runs/NAME-<time>).")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for initialisation, shuffling, dropout and generated data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--epochs", description = "Passes over the training set (default: the experiment's, e.g. 30 for depth).")
    Integer epochs;

    @Option(names = "--lr", description = "Learning rate (default: the experiment's, e.g. 0.1 for depth).")
    Double lr;

    @Option(names = "--batch-size", description = "Examples per step (default: the experiment's, 10 for all).")
    Integer batchSize;

    @Option(names = "--train-size", description = "Training examples, the first N (default: the experiment's, e.g. 1000 for regularization).")
    Integer trainSize;

    @Option(names = "--test-size", description = "Test examples, the first N (default: all 10,000 for MNIST).")
    Integer testSize;

    @Option(names = "--backend", description = "Kernel pack to use, e.g. cpu-simd or reference (default: the best available).")
    String backend;

    @Option(names = "--data", description = "Dataset cache folder (default: $MYELIN_DATA, else ~/.cache/myelin/datasets).")
    Path dataDir;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        Experiment experiment = Experiments.named(name);
        ExperimentSettings settings = new ExperimentSettings(seed, epochs, lr, batchSize, trainSize, testSize, dataDir).check();
        Backends.select(backend, "cpu");
        // Made and probed before any training, so a bad --out fails at once rather than after minutes.
        Path folder = OutputFolder.prepare(out != null ? out : OutputFolder.defaultFor(experiment.name(), LocalDateTime.now()));
        stdout.println("experiment " + experiment.name() + ": " + experiment.description());
        ExperimentResult result = Experiments.run(experiment.name(), settings, folder, progress(stdout));
        stdout.println();
        stdout.print(result.table().text());
        result.notes().forEach(line -> stdout.println("* " + line));
        stdout.println();
        result.images().forEach(p -> stdout.println("plot    " + p));
        stdout.println("report  " + result.report());
        stdout.printf(Locale.ROOT, "done in %.1f s%n", result.seconds());
        stdout.flush();
        return 0;
    }

    /** A live bar per epoch on a terminal; in logs only the experiment's one line per epoch, so they stay short. */
    private static ExperimentProgress progress(PrintWriter out) {
        java.io.Console console = System.console();
        boolean terminal = console != null && console.isTerminal();
        ExperimentProgress quiet = ExperimentProgress.silent();
        return new ExperimentProgress() {
            @Override
            public Steps start(String task, long steps) {
                if (!terminal) {
                    return quiet.start(task, steps);
                }
                Progress bar = Progress.start(task, steps, out);
                return new Steps() {
                    @Override
                    public void update(long step, double loss, long examples) {
                        bar.update(step, loss, examples);
                    }

                    @Override
                    public void close() {
                        bar.close();
                    }
                };
            }

            @Override
            public void message(String line) {
                out.println(line);
                out.flush();
            }
        };
    }
}
