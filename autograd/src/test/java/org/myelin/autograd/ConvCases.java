package org.myelin.autograd;

import org.myelin.api.Attrs;

/** Window attributes for the convolution and pooling tests. */
final class ConvCases {
    private ConvCases() {}

    static Attrs windows(int[] kernel, int[] stride, int[] padding, int[] dilation) {
        return Attrs.of("kernel", kernel, "stride", stride, "padding", padding, "dilation", dilation);
    }
}
