package org.myelin.nn;

import java.util.List;
import org.myelin.api.Layer;
import org.myelin.api.Tensor;

/** e^x / Σ e^x along one axis, so the values along it are positive and sum to 1. */
public class Softmax extends Module implements KeepsFeatures {
    private final int dim;

    /** @param dim the axis to normalise along; -1 is the last (the classes of a (batch, classes) input) */
    public Softmax(int dim) {
        this.dim = dim;
    }

    /** @return the axis normalised along */
    public int dim() {
        return dim;
    }

    /** @param input any shape with that axis @return the softmax along it */
    @Override
    public Tensor forward(Tensor input) {
        return input.softmax(dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }

    /** Builds {@code softmax(dim)} from a layer spec; without an argument the axis is -1. */
    public static final class Provider extends NamedLayerProvider {
        /** Creates the provider; ServiceLoader calls this. */
        public Provider() {
            super("softmax", "softmax(dim), dim -1 (the last axis) when left out");
        }

        @Override
        public Layer create(List<String> args) {
            expectArgs(args, 0, 1);
            return new Softmax(axis(args, 0, -1));
        }
    }
}
