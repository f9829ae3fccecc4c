package org.myelin.nn;

import java.util.List;
import org.myelin.api.Op;
import org.myelin.api.Generator;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Layer;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.Tensor;

/**
 * y = x Wᵀ + b, as PyTorch's {@code nn.Linear}: {@code weight} has shape (out, in) and
 * {@code bias} shape (out). Both start uniform in ±1/√in, PyTorch's default (for the weight that is
 * {@code kaiming_uniform} with a = √5), so a model seeded alike starts from the same distribution.
 */
public class Linear extends Module {
    private final long inFeatures;
    private final long outFeatures;

    /**
     * @param inFeatures  the size of each input's last dimension
     * @param outFeatures the size of each output's last dimension
     */
    public Linear(long inFeatures, long outFeatures) {
        this(inFeatures, outFeatures, true);
    }

    /**
     * @param inFeatures  the size of each input's last dimension, at least 1
     * @param outFeatures the size of each output's last dimension, at least 1
     * @param bias        whether to learn an additive bias
     */
    public Linear(long inFeatures, long outFeatures, boolean bias) {
        this(inFeatures, outFeatures, bias, Tensor.defaultGenerator());
    }

    /**
     * @param inFeatures  the size of each input's last dimension, at least 1
     * @param outFeatures the size of each output's last dimension, at least 1
     * @param bias        whether to learn an additive bias
     * @param generator   where the initial weights' draws come from
     */
    public Linear(long inFeatures, long outFeatures, boolean bias, Generator generator) {
        if (inFeatures < 1 || outFeatures < 1) {
            throw new InvalidArgumentException("Linear(" + inFeatures + ", " + outFeatures
                    + "): both sizes must be at least 1");
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        registerParameter("weight", Tensor.zeros(outFeatures, inFeatures));
        if (bias) {
            registerParameter("bias", Tensor.zeros(outFeatures));
        }
        resetParameters(generator);
    }

    /** Draws fresh values from PyTorch's default distribution, U(-1/√in, 1/√in), for weight and bias. */
    public void resetParameters() {
        resetParameters(Tensor.defaultGenerator());
    }

    /** @param generator where the draws come from */
    public void resetParameters(Generator generator) {
        Init.kaimingUniform(weight(), Math.sqrt(5), Init.FanMode.FAN_IN, "leaky_relu", generator);
        if (bias() != null) {
            double bound = 1 / Math.sqrt(inFeatures);
            Init.uniform(bias(), -bound, bound, generator);
        }
    }

    /** @return the weight, shape (out, in) */
    public Tensor weight() {
        return parameter("weight");
    }

    /** @return the bias, shape (out), or null when built without one */
    public Tensor bias() {
        return parameterOrNull("bias");
    }

    /** @return the size of each input's last dimension */
    public long inFeatures() {
        return inFeatures;
    }

    /** @return the size of each output's last dimension */
    public long outFeatures() {
        return outFeatures;
    }

    /**
     * @param input shape (..., in)
     * @return shape (..., out)
     * @throws ShapeMismatchException when the last dimension is not {@code in}
     */
    @Override
    public Tensor forward(Tensor input) {
        if (input.dim() == 0 || input.size(-1) != inFeatures) {
            throw new ShapeMismatchException("Linear(" + extraRepr() + "): the input " + input.shape()
                    + " must have " + inFeatures + " features in its last dimension"
                    + (input.dim() > 2 ? "; flatten it first (add a Flatten layer)" : "")
                    + "; check the previous layer's output size or the data's shape");
        }
        // One fused operator: the weight is read transposed in place, the bias added in the same node.
        Tensor b = bias();
        return b == null ? Tensor.apply(Op.LINEAR, input, weight()) : Tensor.apply(Op.LINEAR, input, weight(), b);
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + (bias() != null);
    }

    /** Builds {@code linear(in,out)} or {@code linear(in,out,false)} from a layer spec. */
    public static final class Provider extends NamedLayerProvider {
        /** Creates the provider; ServiceLoader calls this. */
        public Provider() {
            super("linear", "linear(in,out) or linear(in,out,false) for no bias");
        }

        @Override
        public Layer create(List<String> args) {
            expectArgs(args, 2, 3);
            long in = positiveSize(args, 0, "in");
            long out = positiveSize(args, 1, "out");
            String bias = word(args, 2, "true");
            if (!bias.equals("true") && !bias.equals("false")) {
                throw bad(args, "bias must be true or false, got '" + bias + "'");
            }
            return new Linear(in, out, bias.equals("true"));
        }
    }
}
