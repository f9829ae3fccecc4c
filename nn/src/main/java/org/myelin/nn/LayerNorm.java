package org.myelin.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Layer;
import org.myelin.api.Tensor;

/**
 * Normalisation of each sample over its last axes, as PyTorch's {@code nn.LayerNorm}: the same in
 * training and evaluation, with an elementwise {@code weight} and {@code bias} of the normalised shape.
 */
public class LayerNorm extends Module {
    private final long[] normalizedShape;
    private final double eps;

    /** @param normalizedShape the trailing sizes normalised over; eps 1e-5, with weight and bias */
    public LayerNorm(long... normalizedShape) {
        this(normalizedShape, 1e-5, true);
    }

    /**
     * @param normalizedShape        the trailing sizes normalised over
     * @param eps                    added to the variance
     * @param elementwiseAffine      whether to learn a weight and bias
     */
    public LayerNorm(long[] normalizedShape, double eps, boolean elementwiseAffine) {
        if (normalizedShape.length == 0 || Arrays.stream(normalizedShape).anyMatch(s -> s < 1) || !(eps > 0)) {
            throw new InvalidArgumentException("LayerNorm(" + Arrays.toString(normalizedShape) + "): give at least one "
                    + "size, each at least 1, and eps above 0");
        }
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        if (elementwiseAffine) {
            registerParameter("weight", Tensor.ones(normalizedShape));
            registerParameter("bias", Tensor.zeros(normalizedShape));
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.layerNorm(input, normalizedShape, parameterOrNull("weight"), parameterOrNull("bias"), eps);
    }

    @Override
    protected String extraRepr() {
        return Arrays.toString(normalizedShape).replace('[', '(').replace(']', ')') + ", eps=" + eps
                + ", elementwise_affine=" + (parameterOrNull("weight") != null);
    }

    /** Builds {@code layernorm(size[,size...][,eps=..,elementwise_affine=..])}. */
    public static final class Provider extends NamedLayerProvider {
        /** Creates the provider; ServiceLoader calls this. */
        public Provider() {
            super("layernorm", "layernorm(size,...) with optional eps=E, elementwise_affine=false");
        }

        @Override
        public Layer create(List<String> args) {
            List<String> pos = new ArrayList<>();
            Map<String, String> kw = keywords(args, pos, "eps", "elementwise_affine");
            expectArgs(pos, 1, 8);
            long[] shape = new long[pos.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = positiveSize(pos, i, "size");
            }
            double eps = number(List.of(kw.getOrDefault("eps", "1e-5")), 0, "eps", 1e-5);
            boolean affine = bool(args, kw.getOrDefault("elementwise_affine", "true"), "elementwise_affine");
            return build(args, () -> new LayerNorm(shape, eps, affine));
        }
    }
}
