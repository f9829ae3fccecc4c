package org.myelin.optim;

import org.myelin.api.Optimizer;

/**
 * Scales the base rate by a factor that moves linearly from {@code startFactor} to {@code endFactor}
 * over {@code totalEpochs} epochs and stays there, as PyTorch's {@code LinearLR}; with a start below 1
 * it is the usual warm-up: {@code lr = baseLr·(start + (end − start)·min(epoch, total)/total)}.
 * Unlike the other schedules here it changes the optimizer's rate at once, to epoch 0's.
 */
public final class LinearLR extends EpochScheduler {
    private final double startFactor;
    private final double endFactor;
    private final int totalEpochs;

    /**
     * @param optimizer   the optimizer whose rate to change; its current rate is the base rate
     * @param startFactor the factor at epoch 0, in (0, 1]
     * @param endFactor   the factor from {@code totalEpochs} on, in [0, 1]
     * @param totalEpochs epochs the factor takes to get there, positive
     * @throws org.myelin.api.InvalidArgumentException when an argument is out of range
     */
    public LinearLR(Optimizer optimizer, double startFactor, double endFactor, int totalEpochs) {
        super("LinearLR", optimizer);
        if (!(startFactor > 0 && startFactor <= 1)) {
            throw new org.myelin.api.InvalidArgumentException("LinearLR: startFactor " + startFactor
                    + " must be above 0 and at most 1, such as 0.1 for a warm-up");
        }
        this.startFactor = startFactor;
        this.endFactor = Checks.fraction("LinearLR", "endFactor", endFactor, "1");
        this.totalEpochs = Checks.positiveCount("LinearLR", "totalEpochs", totalEpochs, "5");
        startAtEpochZero();
    }

    @Override
    double rateAt(int epoch, double baseLearningRate) {
        double progress = Math.min(epoch, totalEpochs) / (double) totalEpochs;
        return baseLearningRate * (startFactor + (endFactor - startFactor) * progress);
    }
}
