package org.myelin.nn;

import java.util.List;
import org.myelin.api.Layer;
import org.myelin.api.Tensor;

/** x for x &gt; 0, else slope·x, elementwise; the slope is 0.01 by default, as in PyTorch. */
public class LeakyReLU extends Module implements KeepsFeatures {
    /** PyTorch's default negative slope. */
    public static final double DEFAULT_SLOPE = 0.01;

    private final double slope;

    /** Creates the layer with slope 0.01. */
    public LeakyReLU() {
        this(DEFAULT_SLOPE);
    }

    /** @param slope the factor applied to negative inputs */
    public LeakyReLU(double slope) {
        this.slope = slope;
    }

    /** @return the factor applied to negative inputs */
    public double slope() {
        return slope;
    }

    /** @param input any shape @return the leaky ReLU of each element */
    @Override
    public Tensor forward(Tensor input) {
        return input.leakyRelu(slope);
    }

    @Override
    protected String extraRepr() {
        return "negative_slope=" + slope;
    }

    /** Builds {@code leaky_relu} or {@code leaky_relu(slope)} from a layer spec. */
    public static final class Provider extends NamedLayerProvider {
        /** Creates the provider; ServiceLoader calls this. */
        public Provider() {
            super("leaky_relu", "leaky_relu or leaky_relu(slope), slope 0.01 by default");
        }

        @Override
        public Layer create(List<String> args) {
            expectArgs(args, 0, 1);
            return new LeakyReLU(number(args, 0, "slope", DEFAULT_SLOPE));
        }
    }
}
