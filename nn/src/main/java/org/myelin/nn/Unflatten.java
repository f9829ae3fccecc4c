package org.myelin.nn;

import java.util.Arrays;
import java.util.List;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Layer;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.Tensor;

/**
 * Splits one axis into several, as PyTorch's {@code nn.Unflatten}: {@code Unflatten(1, 1, 28, 28)}
 * turns flat (N, 784) images into (N, 1, 28, 28) for a convolution.
 */
public class Unflatten extends Module {
    private final int axis;
    private final long[] sizes;

    /**
     * @param axis  the axis to split
     * @param sizes what it becomes; their product must be its size
     */
    public Unflatten(int axis, long... sizes) {
        if (sizes.length == 0 || Arrays.stream(sizes).anyMatch(s -> s < 1)) {
            throw new InvalidArgumentException("Unflatten(" + axis + ", " + Arrays.toString(sizes) + "): give at least "
                    + "one size, each at least 1");
        }
        this.axis = axis;
        this.sizes = sizes.clone();
    }

    @Override
    public Tensor forward(Tensor input) {
        int a = input.shape().normalizeAxis(axis);
        long product = Arrays.stream(sizes).reduce(1, Math::multiplyExact);
        if (input.size(a) != product) {
            throw new ShapeMismatchException("Unflatten(" + extraRepr() + "): axis " + a + " of the input " + input.shape()
                    + " has size " + input.size(a) + ", not " + product);
        }
        long[] dims = new long[input.dim() - 1 + sizes.length];
        for (int i = 0, j = 0; i < input.dim(); i++) {
            if (i == a) {
                for (long s : sizes) {
                    dims[j++] = s;
                }
            } else {
                dims[j++] = input.size(i);
            }
        }
        return input.reshape(dims);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + axis + ", unflattened_size=" + Arrays.toString(sizes).replace('[', '(').replace(']', ')');
    }

    /** Builds {@code unflatten(axis,AxBxC)}. */
    public static final class Provider extends NamedLayerProvider {
        /** Creates the provider; ServiceLoader calls this. */
        public Provider() {
            super("unflatten", "unflatten(axis,sizes), sizes such as 1x28x28");
        }

        @Override
        public Layer create(List<String> args) {
            expectArgs(args, 2, 2);
            int axis = axis(args, 0, 1);
            String[] parts = args.get(1).toLowerCase(java.util.Locale.ROOT).split("x", -1);
            long[] sizes = new long[parts.length];
            for (int i = 0; i < parts.length; i++) {
                sizes[i] = positiveSize(Arrays.asList(parts), i, "size");
            }
            return build(args, () -> new Unflatten(axis, sizes));
        }
    }
}
