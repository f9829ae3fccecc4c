package org.myelin.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.myelin.api.Layer;
import org.myelin.api.Tensor;

/**
 * The largest value of each window of each channel, as PyTorch's {@code nn.MaxPool2d}; the stride
 * defaults to the kernel, and padding (at most half the kernel) is -infinity.
 */
public class MaxPool2d extends Module {
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;

    /** @param kernelSize a square window's side, and the step */
    public MaxPool2d(int kernelSize) {
        this(new int[] {kernelSize}, new int[] {kernelSize}, new int[] {0}, new int[] {1});
    }

    /**
     * @param kernel   (kh, kw), or one size
     * @param stride   (sh, sw), or one size
     * @param padding  (ph, pw), or one size
     * @param dilation (dh, dw), or one size
     */
    public MaxPool2d(int[] kernel, int[] stride, int[] padding, int[] dilation) {
        this.kernel = Conv2d.pair("kernel", kernel, 1);
        this.stride = Conv2d.pair("stride", stride, 1);
        this.padding = Conv2d.pair("padding", padding, 0);
        this.dilation = Conv2d.pair("dilation", dilation, 1);
    }

    /** @param input (N, C, H, W) or (C, H, W) @return the pooled input */
    @Override
    public Tensor forward(Tensor input) {
        return Functional.maxPool2d(input, kernel, stride, padding, dilation);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + Conv2d.tuple(kernel) + ", stride=" + Conv2d.tuple(stride) + ", padding="
                + Conv2d.tuple(padding) + ", dilation=" + Conv2d.tuple(dilation);
    }

    /** Builds {@code maxpool2d(kernel[,stride=..,padding=..,dilation=..])}. */
    public static final class Provider extends NamedLayerProvider {
        /** Creates the provider; ServiceLoader calls this. */
        public Provider() {
            super("maxpool2d", "maxpool2d(kernel) with optional stride=S (the kernel's by default), padding=P, "
                    + "dilation=D; sizes are N or HxW");
        }

        @Override
        public Layer create(List<String> args) {
            List<String> pos = new ArrayList<>();
            Map<String, String> kw = keywords(args, pos, "stride", "padding", "dilation");
            expectArgs(pos, 1, 1);
            int[] k = pair(args, pos.get(0), "kernel", 1);
            int[] s = kw.containsKey("stride") ? pair(args, kw.get("stride"), "stride", 1) : k;
            int[] p = pair(args, kw.getOrDefault("padding", "0"), "padding", 0);
            int[] d = pair(args, kw.getOrDefault("dilation", "1"), "dilation", 1);
            return build(args, () -> new MaxPool2d(k, s, p, d));
        }
    }
}
