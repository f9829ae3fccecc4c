package org.myelin.nn.loss;

import org.myelin.api.Tensor;

/**
 * Binary cross-entropy on logits, sigmoid included: stable for any logit, as PyTorch's
 * {@code BCEWithLogitsLoss}. Per element it is max(x, 0) - x·y + log(1 + e^-|x|), written as
 * (1 - y)·x + softplus(-x), whose gradient is exactly sigmoid(x) - y, with no overflow for large |x|.
 */
public class BCEWithLogitsLoss extends ReducingLoss {
    /** The mean over the elements. */
    public BCEWithLogitsLoss() {
        this(Reduction.MEAN);
    }

    /** @param reduction how the per-element losses are combined */
    public BCEWithLogitsLoss(Reduction reduction) {
        super(reduction);
    }

    /**
     * @param input  logits, any shape
     * @param target probabilities in [0, 1], the same shape
     * @return the loss
     */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        Tensor y = LossChecks.sameShapeFloatTarget("BCEWithLogitsLoss", input, target);
        // softplus(-x) = max(-x, 0) + log1p(e^-|x|), computed stably by the softplus kernel.
        return reduction().apply(y.rsub(1).mul(input).add(input.neg().softplus()));
    }
}
