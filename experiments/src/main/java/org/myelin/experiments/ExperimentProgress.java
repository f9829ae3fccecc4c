package org.myelin.experiments;

import java.io.PrintWriter;

/**
 * Where an experiment reports how it is going: one bar (or a few plain lines) per training epoch,
 * and a line for each finished stage. The command line plugs in its own progress bar; tests use
 * {@link #silent()}.
 */
public interface ExperimentProgress {

    /**
     * Starts one epoch's worth of steps.
     *
     * @param task  what is running, such as "depth 2, epoch 3/30"
     * @param steps the number of steps the epoch will take
     * @return the handle to update and close
     */
    Steps start(String task, long steps);

    /** @param line a finished stage, such as an epoch's accuracy */
    void message(String line);

    /** The steps of one epoch. */
    interface Steps extends AutoCloseable {
        /**
         * @param step     steps done so far
         * @param loss     the running mean loss
         * @param examples examples seen so far
         */
        void update(long step, double loss, long examples);

        @Override
        void close();
    }

    /** @return progress that shows nothing */
    static ExperimentProgress silent() {
        return new ExperimentProgress() {
            @Override
            public Steps start(String task, long steps) {
                return new Steps() {
                    @Override
                    public void update(long step, double loss, long examples) {}

                    @Override
                    public void close() {}
                };
            }

            @Override
            public void message(String line) {}
        };
    }

    /**
     * @param out where the stage lines go; epochs show nothing in between
     * @return progress that prints one line per finished stage
     */
    static ExperimentProgress lines(PrintWriter out) {
        ExperimentProgress quiet = silent();
        return new ExperimentProgress() {
            @Override
            public Steps start(String task, long steps) {
                return quiet.start(task, steps);
            }

            @Override
            public void message(String line) {
                out.println(line);
                out.flush();
            }
        };
    }
}
