package org.myelin.nn;

import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Layer;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.Tensor;

/**
 * A residual block, as in the course: y = x + R(x), or y = W_s·x + R(x) with a learned projection
 * W_s (a {@link Linear} without bias) when R changes the number of features. The children are
 * named {@code residual} and {@code projection}, so the parameters read {@code residual.0.weight}
 * and {@code projection.weight}.
 */
public class Residual extends Module {
    private final Module residual;
    private final Linear projection;

    /**
     * y = x + R(x); R must keep the number of features.
     *
     * @param residual the branch R
     */
    public Residual(Layer residual) {
        this(residual, null);
    }

    /**
     * y = W_s·x + R(x) when {@code in != out}, else y = x + R(x).
     *
     * @param residual    the branch R, from {@code in} features to {@code out}
     * @param inFeatures  the input's number of features
     * @param outFeatures R's output's number of features
     */
    public Residual(Layer residual, long inFeatures, long outFeatures) {
        this(residual, inFeatures == outFeatures ? null : new Linear(inFeatures, outFeatures, false));
    }

    /**
     * y = W_s·x + R(x), always with a projection, even when the sizes agree.
     *
     * @param residual    the branch R
     * @param inFeatures  the input's number of features
     * @param outFeatures R's output's number of features
     * @return the block
     */
    public static Residual projected(Layer residual, long inFeatures, long outFeatures) {
        return new Residual(residual, new Linear(inFeatures, outFeatures, false));
    }

    private Residual(Layer residual, Linear projection) {
        if (residual == null) {
            throw new InvalidArgumentException("Residual: the branch R must not be null");
        }
        this.residual = register("residual", Sequential.asModule(residual));
        this.projection = projection == null ? null : register("projection", projection);
    }

    /** @return the branch R */
    public Module residual() {
        return residual;
    }

    /** @return the projection W_s, or null when the block adds x itself */
    public Linear projection() {
        return projection;
    }

    /** @param input shape (..., in) @return shortcut(x) + R(x) */
    @Override
    public Tensor forward(Tensor input) {
        Tensor branch = residual.forward(input);
        Tensor shortcut = projection == null ? input : projection.forward(input);
        if (!branch.shape().equals(shortcut.shape())) {
            throw new ShapeMismatchException("Residual: the branch R(x) has shape " + branch.shape()
                    + " but the shortcut has " + shortcut.shape() + "; when R changes the number of features, use "
                    + "new Residual(R, in, out) so a projection maps x to R's size");
        }
        return shortcut.add(branch);
    }
}
