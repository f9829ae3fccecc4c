package org.myelin.nn;

import java.util.List;
import org.myelin.api.Layer;
import org.myelin.api.Tensor;

/** max(x, 0), elementwise. */
public class ReLU extends Module implements KeepsFeatures {
    /** Creates the layer; it has no parameters. */
    public ReLU() {}

    /** @param input any shape @return max(x, 0) of each element */
    @Override
    public Tensor forward(Tensor input) {
        return input.relu();
    }

    /** Builds {@code relu} from a layer spec. */
    public static final class Provider extends NamedLayerProvider {
        /** Creates the provider; ServiceLoader calls this. */
        public Provider() {
            super("relu", "relu");
        }

        @Override
        public Layer create(List<String> args) {
            expectArgs(args, 0, 0);
            return new ReLU();
        }
    }
}
