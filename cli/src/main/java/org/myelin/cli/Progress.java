package org.myelin.cli;

import java.io.PrintWriter;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows how an epoch is going: a live bar (step, loss, examples/s, ETA) on a terminal, and plain
 * lines at every tenth of the epoch otherwise, so logs stay readable.
 */
interface Progress extends AutoCloseable {

    /** @param step steps done in this epoch @param loss the running mean loss @param examples examples seen */
    void update(long step, double loss, long examples);

    @Override
    void close();

    /** @return a bar when standard output is a terminal, else plain lines */
    static Progress start(String task, long steps, PrintWriter out) {
        java.io.Console console = System.console();
        if (console != null && console.isTerminal()) {
            return new Bar(task, steps);
        }
        return new Lines(task, steps, out);
    }

    /** The live bar of the progressbar library. */
    final class Bar implements Progress {
        private final ProgressBar bar;
        private final long started = System.nanoTime();

        Bar(String task, long steps) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(steps).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250).setMaxRenderedLength(110).build();
        }

        @Override
        public void update(long step, double loss, long examples) {
            double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
            bar.stepTo(step);
            bar.setExtraMessage(String.format(" loss %.4f %6.0f ex/s", loss, examples / seconds));
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    /** Plain lines, for logs and pipes. */
    final class Lines implements Progress {
        private final String task;
        private final long steps;
        private final PrintWriter out;
        private final long started = System.nanoTime();
        private long nextReport;

        Lines(String task, long steps, PrintWriter out) {
            this.task = task;
            this.steps = steps;
            this.out = out;
            this.nextReport = Math.max(1, steps / 10);
        }

        @Override
        public void update(long step, double loss, long examples) {
            if (step < nextReport || step >= steps) {
                return;
            }
            nextReport += Math.max(1, steps / 10);
            double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
            long eta = Math.round(seconds / step * (steps - step));
            out.printf("%s step %d/%d  loss %.4f  %.0f ex/s  ETA %s%n", task, step, steps, loss, examples / seconds,
                    format(Duration.ofSeconds(eta)));
            out.flush();
        }

        private static String format(Duration d) {
            return d.toMinutes() > 0 ? d.toMinutes() + "m" + d.toSecondsPart() + "s" : d.toSeconds() + "s";
        }

        @Override
        public void close() {
            out.flush();
        }
    }
}
