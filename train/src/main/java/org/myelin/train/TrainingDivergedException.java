package org.myelin.train;

import org.myelin.api.MyelinException;

/**
 * A step's loss was NaN or infinite. The optimizer did not take that step, so the weights are still
 * those of the step before; the trainer stops, since they would be broken from there on.
 */
public final class TrainingDivergedException extends MyelinException {
    private static final long serialVersionUID = 1L;

    private final double loss;
    private final int epoch;
    private final long step;
    private final double learningRate;

    TrainingDivergedException(double loss, int epoch, long step, double learningRate) {
        super("training diverged: the loss became " + (Double.isNaN(loss) ? "NaN" : "infinite") + " at epoch " + epoch
                + ", step " + step + " (learning rate " + learningRate + "); lower the learning rate (try ten times "
                + "smaller), or train under GradMode.detectAnomaly() to see which operator made it");
        this.loss = loss;
        this.epoch = epoch;
        this.step = step;
        this.learningRate = learningRate;
    }

    /** @return the loss that was not finite */
    public double loss() {
        return loss;
    }

    /** @return the epoch, from 1 */
    public int epoch() {
        return epoch;
    }

    /** @return the step within the epoch, from 1 */
    public long step() {
        return step;
    }

    /** @return the learning rate of that step */
    public double learningRate() {
        return learningRate;
    }
}
