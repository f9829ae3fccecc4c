package org.myelin.optim;

import java.util.List;
import org.myelin.api.Op;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Tensor;
import org.myelin.api.Attrs;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and weight decay,
 * with PyTorch's exact arithmetic ({@code torch.optim.SGD}). Per parameter {@code p} with gradient
 * {@code grad}, at learning rate {@code lr}:
 *
 * <pre>
 * g = grad + weightDecay * p
 * if momentum != 0:
 *     buf = g                                   on the first step
 *     buf = momentum * buf + (1 - dampening) * g  afterwards
 *     g   = nesterov ? g + momentum * buf : buf
 * p = p - lr * g
 * </pre>
 *
 * <p>With momentum 0, weight decay this way is exactly the textbook rule
 * {@code θ ← (1 − ηλ)θ − η∇L(θ)}: {@code p − η(∇ + λp) = (1 − ηλ)p − η∇}.
 *
 * <pre>{@code
 * var opt = new SGD(model.parameters(), 0.1).momentum(0.9).weightDecay(5e-4);
 * }</pre>
 */
public final class SGD extends AbstractOptimizer {
    private double momentum;
    private double dampening;
    private boolean nesterov;
    private double weightDecay;
    private final Tensor[] momentumBuffers;

    /**
     * @param parameters the tensors to update: non-empty, floating point, leaves, each listed once
     * @param lr         the learning rate, positive and finite
     * @throws InvalidArgumentException when an argument is out of range
     */
    public SGD(List<Tensor> parameters, double lr) {
        super("SGD", parameters, lr);
        this.momentumBuffers = new Tensor[parameters().size()];
    }

    /**
     * Sets momentum, for chaining.
     *
     * @param momentum the momentum factor, 0 (the default, none) or more, such as 0.9
     * @return this optimizer
     */
    public SGD momentum(double momentum) {
        this.momentum = Checks.nonNegative(name(), "momentum", momentum, "0.9");
        return this;
    }

    /**
     * Sets dampening, for chaining.
     *
     * @param dampening how much of each new gradient the momentum buffer ignores, in [0, 1]; default 0
     * @return this optimizer
     */
    public SGD dampening(double dampening) {
        this.dampening = Checks.fraction(name(), "dampening", dampening, "0");
        return this;
    }

    /**
     * Sets nesterov, for chaining.
     *
     * @param nesterov use Nesterov momentum; needs a momentum and zero dampening; default false
     * @return this optimizer
     */
    public SGD nesterov(boolean nesterov) {
        this.nesterov = nesterov;
        return this;
    }

    /**
     * Sets weightDecay, for chaining.
     *
     * @param weightDecay the L2 penalty λ added to the gradient as λ·p, 0 (the default) or more, such as 5e-4
     * @return this optimizer
     */
    public SGD weightDecay(double weightDecay) {
        this.weightDecay = Checks.nonNegative(name(), "weight decay", weightDecay, "5e-4");
        return this;
    }

    /** @return the momentum factor */
    public double momentum() {
        return momentum;
    }

    /** @return the dampening */
    public double dampening() {
        return dampening;
    }

    /** @return whether Nesterov momentum is on */
    public boolean nesterov() {
        return nesterov;
    }

    /** @return the weight decay */
    public double weightDecay() {
        return weightDecay;
    }

    @Override
    void checkSettings() {
        // Checked here, not in the setters, so that the fluent calls may come in any order.
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new InvalidArgumentException("SGD: Nesterov momentum needs a momentum above 0 and zero dampening (got momentum "
                    + momentum + ", dampening " + dampening + "); set .momentum(0.9).dampening(0), or turn .nesterov(false)");
        }
    }

    /** The fused update's attributes for the first and for later steps, rebuilt when a setting changes. */
    private Attrs firstAttrs;
    private Attrs laterAttrs;
    private double attrsLr = Double.NaN;

    private Attrs attrs(boolean first) {
        double lr = learningRate();
        if (lr != attrsLr || firstAttrs == null || laterAttrs == null
                || momentum != laterAttrs.getDouble("momentum") || dampening != laterAttrs.getDouble("dampening")
                || weightDecay != laterAttrs.getDouble("weightDecay") || nesterov != laterAttrs.getBoolean("nesterov", false)) {
            Attrs base = Attrs.of("lr", lr, "momentum", momentum, "dampening", dampening, "weightDecay", weightDecay,
                    "nesterov", nesterov);
            firstAttrs = base.with("first", true);
            laterAttrs = base.with("first", false);
            attrsLr = lr;
        }
        return first ? firstAttrs : laterAttrs;
    }

    /**
     * One pass of the backend's fused kernel (operator {@code sgd_step}) over parameter, gradient and
     * buffer: no temporaries. The momentum buffer is created zeroed and set to the gradient by the
     * first step, as PyTorch does.
     */
    @Override
    java.util.Map<String, Tensor[]> buffers() {
        return java.util.Map.of("momentum_buffer", momentumBuffers);
    }

    @Override
    void update(int index, Tensor p, Tensor grad) {
        if (momentum == 0) {
            Tensor.apply(Op.SGD_STEP, attrs(false), p, grad);
            return;
        }
        Tensor buf = momentumBuffers[index];
        boolean first = buf == null;
        if (first) {
            buf = zerosLike(p);
            momentumBuffers[index] = buf;
        }
        Tensor.apply(Op.SGD_STEP, attrs(first), p, grad, buf);
    }
}
