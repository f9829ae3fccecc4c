package org.myelin.nn;

import java.util.List;
import org.myelin.api.Layer;
import org.myelin.api.Tensor;

/** Merges every axis after the first (the batch) into one: (N, 28, 28) becomes (N, 784). */
public class Flatten extends Module implements KeepsFeatures {
    /** Creates the layer; it has no parameters. */
    public Flatten() {}

    /** @param input shape (N, ...) @return shape (N, product of the rest); a 1-d input is returned as it is */
    @Override
    public Tensor forward(Tensor input) {
        return input.dim() <= 2 ? input : input.flatten(1);
    }

    /** Builds {@code flatten} from a layer spec. */
    public static final class Provider extends NamedLayerProvider {
        /** Creates the provider; ServiceLoader calls this. */
        public Provider() {
            super("flatten", "flatten");
        }

        @Override
        public Layer create(List<String> args) {
            expectArgs(args, 0, 0);
            return new Flatten();
        }
    }
}
