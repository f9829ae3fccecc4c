package org.myelin.experiments;

import java.nio.file.Path;
import java.util.List;
import org.myelin.api.Tensor;
import org.myelin.api.UnknownNameException;

/** The experiments Myelin ships, by name, and the one way to run one. */
public final class Experiments {
    private static final List<Experiment> ALL = List.of(new DepthExperiment(), new VanishingExperiment(),
            new ActivationsExperiment(), new RegularizationExperiment(), new DecisionBoundaryExperiment(), new CnnExperiment());

    private Experiments() {}

    /** @return every experiment, in the course's order */
    public static List<Experiment> all() {
        return ALL;
    }

    /**
     * @param name an experiment's name, such as {@code depth}
     * @return the experiment
     * @throws UnknownNameException naming the known experiments
     */
    public static Experiment named(String name) {
        for (Experiment e : ALL) {
            if (e.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return e;
            }
        }
        throw new UnknownNameException("unknown experiment '" + name + "'; known experiments: "
                + String.join(", ", ALL.stream().map(Experiment::name).toList()));
    }

    /**
     * Checks the settings, prepares the folder, seeds the generator and runs the experiment.
     *
     * @param name     the experiment's name
     * @param settings the user's choices
     * @param out      the folder to write into; created when missing
     * @param progress where progress goes
     * @return what the run produced
     * @throws org.myelin.api.MyelinException for an unknown name, a bad setting or a folder that cannot be written
     */
    public static ExperimentResult run(String name, ExperimentSettings settings, Path out, ExperimentProgress progress) {
        Experiment experiment = named(name);
        settings.check();
        OutputFolder.prepare(out);
        Tensor.manualSeed(settings.seed());
        return experiment.run(settings, out, progress);
    }
}
