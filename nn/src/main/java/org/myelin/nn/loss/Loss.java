package org.myelin.nn.loss;

import org.myelin.api.Tensor;

/**
 * A loss function: a differentiable measure of how far a model's output is from the target.
 * Call {@code backward()} on its (scalar) result to get the parameters' gradients.
 */
@FunctionalInterface
public interface Loss {

    /**
     * @param input  the model's output
     * @param target what it should have been
     * @return the loss: a scalar, or one value per element with {@link Reduction#NONE}
     * @throws org.myelin.api.MyelinException when the shapes or types do not fit, naming both
     */
    Tensor forward(Tensor input, Tensor target);
}
