package org.myelin.optim;

import java.util.Map;
import org.myelin.api.Tensor;

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

    /** @return the learning rate this scheduler set last (epoch 0's before any step) */
    double lastLearningRate();

    /**
     * @return what a resumed run needs to continue the schedule, as PyTorch's {@code state_dict()}:
     *         {@code last_epoch}, {@code base_lr} and {@code last_lr}
     */
    Map<String, Tensor> stateDict();

    /**
     * Restores what {@link #stateDict()} gave and sets the optimizer's rate to the restored one.
     *
     * @param state the state, by name
     * @throws org.myelin.api.InvalidArgumentException when a name is missing or unknown
     */
    void loadStateDict(Map<String, Tensor> state);
}
