package org.myelin.testkit;

import java.util.List;
import org.myelin.api.DType;
import org.myelin.api.spi.FusedKernels;
import org.myelin.api.spi.FusedKernels.Window;

/**
 * Conformance cases for the {@code im2col} and {@code col2im} kernels of convolution and pooling:
 * 1×1, square and non-square kernels, strides, padding larger and smaller than the kernel's reach,
 * dilation, windows that overlap and windows that skip elements, on odd, non-square images; and
 * {@code max_pool2d}'s kernel over the same windows, with many ties (the first largest must win).
 */
final class WindowCases {
    private WindowCases() {}

    /** kh, kw, sh, sw, ph, pw, dh, dw. */
    private static final int[][] WINDOWS = {
        {1, 1, 1, 1, 0, 0, 1, 1},
        {3, 3, 1, 1, 1, 1, 1, 1},
        {5, 5, 1, 1, 2, 2, 1, 1},
        {2, 2, 2, 2, 0, 0, 1, 1},
        {3, 2, 2, 1, 1, 0, 1, 1},
        {3, 3, 2, 3, 2, 1, 2, 1},
        {2, 3, 3, 2, 0, 2, 2, 2},
        {1, 3, 1, 4, 0, 1, 1, 1},
    };

    static void addTo(List<ConformanceCase> cases, ViewMaker m) {
        for (DType dtype : Scenario.FLOATS) {
            for (int[] w : WINDOWS) {
                long n = m.pick(1, 2, 3);
                long c = m.pick(1, 2, 3);
                long h = m.pick(7, 9, 11);
                long wd = m.pick(6, 8, 13);
                int oh = (int) ((h + 2 * w[4] - (w[6] * (w[0] - 1) + 1)) / w[2] + 1);
                int ow = (int) ((wd + 2 * w[5] - (w[7] * (w[1] - 1) + 1)) / w[3] + 1);
                Window win = new Window(w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], oh, ow);
                long[] image = {n, c, h, wd};
                long[] cols = {n, c * w[0] * w[1], (long) oh * ow};
                String shapes = Names.shape(image) + " k" + w[0] + "x" + w[1] + " s" + w[2] + "x" + w[3] + " p" + w[4]
                        + "x" + w[5] + " d" + w[6] + "x" + w[7];
                Layout layout = m.pick(0, 1) == 0 ? Layout.CONTIGUOUS : Layout.OFFSET;

                KernelCase.Builder a = KernelCase.named(Scenario.name("im2col", Names.dtype(dtype), shapes, ""));
                int xi = a.input("x", m.make(dtype, image, layout, Values.uniform(-3, 3)));
                int oi = a.output("out", m.make(dtype, cols, Layout.CONTIGUOUS, Values.integers(90, 99)));
                cases.add(a.runFused(FusedKernels.Im2col.class, (k, v) -> k.im2col(v[xi], win, v[oi])));

                // Overlapping windows add up: as many terms as windows cover one element.
                long overlap = (long) Math.ceilDiv(w[0], w[2]) * Math.ceilDiv(w[1], w[3]);
                KernelCase.Builder b = KernelCase.named(Scenario.name("col2im", Names.dtype(dtype), shapes, ""))
                        .tolerance(Tolerance.accumulated(dtype, overlap, 3));
                int ci = b.input("cols", m.make(dtype, cols, layout, Values.uniform(-3, 3)));
                int ii = b.output("out", m.make(dtype, image, Layout.CONTIGUOUS, Values.integers(90, 99)));
                cases.add(b.runFused(FusedKernels.Im2col.class, (k, v) -> k.col2im(v[ci], win, v[ii])));

                if (2 * w[4] <= w[0] && 2 * w[5] <= w[1]) {
                    long[] pooled = {n, c, oh, ow};
                    KernelCase.Builder p = KernelCase.named(Scenario.name("maxPool2d", Names.dtype(dtype), shapes,
                            "ties"));
                    int pi = p.input("x", m.make(dtype, image, layout, Values.integers(-2, 2)));
                    int po = p.output("out", m.make(dtype, pooled, Layout.CONTIGUOUS, Values.integers(90, 99)));
                    int px = p.output("index", m.make(DType.INT64, pooled, Layout.CONTIGUOUS, Values.integers(90, 99)));
                    cases.add(p.runFused(FusedKernels.MaxPool2d.class, (k, v) -> k.maxPool2d(v[pi], win, v[po], v[px])));
                }
            }
        }
    }
}
