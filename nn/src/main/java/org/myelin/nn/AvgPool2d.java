package org.myelin.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.myelin.api.Layer;
import org.myelin.api.Tensor;

/**
 * The mean of each window of each channel, as PyTorch's {@code nn.AvgPool2d}; the stride defaults
 * to the kernel, and zero padding counts in the divisor unless {@code countIncludePad} is false.
 */
public class AvgPool2d extends Module {
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final boolean countIncludePad;

    /** @param kernelSize a square window's side, and the step */
    public AvgPool2d(int kernelSize) {
        this(new int[] {kernelSize}, new int[] {kernelSize}, new int[] {0}, true);
    }

    /**
     * @param kernel          (kh, kw), or one size
     * @param stride          (sh, sw), or one size
     * @param padding         (ph, pw), or one size
     * @param countIncludePad whether the padding counts in each mean's divisor
     */
    public AvgPool2d(int[] kernel, int[] stride, int[] padding, boolean countIncludePad) {
        this.kernel = Conv2d.pair("kernel", kernel, 1);
        this.stride = Conv2d.pair("stride", stride, 1);
        this.padding = Conv2d.pair("padding", padding, 0);
        this.countIncludePad = countIncludePad;
    }

    /** @param input (N, C, H, W) or (C, H, W) @return the pooled input */
    @Override
    public Tensor forward(Tensor input) {
        return Functional.avgPool2d(input, kernel, stride, padding, countIncludePad);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + Conv2d.tuple(kernel) + ", stride=" + Conv2d.tuple(stride) + ", padding="
                + Conv2d.tuple(padding);
    }

    /** Builds {@code avgpool2d(kernel[,stride=..,padding=..,count_include_pad=..])}. */
    public static final class Provider extends NamedLayerProvider {
        /** Creates the provider; ServiceLoader calls this. */
        public Provider() {
            super("avgpool2d", "avgpool2d(kernel) with optional stride=S (the kernel's by default), padding=P, "
                    + "count_include_pad=false; sizes are N or HxW");
        }

        @Override
        public Layer create(List<String> args) {
            List<String> pos = new ArrayList<>();
            Map<String, String> kw = keywords(args, pos, "stride", "padding", "count_include_pad");
            expectArgs(pos, 1, 1);
            int[] k = pair(args, pos.get(0), "kernel", 1);
            int[] s = kw.containsKey("stride") ? pair(args, kw.get("stride"), "stride", 1) : k;
            int[] p = pair(args, kw.getOrDefault("padding", "0"), "padding", 0);
            boolean include = bool(args, kw.getOrDefault("count_include_pad", "true"), "count_include_pad");
            return build(args, () -> new AvgPool2d(k, s, p, include));
        }
    }
}
