package org.myelin.optim;

import org.myelin.api.Optimizer;

/**
 * Multiplies the learning rate by {@code gamma} every {@code stepSize} epochs, as PyTorch's
 * {@code StepLR}: {@code lr = baseLr · gamma^floor(epoch / stepSize)}.
 */
public final class StepLR extends EpochScheduler {
    private final int stepSize;
    private final double gamma;

    /**
     * @param optimizer the optimizer whose rate to change; its current rate is the base rate
     * @param stepSize  epochs between decays, positive
     * @param gamma     the factor applied at each decay, positive and finite, such as 0.1
     * @throws org.myelin.api.InvalidArgumentException when an argument is out of range
     */
    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        super("StepLR", optimizer);
        this.stepSize = Checks.positiveCount("StepLR", "stepSize", stepSize, "30");
        this.gamma = Checks.positive("StepLR", "gamma", gamma, "0.1");
    }

    @Override
    double rateAt(int epoch, double baseLearningRate) {
        return baseLearningRate * Math.pow(gamma, epoch / stepSize);
    }
}
