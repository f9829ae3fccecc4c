package org.myelin.optim;

import java.util.List;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Tensor;

/**
 * Adam (Kingma and Ba), with PyTorch 1.13's arithmetic ({@code torch.optim.Adam}): bias-corrected first and
 * second moment estimates, optional AMSGrad, and weight decay as an L2 term added to the gradient
 * ({@code g = grad + weightDecay·p}). For decoupled weight decay use {@link AdamW}.
 *
 * <pre>
 * t += 1
 * m = β1·m + (1 − β1)·g
 * v = β2·v + (1 − β2)·g²
 * p = p − lr/(1 − β1^t) · m / (sqrt(v)/sqrt(1 − β2^t) + eps)
 * </pre>
 *
 * <pre>{@code
 * var opt = new Adam(model.parameters(), 1e-3).betas(0.9, 0.999).eps(1e-8);
 * }</pre>
 */
public final class Adam extends AbstractOptimizer {
    /** PyTorch's default learning rate for Adam. */
    public static final double DEFAULT_LR = 1e-3;

    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double eps = 1e-8;
    private double weightDecay;
    private boolean amsgrad;
    private final MomentEstimates moments;

    /**
     * @param parameters the tensors to update: non-empty, floating point, leaves, each listed once
     * @param lr         the learning rate, positive and finite
     * @throws InvalidArgumentException when an argument is out of range
     */
    public Adam(List<Tensor> parameters, double lr) {
        super("Adam", parameters, lr);
        this.moments = new MomentEstimates(parameters().size());
    }

    /** @param parameters the tensors to update, at PyTorch's default learning rate 1e-3 */
    public Adam(List<Tensor> parameters) {
        this(parameters, DEFAULT_LR);
    }

    /**
     * @param beta1 the decay of the gradient average, in [0, 1); default 0.9
     * @param beta2 the decay of the squared-gradient average, in [0, 1); default 0.999
     * @return this
     */
    public Adam betas(double beta1, double beta2) {
        this.beta1 = Checks.decayRate(name(), "beta1", beta1, "0.9");
        this.beta2 = Checks.decayRate(name(), "beta2", beta2, "0.999");
        return this;
    }

    /**
     * Sets eps, for chaining.
     *
     * @param eps the term added to the denominator for stability, 0 or more; default 1e-8
     * @return this optimizer
     */
    public Adam eps(double eps) {
        this.eps = Checks.nonNegative(name(), "eps", eps, "1e-8");
        return this;
    }

    /**
     * Sets weightDecay, for chaining.
     *
     * @param weightDecay the L2 penalty added to the gradient as weightDecay·p, 0 (the default) or more
     * @return this optimizer
     */
    public Adam weightDecay(double weightDecay) {
        this.weightDecay = Checks.nonNegative(name(), "weight decay", weightDecay, "1e-4");
        return this;
    }

    /**
     * Sets amsgrad, for chaining.
     *
     * @param amsgrad divide by the running maximum of the squared-gradient average (AMSGrad); default false
     * @return this optimizer
     */
    public Adam amsgrad(boolean amsgrad) {
        this.amsgrad = amsgrad;
        return this;
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

    /** @return the L2 weight decay */
    public double weightDecay() {
        return weightDecay;
    }

    /** @return whether AMSGrad is on */
    public boolean amsgrad() {
        return amsgrad;
    }

    @Override
    void update(int index, Tensor p, Tensor grad) {
        Tensor g = weightDecay != 0 ? grad.add(p.mul(weightDecay)) : grad;
        moments.apply(index, p, g, learningRate(), beta1, beta2, eps, amsgrad);
    }
}
