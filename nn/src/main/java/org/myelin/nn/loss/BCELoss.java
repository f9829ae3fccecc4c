package org.myelin.nn.loss;

import org.myelin.api.GradMode;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Tensor;

/**
 * Binary cross-entropy on probabilities: -(y·log x + (1-y)·log(1-x)), reduced. As in PyTorch,
 * each log is clamped at -100, so an output of exactly 0 or 1 gives a large finite loss rather
 * than infinity, and the gradient is (x - y) / max(x(1-x), 1e-12). For logits, prefer
 * {@link BCEWithLogitsLoss}, which is stable without the clamp.
 */
public class BCELoss extends ReducingLoss {
    private static final BinaryCrossEntropyOp OP = new BinaryCrossEntropyOp();

    /** The mean over the elements. */
    public BCELoss() {
        this(Reduction.MEAN);
    }

    /** @param reduction how the per-element losses are combined */
    public BCELoss(Reduction reduction) {
        super(reduction);
    }

    /**
     * @param input  probabilities in [0, 1], such as a sigmoid's output
     * @param target probabilities in [0, 1], the same shape
     * @return the loss
     * @throws InvalidArgumentException when an input lies outside [0, 1], as logits would
     */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        Tensor y = LossChecks.sameShapeFloatTarget("BCELoss", input, target);
        checkProbabilities(input);
        return reduction().apply(Tensor.apply(OP, input, y));
    }

    private static void checkProbabilities(Tensor input) {
        try (var g = GradMode.noGrad()) {
            double outside = input.lt(0).sum().item() + input.gt(1).sum().item();
            if (outside > 0) {
                throw new InvalidArgumentException("BCELoss: " + (long) outside + " of the " + input.numel()
                        + " inputs lie outside [0, 1]; BCELoss takes probabilities. Apply sigmoid first, or give the "
                        + "logits to BCEWithLogitsLoss, which is also more stable");
            }
        }
    }
}
