package org.myelin.nn;

import java.util.List;
import org.myelin.api.Layer;
import org.myelin.api.Tensor;

/** Returns its input unchanged: a placeholder, such as the shortcut of a residual block. */
public class Identity extends Module implements KeepsFeatures {
    /** Creates the layer; it has no parameters. */
    public Identity() {}

    /** @param input any tensor @return the same tensor */
    @Override
    public Tensor forward(Tensor input) {
        return input;
    }

    /** Builds {@code identity} from a layer spec. */
    public static final class Provider extends NamedLayerProvider {
        /** Creates the provider; ServiceLoader calls this. */
        public Provider() {
            super("identity", "identity");
        }

        @Override
        public Layer create(List<String> args) {
            expectArgs(args, 0, 0);
            return new Identity();
        }
    }
}
