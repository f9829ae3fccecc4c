package org.myelin.optim;

import org.myelin.api.Optimizer;

/**
 * Anneals the learning rate along a half cosine from the base rate to {@code etaMin} over {@code tMax}
 * epochs, as PyTorch's {@code CosineAnnealingLR} (closed form, no restarts):
 * {@code lr = etaMin + (baseLr − etaMin)·(1 + cos(π·epoch/tMax))/2}. Past tMax the cosine continues,
 * climbing back towards the base rate, as PyTorch's does.
 */
public final class CosineAnnealingLR extends EpochScheduler {
    private final int tMax;
    private final double etaMin;

    /**
     * @param optimizer the optimizer whose rate to change; its current rate is the base rate
     * @param tMax      epochs from the base rate down to etaMin, positive
     * @param etaMin    the lowest rate, 0 or more and finite
     * @throws org.myelin.api.InvalidArgumentException when an argument is out of range
     */
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        super("CosineAnnealingLR", optimizer);
        this.tMax = Checks.positiveCount("CosineAnnealingLR", "tMax", tMax, "100");
        this.etaMin = Checks.nonNegative("CosineAnnealingLR", "etaMin", etaMin, "0");
    }

    @Override
    double rateAt(int epoch, double baseLearningRate) {
        return etaMin + (baseLearningRate - etaMin) * (1 + Math.cos(Math.PI * epoch / tMax)) / 2;
    }
}
