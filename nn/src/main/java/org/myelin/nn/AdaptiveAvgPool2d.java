package org.myelin.nn;

import java.util.List;
import org.myelin.api.Layer;
import org.myelin.api.Tensor;

/**
 * The mean over windows that tile each channel into a fixed output size, as PyTorch's
 * {@code nn.AdaptiveAvgPool2d}: {@code AdaptiveAvgPool2d(1)} is global average pooling.
 */
public class AdaptiveAvgPool2d extends Module {
    private final int[] outputSize;

    /** @param outputSize the output's (height, width), or one size for both */
    public AdaptiveAvgPool2d(int... outputSize) {
        this.outputSize = Conv2d.pair("outputSize", outputSize, 1);
    }

    /** @param input (N, C, H, W) or (C, H, W) @return (N, C, oh, ow) or (C, oh, ow) */
    @Override
    public Tensor forward(Tensor input) {
        return Functional.adaptiveAvgPool2d(input, outputSize);
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + Conv2d.tuple(outputSize);
    }

    /** Builds {@code adaptiveavgpool2d(size)}. */
    public static final class Provider extends NamedLayerProvider {
        /** Creates the provider; ServiceLoader calls this. */
        public Provider() {
            super("adaptiveavgpool2d", "adaptiveavgpool2d(size), size N or HxW");
        }

        @Override
        public Layer create(List<String> args) {
            expectArgs(args, 1, 1);
            int[] size = pair(args, args.get(0), "size", 1);
            return build(args, () -> new AdaptiveAvgPool2d(size));
        }
    }
}
