package org.myelin.cli;

import java.io.PrintWriter;
import org.myelin.api.Device;
import org.myelin.api.Optimizer;
import org.myelin.api.Tensor;
import org.myelin.data.DataLoader;
import org.myelin.nn.Module;
import org.myelin.nn.loss.CrossEntropyLoss;

/**
 * The course's loop: forward, loss, zeroGrad, backward, step; once per batch. It watches the loss:
 * the first NaN or infinity stops the run (the weights are broken from then on), and a loss that
 * explodes while staying finite gets one warning.
 */
final class TrainingLoop {
    /** A loss this many times the first step's (and above {@link #EXPLODED_FLOOR}) is a run going astray. */
    private static final double EXPLOSION = 1000;
    private static final double EXPLODED_FLOOR = 100;

    private final Module model;
    private final Optimizer optimizer;
    private final CrossEntropyLoss loss;
    private final Device device;
    private final PrintWriter err;
    private double firstLoss = Double.NaN;
    private boolean warned;

    TrainingLoop(Module model, Optimizer optimizer, CrossEntropyLoss loss, Device device, PrintWriter err) {
        this.model = model;
        this.optimizer = optimizer;
        this.loss = loss;
        this.device = device;
        this.err = err;
    }

    /**
     * @return the mean training loss over the epoch
     * @throws RunFailed at the first step whose loss is not finite
     */
    double epoch(DataLoader loader, int epoch, String task, PrintWriter out) {
        model.train();
        double sum = 0;
        long steps = 0;
        long examples = 0;
        try (Progress progress = Progress.start(task, loader.numBatches(), out)) {
            for (DataLoader.Batch batch : loader) {
                Tensor x = batch.inputs().to(device);
                Tensor y = batch.targets().to(device);
                Tensor l = loss.forward(model.forward(x), y);
                optimizer.zeroGrad();
                l.backward();
                optimizer.step();
                double value = l.item();
                steps++;
                watch(value, epoch, steps);
                sum += value;
                examples += x.size(0);
                progress.update(steps, sum / steps, examples);
            }
        }
        return steps == 0 ? Double.NaN : sum / steps;
    }

    private void watch(double value, int epoch, long step) {
        if (!Double.isFinite(value)) {
            throw new RunFailed("training diverged: the loss became " + (Double.isNaN(value) ? "NaN" : "infinite")
                    + " at epoch " + epoch + ", step " + step + " (learning rate " + optimizer.learningRate()
                    + "); lower --lr (try ten times smaller), or run with --detect-anomaly to see which operator made it");
        }
        if (Double.isNaN(firstLoss)) {
            firstLoss = value;
        } else if (!warned && value > EXPLODED_FLOOR && value > EXPLOSION * firstLoss) {
            warned = true;
            err.printf("myelin: warning: the loss grew from %.4g to %.4g by epoch %d, step %d: training is diverging "
                    + "(the outputs saturate); lower --lr%n", firstLoss, value, epoch, step);
            err.flush();
        }
    }
}
