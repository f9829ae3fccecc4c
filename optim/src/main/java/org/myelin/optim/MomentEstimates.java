package org.myelin.optim;

import org.myelin.api.Op;
import org.myelin.api.Tensor;
import org.myelin.api.Attrs;

/**
 * Adam's per-parameter state and update, shared by {@link Adam} and {@link AdamW} (they differ only in
 * how weight decay enters). The arithmetic is PyTorch 1.13's:
 *
 * <pre>
 * t += 1
 * m = β1·m + (1 − β1)·g
 * v = β2·v + (1 − β2)·g²
 * vmax = max(vmax, v)                     with amsgrad, which then uses vmax for v below
 * p = p − lr/(1 − β1^t) · m / (sqrt(v)/sqrt(1 − β2^t) + eps)
 * </pre>
 */
final class MomentEstimates {
    private final Tensor[] firstMoments;
    private final Tensor[] secondMoments;
    private final Tensor[] maxSecondMoments;
    private final long[] steps;

    /** @return the moment arrays by PyTorch's names, for the optimizer's state dict */
    java.util.Map<String, Tensor[]> buffers() {
        var names = new java.util.LinkedHashMap<String, Tensor[]>();
        names.put("exp_avg", firstMoments);
        names.put("exp_avg_sq", secondMoments);
        names.put("max_exp_avg_sq", maxSecondMoments);
        return names;
    }

    /** @return the per-parameter step counts, shared, not copied */
    long[] steps() {
        return steps;
    }

    MomentEstimates(int parameterCount) {
        firstMoments = new Tensor[parameterCount];
        secondMoments = new Tensor[parameterCount];
        maxSecondMoments = new Tensor[parameterCount];
        steps = new long[parameterCount];
    }

    /**
     * One Adam or AdamW step (without AMSGrad) in one pass of the backend's fused kernel, operator
     * {@code adam_step}: the same formulas, no temporaries. Weight decay is the kernel's: added to the
     * gradient ({@code decoupled} false, Adam) or applied as {@code p *= 1 - lr*wd} first (AdamW).
     */
    void applyFused(int index, Tensor p, Tensor g, double lr, double beta1, double beta2, double eps,
                    double weightDecay, boolean decoupled) {
        if (firstMoments[index] == null) {
            firstMoments[index] = AbstractOptimizer.zerosLike(p);
            secondMoments[index] = AbstractOptimizer.zerosLike(p);
        }
        long t = ++steps[index];
        Tensor.apply(Op.ADAM_STEP, Attrs.of("lr", lr, "beta1", beta1, "beta2", beta2, "eps", eps,
                "weightDecay", weightDecay, "decoupled", decoupled, "step", t),
                p, g, firstMoments[index], secondMoments[index]);
    }

    /** Applies one Adam step to parameter {@code index}, in place; {@code g} already holds any L2 term. */
    void apply(int index, Tensor p, Tensor g, double lr, double beta1, double beta2, double eps, boolean amsgrad) {
        if (firstMoments[index] == null) {
            firstMoments[index] = AbstractOptimizer.zerosLike(p);
            secondMoments[index] = AbstractOptimizer.zerosLike(p);
        }
        // The step count is per parameter, as in PyTorch: a parameter without a gradient does not advance.
        long t = ++steps[index];
        Tensor m = firstMoments[index].mulInPlace(beta1).addInPlace(g.mul(1 - beta1));
        Tensor v = secondMoments[index].mulInPlace(beta2).addInPlace(g.square().mulInPlace(1 - beta2));
        if (amsgrad) {
            if (maxSecondMoments[index] == null) {
                maxSecondMoments[index] = AbstractOptimizer.zerosLike(p);
            }
            v = maxSecondMoments[index].copyFrom(maxSecondMoments[index].maximum(v));
        }
        double biasCorrection1 = 1 - Math.pow(beta1, t);
        double biasCorrection2 = 1 - Math.pow(beta2, t);
        // eps is added after the bias correction of v, as PyTorch does; it changes results when v is small.
        Tensor denominator = v.sqrt().mulInPlace(1 / Math.sqrt(biasCorrection2)).addInPlace(eps);
        p.subInPlace(m.div(denominator).mulInPlace(lr / biasCorrection1));
    }
}
