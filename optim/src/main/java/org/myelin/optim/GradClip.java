package org.myelin.optim;

import java.util.List;
import org.myelin.api.GradMode;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Tensor;

/** Gradient clipping, as PyTorch's {@code torch.nn.utils.clip_grad_norm_} and {@code clip_grad_value_}. Call between backward and step. */
public final class GradClip {
    /** Added to the norm before dividing, as in PyTorch, so a zero norm cannot divide by zero. */
    private static final double NORM_EPSILON = 1e-6;

    private GradClip() {}

    /**
     * Scales all gradients together, in place, so that their total L2 norm is at most {@code maxNorm}:
     * with {@code c = maxNorm / (norm + 1e-6)}, every gradient is multiplied by {@code c} when {@code c < 1}
     * (PyTorch 1.13's rule; in effect, when the norm exceeds maxNorm). Parameters without a gradient are skipped.
     *
     * @param parameters the tensors whose gradients to clip
     * @param maxNorm    the largest total norm allowed, positive and finite
     * @return the total L2 norm of the gradients before clipping (0 when none has a gradient)
     * @throws InvalidArgumentException when maxNorm is not positive and finite, or the list is null
     */
    public static double clipGradNorm(List<Tensor> parameters, double maxNorm) {
        Checks.positive("clipGradNorm", "maxNorm", maxNorm, "1.0");
        requireList("clipGradNorm", parameters);
        try (var noGrad = GradMode.noGrad()) {
            double sumOfSquares = 0;
            for (Tensor p : parameters) {
                Tensor g = p.grad();
                if (g != null) {
                    sumOfSquares += g.square().sum().item();
                }
            }
            double totalNorm = Math.sqrt(sumOfSquares);
            double coefficient = maxNorm / (totalNorm + NORM_EPSILON);
            if (coefficient < 1) {
                for (Tensor p : parameters) {
                    Tensor g = p.grad();
                    if (g != null) {
                        g.mulInPlace(coefficient);
                    }
                }
            }
            return totalNorm;
        }
    }

    /**
     * Clamps every gradient element into {@code [-clipValue, clipValue]}, in place. Parameters without a gradient are skipped.
     *
     * @param parameters the tensors whose gradients to clip
     * @param clipValue  the largest magnitude allowed, positive and finite
     * @throws InvalidArgumentException when clipValue is not positive and finite, or the list is null
     */
    public static void clipGradValue(List<Tensor> parameters, double clipValue) {
        Checks.positive("clipGradValue", "clipValue", clipValue, "1.0");
        requireList("clipGradValue", parameters);
        try (var noGrad = GradMode.noGrad()) {
            for (Tensor p : parameters) {
                Tensor g = p.grad();
                if (g != null) {
                    g.copyFrom(g.clamp(-clipValue, clipValue));
                }
            }
        }
    }

    private static void requireList(String owner, List<Tensor> parameters) {
        if (parameters == null) {
            throw new InvalidArgumentException(owner + ": the parameter list is null; pass the tensors whose gradients to clip");
        }
    }
}
