package org.myelin.optim;

import java.util.List;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Tensor;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter), with PyTorch 1.13's arithmetic
 * ({@code torch.optim.AdamW}): before the Adam step each parameter shrinks as {@code p = p·(1 − lr·weightDecay)},
 * and the gradient itself carries no L2 term. The default weight decay is 0.01, as in PyTorch.
 *
 * <pre>{@code
 * var opt = new AdamW(model.parameters(), 1e-3).weightDecay(0.05);
 * }</pre>
 */
public final class AdamW extends AbstractOptimizer {
    /** PyTorch's default learning rate for AdamW. */
    public static final double DEFAULT_LR = 1e-3;
    /** PyTorch's default decoupled weight decay for AdamW. */
    public static final double DEFAULT_WEIGHT_DECAY = 0.01;

    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double eps = 1e-8;
    private double weightDecay = DEFAULT_WEIGHT_DECAY;
    private boolean amsgrad;
    private final MomentEstimates moments;

    /**
     * @param parameters the tensors to update: non-empty, floating point, leaves, each listed once
     * @param lr         the learning rate, positive and finite
     * @throws InvalidArgumentException when an argument is out of range
     */
    public AdamW(List<Tensor> parameters, double lr) {
        super("AdamW", parameters, lr);
        this.moments = new MomentEstimates(parameters().size());
    }

    /** @param parameters the tensors to update, at PyTorch's default learning rate 1e-3 */
    public AdamW(List<Tensor> parameters) {
        this(parameters, DEFAULT_LR);
    }

    /**
     * @param beta1 the decay of the gradient average, in [0, 1); default 0.9
     * @param beta2 the decay of the squared-gradient average, in [0, 1); default 0.999
     * @return this
     */
    public AdamW betas(double beta1, double beta2) {
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
    public AdamW eps(double eps) {
        this.eps = Checks.nonNegative(name(), "eps", eps, "1e-8");
        return this;
    }

    /**
     * Sets weightDecay, for chaining.
     *
     * @param weightDecay the decoupled decay: each step p shrinks by the factor 1 − lr·weightDecay; default 0.01
     * @return this optimizer
     */
    public AdamW weightDecay(double weightDecay) {
        this.weightDecay = Checks.nonNegative(name(), "weight decay", weightDecay, "0.01");
        return this;
    }

    /**
     * Sets amsgrad, for chaining.
     *
     * @param amsgrad divide by the running maximum of the squared-gradient average (AMSGrad); default false
     * @return this optimizer
     */
    public AdamW amsgrad(boolean amsgrad) {
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

    /** @return the decoupled weight decay */
    public double weightDecay() {
        return weightDecay;
    }

    /** @return whether AMSGrad is on */
    public boolean amsgrad() {
        return amsgrad;
    }

    @Override
    void update(int index, Tensor p, Tensor grad) {
        if (weightDecay != 0) {
            // Decoupled: the decay uses the current learning rate, so a schedule scales it too, as in PyTorch.
            p.mulInPlace(1 - learningRate() * weightDecay);
        }
        moments.apply(index, p, grad, learningRate(), beta1, beta2, eps, amsgrad);
    }
}
