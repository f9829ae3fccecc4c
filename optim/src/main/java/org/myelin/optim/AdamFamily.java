package org.myelin.optim;

import java.util.List;
import org.myelin.api.Tensor;

/**
 * What Adam and AdamW share: the moment estimates and their settings. The two differ only in how
 * weight decay enters, so each subclass's {@code update} is one line around {@link #adamStep}.
 *
 * @param <T> the concrete optimizer, so the fluent setters return it
 */
abstract class AdamFamily<T extends AdamFamily<T>> extends AbstractOptimizer {
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double eps = 1e-8;
    private double weightDecay;
    private boolean amsgrad;
    private final String defaultWeightDecay;
    private final MomentEstimates moments;

    AdamFamily(String name, List<Tensor> parameters, double lr, double defaultWeightDecay) {
        super(name, parameters, lr);
        this.weightDecay = defaultWeightDecay;
        this.defaultWeightDecay = Double.toString(defaultWeightDecay);
        this.moments = new MomentEstimates(parameters().size());
    }

    abstract T self();

    @Override
    final java.util.Map<String, Tensor[]> buffers() {
        return moments.buffers();
    }

    @Override
    final long[] steps() {
        return moments.steps();
    }

    /**
     * @param beta1 the decay of the gradient average, in [0, 1); default 0.9
     * @param beta2 the decay of the squared-gradient average, in [0, 1); default 0.999
     * @return this optimizer
     */
    public T betas(double beta1, double beta2) {
        this.beta1 = Checks.decayRate(name(), "beta1", beta1, "0.9");
        this.beta2 = Checks.decayRate(name(), "beta2", beta2, "0.999");
        return self();
    }

    /**
     * @param eps the term added to the denominator for stability, 0 or more; default 1e-8
     * @return this optimizer
     */
    public T eps(double eps) {
        this.eps = Checks.nonNegative(name(), "eps", eps, "1e-8");
        return self();
    }

    /**
     * @param weightDecay the weight decay, 0 or more (see the class for how it enters)
     * @return this optimizer
     */
    public T weightDecay(double weightDecay) {
        this.weightDecay = Checks.nonNegative(name(), "weight decay", weightDecay, defaultWeightDecay);
        return self();
    }

    /**
     * @param amsgrad divide by the running maximum of the squared-gradient average (AMSGrad); default false
     * @return this optimizer
     */
    public T amsgrad(boolean amsgrad) {
        this.amsgrad = amsgrad;
        return self();
    }

    /** @return β1 */
    public double beta1() {
        return beta1;
    }

    /** @return β2 */
    public double beta2() {
        return beta2;
    }

    /** @return eps */
    public double eps() {
        return eps;
    }

    /** @return the weight decay */
    public double weightDecay() {
        return weightDecay;
    }

    /** @return whether AMSGrad is on */
    public boolean amsgrad() {
        return amsgrad;
    }

    /**
     * The whole update by the fused kernel when it covers the settings (everything but AMSGrad).
     *
     * @return false when the caller must take the step-by-step path
     */
    final boolean fusedStep(int index, Tensor p, Tensor grad, boolean decoupled) {
        if (amsgrad) {
            return false;
        }
        moments.applyFused(index, p, grad, learningRate(), beta1, beta2, eps, weightDecay, decoupled);
        return true;
    }

    /** The bias-corrected Adam step with gradient {@code g}. */
    final void adamStep(int index, Tensor p, Tensor g) {
        moments.apply(index, p, g, learningRate(), beta1, beta2, eps, amsgrad);
    }
}
