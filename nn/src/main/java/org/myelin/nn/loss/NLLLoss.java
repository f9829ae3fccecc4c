package org.myelin.nn.loss;

import org.myelin.api.Tensor;

/**
 * Negative log-likelihood: -input[i, target[i]], reduced, for log-probabilities such as a
 * {@link org.myelin.nn.LogSoftmax}'s output and INT64 class indices.
 */
public class NLLLoss extends ReducingLoss {
    /** The mean over the samples. */
    public NLLLoss() {
        this(Reduction.MEAN);
    }

    /** @param reduction how the per-sample losses are combined */
    public NLLLoss(Reduction reduction) {
        super(reduction);
    }

    /**
     * @param input  log-probabilities (N, C), (N, C, d...) or (C)
     * @param target INT64 class indices, (N), (N, d...) or a scalar
     * @return the loss
     */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        ClassTargets.checkInput("NLLLoss", input);
        return reduction().apply(ClassTargets.negativePicked("NLLLoss", input, target));
    }
}
