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
public final class Adam extends AdamFamily<Adam> {
    /** PyTorch's default learning rate for Adam. */
    public static final double DEFAULT_LR = 1e-3;

    /**
     * @param parameters the tensors to update: non-empty, floating point, leaves, each listed once
     * @param lr         the learning rate, positive and finite
     * @throws InvalidArgumentException when an argument is out of range
     */
    public Adam(List<Tensor> parameters, double lr) {
        super("Adam", parameters, lr, 0.0);
    }

    /** @param parameters the tensors to update, at PyTorch's default learning rate 1e-3 */
    public Adam(List<Tensor> parameters) {
        this(parameters, DEFAULT_LR);
    }

    @Override
    Adam self() {
        return this;
    }

    @Override
    void update(int index, Tensor p, Tensor grad) {
        if (fusedStep(index, p, grad, false)) {
            return;
        }
        adamStep(index, p, weightDecay() != 0 ? grad.add(p.mul(weightDecay())) : grad);
    }
}
