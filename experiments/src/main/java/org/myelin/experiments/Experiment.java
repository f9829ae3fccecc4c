package org.myelin.experiments;

import java.nio.file.Path;

/** One of the course's experiments: trains, measures, and writes its table, plots and report. */
public interface Experiment {

    /** @return the name used on the command line, such as {@code depth} */
    String name();

    /** @return one line on what it shows, for help and listings */
    String description();

    /**
     * Runs the experiment. The settings are checked and the output folder prepared before it is
     * called (see {@link Experiments#run}).
     *
     * @param settings the user's choices; what is null takes the experiment's default
     * @param out      the folder to write the PNGs and the HTML report into; it exists and is writable
     * @param progress where progress goes
     * @return the table and the files written
     */
    ExperimentResult run(ExperimentSettings settings, Path out, ExperimentProgress progress);
}
