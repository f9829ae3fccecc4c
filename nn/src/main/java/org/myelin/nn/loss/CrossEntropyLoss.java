package org.myelin.nn.loss;

import org.myelin.api.Op;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.Tensor;
import org.myelin.api.Attrs;

/**
 * Cross-entropy on raw scores (logits): log-softmax, computed stably with log-sum-exp, then the
 * negative log-probability of the right class, as PyTorch's {@code CrossEntropyLoss}. The target
 * is INT64 class indices (N) for an input (N, C), or class probabilities of the input's shape.
 *
 * <p>With label smoothing ε, PyTorch's formula: (1-ε)·(-log p[target]) + ε·mean over classes of
 * (-log p); for probability targets the target becomes (1-ε)·t + ε/C.
 */
public class CrossEntropyLoss extends ReducingLoss {
    private final double labelSmoothing;

    /** The mean over the samples, without label smoothing. */
    public CrossEntropyLoss() {
        this(Reduction.MEAN);
    }

    /** @param reduction how the per-sample losses are combined */
    public CrossEntropyLoss(Reduction reduction) {
        this(reduction, 0);
    }

    private CrossEntropyLoss(Reduction reduction, double labelSmoothing) {
        super(reduction);
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new InvalidArgumentException("CrossEntropyLoss: label smoothing must be in [0, 1], got " + labelSmoothing);
        }
        this.labelSmoothing = labelSmoothing;
    }

    /**
     * @param epsilon the share of the target spread evenly over all classes, in [0, 1]
     * @return a loss like this one with that label smoothing
     */
    public CrossEntropyLoss labelSmoothing(double epsilon) {
        return new CrossEntropyLoss(reduction(), epsilon);
    }

    /** @return the label smoothing ε */
    public double labelSmoothing() {
        return labelSmoothing;
    }

    /**
     * @param input  scores (N, C), (N, C, d...) or (C)
     * @param target INT64 class indices of the input's shape without the class axis, or
     *               floating-point class probabilities of the input's shape
     * @return the loss
     */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        ClassTargets.checkInput("CrossEntropyLoss", input);
        int axis = ClassTargets.classAxis(input);
        if (target.dtype().isFloatingPoint() && target.shape().equals(input.shape())) {
            return reduction().apply(probabilityTargets(input.logSoftmax(axis), target.to(input.dtype()), axis));
        }
        if (target.dtype().isFloatingPoint() && target.dim() == input.dim()) {
            throw new ShapeMismatchException("CrossEntropyLoss: probability targets must have the input's shape "
                    + input.shape() + ", got " + target.shape());
        }
        if (labelSmoothing == 0 && input.dim() == 2) {
            // The common case in one fused operator: its gradient is softmax minus one-hot, in one step.
            ClassTargets.checkIndices("CrossEntropyLoss", input, target);
            return Tensor.apply(Op.CROSS_ENTROPY, Attrs.of("reduction", reduction().name()), input, target);
        }
        Tensor logp = input.logSoftmax(axis);
        Tensor nll = ClassTargets.negativePicked("CrossEntropyLoss", logp, target);
        if (labelSmoothing == 0) {
            return reduction().apply(nll);
        }
        long classes = input.size(axis);
        Tensor smooth = logp.sum(axis, false).neg();
        return reduction().apply(nll.mul(1 - labelSmoothing).add(smooth.mul(labelSmoothing / classes)));
    }

    private Tensor probabilityTargets(Tensor logp, Tensor target, int axis) {
        Tensor t = target;
        if (labelSmoothing != 0) {
            t = t.mul(1 - labelSmoothing).add(labelSmoothing / logp.size(axis));
        }
        return logp.mul(t).sum(axis, false).neg();
    }

    @Override
    public String toString() {
        return "CrossEntropyLoss(reduction=" + reduction() + (labelSmoothing == 0 ? "" : ", labelSmoothing=" + labelSmoothing) + ")";
    }
}
