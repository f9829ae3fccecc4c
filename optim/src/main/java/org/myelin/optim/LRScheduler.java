package org.myelin.optim;

/**
 * Changes an optimizer's learning rate as training goes on. Built around an optimizer, whose current
 * rate becomes the base rate; call {@link #step()} once per epoch, after the optimizer's own steps.
 *
 * <pre>{@code
 * var schedule = new StepLR(opt, 30, 0.1);
 * for (int epoch = 0; epoch < 90; epoch++) {
 *     trainOneEpoch(opt);
 *     schedule.step();
 * }
 * }</pre>
 */
public interface LRScheduler {

    /** Advances one epoch and sets the optimizer's learning rate for it. */
    void step();

    /** @return the learning rate this scheduler set last (the base rate before any step) */
    double lastLearningRate();
}
