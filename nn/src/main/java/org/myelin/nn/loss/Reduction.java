package org.myelin.nn.loss;

import org.myelin.api.Tensor;

/** How a loss turns its per-element values into its result, as PyTorch's {@code reduction}. */
public enum Reduction {
    /** The mean over the elements (or samples): the default. */
    MEAN,
    /** The sum over the elements (or samples). */
    SUM,
    /** No reduction: one loss value per element (or sample). */
    NONE;

    /**
     * @param perElement the unreduced losses
     * @return their mean, their sum, or themselves
     */
    public Tensor apply(Tensor perElement) {
        return switch (this) {
            case MEAN -> perElement.mean();
            case SUM -> perElement.sum();
            case NONE -> perElement;
        };
    }
}
