package org.myelin.nn;

import java.util.List;
import org.myelin.api.Layer;
import org.myelin.api.Tensor;

/** The logistic function 1 / (1 + e^-x), elementwise: the course's activation. */
public class Sigmoid extends Module implements KeepsFeatures {
    /** Creates the layer; it has no parameters. */
    public Sigmoid() {}

    /** @param input any shape @return sigmoid of each element */
    @Override
    public Tensor forward(Tensor input) {
        return input.sigmoid();
    }

    /** Builds {@code sigmoid} from a layer spec. */
    public static final class Provider extends NamedLayerProvider {
        /** Creates the provider; ServiceLoader calls this. */
        public Provider() {
            super("sigmoid", "sigmoid");
        }

        @Override
        public Layer create(List<String> args) {
            expectArgs(args, 0, 0);
            return new Sigmoid();
        }
    }
}
