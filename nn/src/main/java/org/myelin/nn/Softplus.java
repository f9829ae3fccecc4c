package org.myelin.nn;

import java.util.List;
import org.myelin.api.Layer;
import org.myelin.api.Tensor;

/** log(1 + e^x), elementwise, computed without overflow for large x. */
public class Softplus extends Module implements KeepsFeatures {
    /** Creates the layer; it has no parameters. */
    public Softplus() {}

    /** @param input any shape @return softplus of each element */
    @Override
    public Tensor forward(Tensor input) {
        return input.softplus();
    }

    /** Builds {@code softplus} from a layer spec. */
    public static final class Provider extends NamedLayerProvider {
        /** Creates the provider; ServiceLoader calls this. */
        public Provider() {
            super("softplus", "softplus");
        }

        @Override
        public Layer create(List<String> args) {
            expectArgs(args, 0, 0);
            return new Softplus();
        }
    }
}
