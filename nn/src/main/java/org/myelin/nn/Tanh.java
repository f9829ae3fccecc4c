package org.myelin.nn;

import java.util.List;
import org.myelin.api.Layer;
import org.myelin.api.Tensor;

/** The hyperbolic tangent, elementwise. */
public class Tanh extends Module implements KeepsFeatures {
    /** Creates the layer; it has no parameters. */
    public Tanh() {}

    /** @param input any shape @return tanh of each element */
    @Override
    public Tensor forward(Tensor input) {
        return input.tanh();
    }

    /** Builds {@code tanh} from a layer spec. */
    public static final class Provider extends NamedLayerProvider {
        /** Creates the provider; ServiceLoader calls this. */
        public Provider() {
            super("tanh", "tanh");
        }

        @Override
        public Layer create(List<String> args) {
            expectArgs(args, 0, 0);
            return new Tanh();
        }
    }
}
