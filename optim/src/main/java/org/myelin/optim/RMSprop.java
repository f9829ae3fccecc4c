package org.myelin.optim;

import java.util.List;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Tensor;

/**
 * RMSprop (Hinton), with PyTorch 1.13's arithmetic ({@code torch.optim.RMSprop}):
 *
 * <pre>
 * g   = grad + weightDecay·p
 * s   = α·s + (1 − α)·g²
 * avg = sqrt(s) + eps,           or, centered: a = α·a + (1 − α)·g; avg = sqrt(s − a²) + eps
 * with momentum μ &gt; 0:  buf = μ·buf + g/avg;  p = p − lr·buf
 * otherwise:            p = p − lr·g/avg
 * </pre>
 *
 * <p>PyTorch's defaults: lr 0.01, α 0.99, eps 1e-8.
 *
 * <pre>{@code
 * var opt = new RMSprop(model.parameters()).momentum(0.9).centered(true);
 * }</pre>
 */
public final class RMSprop extends AbstractOptimizer {
    /** PyTorch's default learning rate for RMSprop. */
    public static final double DEFAULT_LR = 0.01;

    private double alpha = 0.99;
    private double eps = 1e-8;
    private double momentum;
    private double weightDecay;
    private boolean centered;
    private final Tensor[] squareAverages;
    private final Tensor[] gradientAverages;
    private final Tensor[] momentumBuffers;

    /**
     * @param parameters the tensors to update: non-empty, floating point, leaves, each listed once
     * @param lr         the learning rate, positive and finite
     * @throws InvalidArgumentException when an argument is out of range
     */
    public RMSprop(List<Tensor> parameters, double lr) {
        super("RMSprop", parameters, lr);
        int n = parameters().size();
        this.squareAverages = new Tensor[n];
        this.gradientAverages = new Tensor[n];
        this.momentumBuffers = new Tensor[n];
    }

    /** @param parameters the tensors to update, at PyTorch's default learning rate 0.01 */
    public RMSprop(List<Tensor> parameters) {
        this(parameters, DEFAULT_LR);
    }

    /**
     * Sets alpha, for chaining.
     *
     * @param alpha the decay of the squared-gradient average, in [0, 1); default 0.99
     * @return this optimizer
     */
    public RMSprop alpha(double alpha) {
        this.alpha = Checks.decayRate(name(), "alpha", alpha, "0.99");
        return this;
    }

    /**
     * Sets eps, for chaining.
     *
     * @param eps the term added to the denominator for stability, 0 or more; default 1e-8
     * @return this optimizer
     */
    public RMSprop eps(double eps) {
        this.eps = Checks.nonNegative(name(), "eps", eps, "1e-8");
        return this;
    }

    /**
     * Sets momentum, for chaining.
     *
     * @param momentum the momentum factor, 0 (the default, none) or more
     * @return this optimizer
     */
    public RMSprop momentum(double momentum) {
        this.momentum = Checks.nonNegative(name(), "momentum", momentum, "0.9");
        return this;
    }

    /**
     * Sets weightDecay, for chaining.
     *
     * @param weightDecay the L2 penalty added to the gradient as weightDecay·p, 0 (the default) or more
     * @return this optimizer
     */
    public RMSprop weightDecay(double weightDecay) {
        this.weightDecay = Checks.nonNegative(name(), "weight decay", weightDecay, "1e-4");
        return this;
    }

    /**
     * Sets centered, for chaining.
     *
     * @param centered normalise by an estimate of the gradient's variance rather than its raw second moment; default false
     * @return this optimizer
     */
    public RMSprop centered(boolean centered) {
        this.centered = centered;
        return this;
    }

    /** @return α */
    public double alpha() {
        return alpha;
    }

    /** @return eps */
    public double eps() {
        return eps;
    }

    /** @return the momentum factor */
    public double momentum() {
        return momentum;
    }

    /** @return the weight decay */
    public double weightDecay() {
        return weightDecay;
    }

    /** @return whether the centered variant is on */
    public boolean centered() {
        return centered;
    }

    @Override
    java.util.Map<String, Tensor[]> buffers() {
        var names = new java.util.LinkedHashMap<String, Tensor[]>();
        names.put("square_avg", squareAverages);
        names.put("grad_avg", gradientAverages);
        names.put("momentum_buffer", momentumBuffers);
        return names;
    }

    @Override
    void update(int index, Tensor p, Tensor grad) {
        Tensor g = weightDecay != 0 ? grad.add(p.mul(weightDecay)) : grad;
        Tensor squareAverage = stateOf(squareAverages, index, p);
        squareAverage.mulInPlace(alpha).addInPlace(g.square().mulInPlace(1 - alpha));
        Tensor average;
        if (centered) {
            Tensor gradientAverage = stateOf(gradientAverages, index, p);
            gradientAverage.mulInPlace(alpha).addInPlace(g.mul(1 - alpha));
            average = squareAverage.sub(gradientAverage.square()).sqrt().addInPlace(eps);
        } else {
            average = squareAverage.sqrt().addInPlace(eps);
        }
        if (momentum > 0) {
            Tensor buf = stateOf(momentumBuffers, index, p);
            buf.mulInPlace(momentum).addInPlace(g.div(average));
            p.subInPlace(buf.mul(learningRate()));
        } else {
            p.subInPlace(g.div(average).mulInPlace(learningRate()));
        }
    }

    /** @return the state tensor for parameter {@code index}, created as zeros on first use, as PyTorch does */
    private static Tensor stateOf(Tensor[] states, int index, Tensor p) {
        if (states[index] == null) {
            states[index] = zerosLike(p);
        }
        return states[index];
    }
}
