package org.myelin.api;

import java.util.Map;

/** Updates parameters from their gradients. Built by name through an {@code OptimizerProvider}. */
public interface Optimizer {

    /** Clears the gradients of every parameter this optimizer updates. */
    void zeroGrad();

    /** Applies one update from the current gradients, without recording a graph. */
    void step();

    /** @return the current learning rate */
    double learningRate();

    /** @param learningRate the new learning rate, for schedules */
    void setLearningRate(double learningRate);

    /**
     * Everything a resumed run needs to continue exactly where this one is, as PyTorch's
     * {@code optimizer.state_dict()} flattened to names: {@code param_groups.0.lr} and, per
     * parameter {@code i}, buffers such as {@code state.i.momentum_buffer} or {@code state.i.exp_avg}
     * and {@code state.i.step}. The tensors are copies, so saving them later sees this moment's state.
     *
     * <p>The default refuses, since an optimizer that keeps state but does not save it would resume
     * silently wrong; a stateless plugin optimizer may return just its learning rate.
     *
     * @return the state, by name
     * @throws InvalidArgumentException when this optimizer cannot save its state
     */
    default Map<String, Tensor> stateDict() {
        throw new InvalidArgumentException("the optimizer " + getClass().getName() + " does not implement stateDict(), so "
                + "its state cannot be saved for a resumed run; save the weights alone, or implement stateDict() and "
                + "loadStateDict()");
    }

    /**
     * Restores what {@link #stateDict()} gave, for the same parameters in the same order.
     *
     * @param state the state, by name
     * @throws InvalidArgumentException when a name is missing or unknown, or a shape does not fit
     */
    default void loadStateDict(Map<String, Tensor> state) {
        throw new InvalidArgumentException("the optimizer " + getClass().getName() + " does not implement loadStateDict(), "
                + "so a run cannot resume with it; start the run afresh");
    }
}
