package org.myelin.ops.cpu.reference;

import org.myelin.api.spi.FusedKernels;
import org.myelin.api.spi.FusedKernels.Window;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.KernelChecks;
import org.myelin.api.spi.Strided;

/**
 * The reference im2col, col2im and max-pooling: the definition, one element at a time, through the
 * views' strides.
 */
final class WindowKernels implements FusedKernels.Im2col, FusedKernels.MaxPool2d {
    static final WindowKernels INSTANCE = new WindowKernels();

    private WindowKernels() {}

    @Override
    public void im2col(Strided x, Window win, Strided out) {
        KernelChecks.windowOperands("im2col", x, out, win);
        HeapBuffer xb = HeapBuffer.of(x.buffer());
        HeapBuffer o = HeapBuffer.of(out.buffer());
        each(x, win, (image, column) -> {
            double v = image < 0 ? 0 : xb.get(image);
            o.set(column, v);
        }, out);
    }

    @Override
    public void col2im(Strided cols, Window win, Strided out) {
        KernelChecks.windowOperands("col2im", out, cols, win);
        HeapBuffer c = HeapBuffer.of(cols.buffer());
        HeapBuffer o = HeapBuffer.of(out.buffer());
        long[] s = out.shape();
        for (long n = 0; n < s[0]; n++) {
            for (long ch = 0; ch < s[1]; ch++) {
                for (long y = 0; y < s[2]; y++) {
                    for (long x = 0; x < s[3]; x++) {
                        o.set(at(out, n, ch, y, x), 0);
                    }
                }
            }
        }
        each(out, win, (image, column) -> {
            if (image >= 0) {
                o.set(image, o.get(image) + c.get(column));
            }
        }, cols);
    }

    @Override
    public void maxPool2d(Strided x, Window win, Strided out, Strided index) {
        KernelChecks.maxPoolOperands(x, win, out, index);
        HeapBuffer xb = HeapBuffer.of(x.buffer());
        HeapBuffer o = HeapBuffer.of(out.buffer());
        HeapBuffer ib = HeapBuffer.of(index.buffer());
        long[] s = x.shape();
        for (long n = 0; n < s[0]; n++) {
            for (long c = 0; c < s[1]; c++) {
                for (long oy = 0; oy < win.outH(); oy++) {
                    for (long ox = 0; ox < win.outW(); ox++) {
                        double best = Double.NEGATIVE_INFINITY;
                        long at = -1;
                        for (long i = 0; i < win.kernelH(); i++) {
                            for (long j = 0; j < win.kernelW(); j++) {
                                long y = oy * win.strideH() - win.padH() + i * win.dilationH();
                                long xx = ox * win.strideW() - win.padW() + j * win.dilationW();
                                if (y < 0 || y >= s[2] || xx < 0 || xx >= s[3]) {
                                    continue;
                                }
                                double v = xb.get(at(x, n, c, y, xx));
                                // The first largest wins, and a NaN over anything: PyTorch's rule.
                                if (at < 0 || v > best || Double.isNaN(v)) {
                                    best = v;
                                    at = y * s[3] + xx;
                                }
                            }
                        }
                        o.set(at(out, n, c, oy, ox), best);
                        ib.set(at(index, n, c, oy, ox), at);
                    }
                }
            }
        }
    }

    @FunctionalInterface
    private interface Visit {
        /** @param image the image element's position, or -1 in the padding @param column the column entry's */
        void at(long image, long column);
    }

    /** Visits every (window, tap) pair in im2col's order. */
    private static void each(Strided image, Window win, Visit visit, Strided cols) {
        long[] s = image.shape();
        long kk = (long) win.kernelH() * win.kernelW();
        for (long n = 0; n < s[0]; n++) {
            for (long c = 0; c < s[1]; c++) {
                for (int i = 0; i < win.kernelH(); i++) {
                    for (int j = 0; j < win.kernelW(); j++) {
                        long row = c * kk + (long) i * win.kernelW() + j;
                        for (int oy = 0; oy < win.outH(); oy++) {
                            for (int ox = 0; ox < win.outW(); ox++) {
                                long y = (long) oy * win.strideH() - win.padH() + (long) i * win.dilationH();
                                long x = (long) ox * win.strideW() - win.padW() + (long) j * win.dilationW();
                                boolean inside = y >= 0 && y < s[2] && x >= 0 && x < s[3];
                                long column = cols.offset() + n * cols.stride(0) + row * cols.stride(1)
                                        + ((long) oy * win.outW() + ox) * cols.stride(2);
                                visit.at(inside ? at(image, n, c, y, x) : -1, column);
                            }
                        }
                    }
                }
            }
        }
    }

    private static long at(Strided v, long n, long c, long y, long x) {
        return v.offset() + n * v.stride(0) + c * v.stride(1) + y * v.stride(2) + x * v.stride(3);
    }
}
