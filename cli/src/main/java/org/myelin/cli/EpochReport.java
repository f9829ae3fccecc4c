package org.myelin.cli;

import java.io.PrintWriter;
import org.myelin.data.DataLoader;
import org.myelin.nn.Module;
import org.myelin.train.EpochMetrics;
import org.myelin.train.Evaluation;
import org.myelin.train.StepMetrics;
import org.myelin.train.TrainerCallback;

/**
 * What {@code myelin train} shows: a progress bar per epoch, then one line with the losses and the
 * accuracies; the warnings the trainer raises; and, with {@code --log-dir}, the metrics files.
 */
final class EpochReport implements TrainerCallback, AutoCloseable {
    private final Module model;
    private final DataLoader test;
    private final int epochs;
    private final String modelName;
    private final PrintWriter out;
    private final PrintWriter err;
    private final MetricsLog log;
    private Progress progress;

    EpochReport(Module model, DataLoader test, int epochs, String modelName, PrintWriter out, PrintWriter err, MetricsLog log) {
        this.model = model;
        this.test = test;
        this.epochs = epochs;
        this.modelName = modelName;
        this.out = out;
        this.err = err;
        this.log = log;
    }

    @Override
    public void onEpochStart(int epoch, long firstStep, long steps) {
        Activity.set("training epoch " + epoch + " of the model '" + modelName + "'");
        progress = Progress.start("epoch " + epoch + "/" + epochs, steps, out);
    }

    @Override
    public void onStep(StepMetrics step) {
        progress.update(step.step(), step.meanLoss(), step.examples());
    }

    @Override
    public void onEpochEnd(EpochMetrics m) {
        close();
        Activity.set("testing epoch " + m.epoch() + " of the model '" + modelName + "'");
        double testAccuracy = Evaluation.of(model, test, null).accuracy();
        String validation = m.validated()
                ? String.format("val loss %.4f  val accuracy %.2f%%  ", m.validationLoss(), 100 * m.validationAccuracy()) : "";
        out.printf("epoch %d/%d  train loss %.4f  %stest accuracy %.2f%%  %.1f s%n", m.epoch(), epochs, m.trainLoss(),
                validation, 100 * testAccuracy, m.seconds());
        out.flush();
        if (log != null) {
            log.add(m, testAccuracy);
        }
    }

    @Override
    public void onLossExploding(double firstLoss, double loss, int epoch, long step) {
        err.printf("myelin: warning: the loss grew from %.4g to %.4g by epoch %d, step %d: training is diverging "
                + "(the outputs saturate); lower --lr%n", firstLoss, loss, epoch, step);
        err.flush();
    }

    @Override
    public void onEarlyStop(int epoch, int bestEpoch, double best) {
        out.printf("stopping early after epoch %d: the validation accuracy has not beaten epoch %d's %.2f%% since%n",
                epoch, bestEpoch, 100 * best);
        out.flush();
    }

    /** Closes the epoch's progress bar, if one is open (a run that fails mid-epoch leaves one). */
    @Override
    public void close() {
        if (progress != null) {
            progress.close();
            progress = null;
        }
    }
}
