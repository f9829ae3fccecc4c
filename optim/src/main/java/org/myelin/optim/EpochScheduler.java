package org.myelin.optim;

import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Optimizer;

/**
 * A schedule whose rate is a closed-form function of the epoch count and the base rate, as PyTorch's
 * {@code _get_closed_form_lr}: computing from scratch each epoch, instead of multiplying the last rate,
 * keeps rounding from accumulating.
 */
abstract class EpochScheduler implements LRScheduler {
    private final Optimizer optimizer;
    private final double baseLearningRate;
    private int epoch;
    private double lastLearningRate;

    EpochScheduler(String name, Optimizer optimizer) {
        if (optimizer == null) {
            throw new InvalidArgumentException(name + ": the optimizer is null; pass the optimizer whose learning rate to schedule");
        }
        this.optimizer = optimizer;
        this.baseLearningRate = optimizer.learningRate();
        // Epoch 0 is the base rate in every schedule here, so the optimizer is left as it is.
        this.lastLearningRate = baseLearningRate;
    }

    @Override
    public final void step() {
        epoch++;
        lastLearningRate = rateAt(epoch, baseLearningRate);
        optimizer.setLearningRate(lastLearningRate);
    }

    @Override
    public final double lastLearningRate() {
        return lastLearningRate;
    }

    /** @return how many times {@link #step()} has run */
    public final int epoch() {
        return epoch;
    }

    /** @return the learning rate for this epoch, given the rate at epoch 0 */
    abstract double rateAt(int epoch, double baseLearningRate);
}
