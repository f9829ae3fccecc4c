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
public final class AdamW extends AdamFamily<AdamW> {
    /** PyTorch's default learning rate for AdamW. */
    public static final double DEFAULT_LR = 1e-3;
    /** PyTorch's default decoupled weight decay for AdamW. */
    public static final double DEFAULT_WEIGHT_DECAY = 0.01;

    /**
     * @param parameters the tensors to update: non-empty, floating point, leaves, each listed once
     * @param lr         the learning rate, positive and finite
     * @throws InvalidArgumentException when an argument is out of range
     */
    public AdamW(List<Tensor> parameters, double lr) {
        super("AdamW", parameters, lr, DEFAULT_WEIGHT_DECAY);
    }

    /** @param parameters the tensors to update, at PyTorch's default learning rate 1e-3 */
    public AdamW(List<Tensor> parameters) {
        this(parameters, DEFAULT_LR);
    }

    @Override
    AdamW self() {
        return this;
    }

    @Override
    void update(int index, Tensor p, Tensor grad) {
        if (fusedStep(index, p, grad, true)) {
            return;
        }
        if (weightDecay() != 0) {
            // Decoupled: the decay uses the current learning rate, so a schedule scales it too, as in PyTorch.
            p.mulInPlace(1 - learningRate() * weightDecay());
        }
        adamStep(index, p, grad);
    }
}
