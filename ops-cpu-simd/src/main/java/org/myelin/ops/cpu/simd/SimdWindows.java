package org.myelin.ops.cpu.simd;

import java.util.Arrays;
import org.myelin.api.DType;
import org.myelin.api.DTypeException;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.spi.FusedKernels;
import org.myelin.api.spi.FusedKernels.Window;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.Strided;

/** im2col, col2im and max-pooling, one image plane (sample and channel) per task. */
final class SimdWindows implements FusedKernels.Im2col, FusedKernels.MaxPool2d {
    static final SimdWindows INSTANCE = new SimdWindows();

    private SimdWindows() {}

    @Override
    public void im2col(Strided x, Window win, Strided out) {
        int[] p = plan("im2col", x, out, win);
        int planes = p[0] * p[1];
        int hw = p[2] * p[3];
        int block = win.kernelH() * win.kernelW() * win.outH() * win.outW();
        int xo = (int) x.offset();
        int oo = (int) out.offset();
        int tasks = Parallel.tasksFor((double) planes * block, 1 << 15);
        if (x.dtype() == DType.FLOAT32) {
            float[] xa = HeapBuffer.of(x.buffer()).floats();
            float[] o = HeapBuffer.of(out.buffer()).floats();
            Parallel.forEach(tasks, t -> {
                for (int q = span(t, tasks, planes), end = span(t + 1, tasks, planes); q < end; q++) {
                    WindowsF.im2col(xa, xo + q * hw, p[2], p[3], win, o, oo + q * block);
                }
            });
        } else {
            double[] xa = HeapBuffer.of(x.buffer()).doubles();
            double[] o = HeapBuffer.of(out.buffer()).doubles();
            Parallel.forEach(tasks, t -> {
                for (int q = span(t, tasks, planes), end = span(t + 1, tasks, planes); q < end; q++) {
                    WindowsD.im2col(xa, xo + q * hw, p[2], p[3], win, o, oo + q * block);
                }
            });
        }
    }

    @Override
    public void col2im(Strided cols, Window win, Strided out) {
        int[] p = plan("col2im", out, cols, win);
        int planes = p[0] * p[1];
        int hw = p[2] * p[3];
        int block = win.kernelH() * win.kernelW() * win.outH() * win.outW();
        int co = (int) cols.offset();
        int oo = (int) out.offset();
        int tasks = Parallel.tasksFor((double) planes * block, 1 << 15);
        if (out.dtype() == DType.FLOAT32) {
            float[] c = HeapBuffer.of(cols.buffer()).floats();
            float[] o = HeapBuffer.of(out.buffer()).floats();
            Parallel.forEach(tasks, t -> {
                for (int q = span(t, tasks, planes), end = span(t + 1, tasks, planes); q < end; q++) {
                    WindowsF.col2im(c, co + q * block, win, o, oo + q * hw, p[2], p[3]);
                }
            });
        } else {
            double[] c = HeapBuffer.of(cols.buffer()).doubles();
            double[] o = HeapBuffer.of(out.buffer()).doubles();
            Parallel.forEach(tasks, t -> {
                for (int q = span(t, tasks, planes), end = span(t + 1, tasks, planes); q < end; q++) {
                    WindowsD.col2im(c, co + q * block, win, o, oo + q * hw, p[2], p[3]);
                }
            });
        }
    }

    @Override
    public void maxPool2d(Strided x, Window win, Strided out, Strided index) {
        long[] s = x.shape();
        long[] expected = {s.length == 4 ? s[0] : -1, s.length == 4 ? s[1] : -1, win.outH(), win.outW()};
        if (s.length != 4 || !Arrays.equals(out.shape(), expected) || !Arrays.equals(index.shape(), expected)
                || !x.isContiguous() || !out.isContiguous() || !index.isContiguous()) {
            throw new ShapeMismatchException("maxPool2d: contiguous images (N, C, H, W), and outputs and indices (N, C, "
                    + win.outH() + ", " + win.outW() + "), are needed, got " + Arrays.toString(s) + ", "
                    + Arrays.toString(out.shape()) + " and " + Arrays.toString(index.shape()));
        }
        if (x.dtype() != out.dtype() || !x.dtype().isFloatingPoint() || index.dtype() != DType.INT64) {
            throw new DTypeException("maxPool2d needs FLOAT32 or FLOAT64 images and output of one type and INT64 "
                    + "indices, got " + x.dtype() + ", " + out.dtype() + " and " + index.dtype());
        }
        int planes = (int) (s[0] * s[1]);
        int h = (int) s[2];
        int w = (int) s[3];
        int l = win.outH() * win.outW();
        int xo = (int) x.offset();
        int oo = (int) out.offset();
        int io = (int) index.offset();
        long[] idx = HeapBuffer.of(index.buffer()).longs();
        int tasks = Parallel.tasksFor((double) planes * l * win.kernelH() * win.kernelW(), 1 << 15);
        if (x.dtype() == DType.FLOAT32) {
            float[] xa = HeapBuffer.of(x.buffer()).floats();
            float[] o = HeapBuffer.of(out.buffer()).floats();
            Parallel.forEach(tasks, t -> {
                for (int q = span(t, tasks, planes), end = span(t + 1, tasks, planes); q < end; q++) {
                    WindowsF.maxPool(xa, xo + q * h * w, h, w, win, o, oo + q * l, idx, io + q * l);
                }
            });
        } else {
            double[] xa = HeapBuffer.of(x.buffer()).doubles();
            double[] o = HeapBuffer.of(out.buffer()).doubles();
            Parallel.forEach(tasks, t -> {
                for (int q = span(t, tasks, planes), end = span(t + 1, tasks, planes); q < end; q++) {
                    WindowsD.maxPool(xa, xo + q * h * w, h, w, win, o, oo + q * l, idx, io + q * l);
                }
            });
        }
    }

    private static int span(int task, int tasks, int n) {
        return (int) ((long) n * task / tasks);
    }

    /** @return N, C, H, W of the image, after checking both views are contiguous, of one type and shaped alike */
    private static int[] plan(String kernel, Strided image, Strided cols, Window win) {
        long[] s = image.shape();
        long[] c = cols.shape();
        boolean fits = s.length == 4 && c.length == 3 && c[0] == s[0]
                && c[1] == s[1] * win.kernelH() * win.kernelW() && c[2] == (long) win.outH() * win.outW();
        if (!fits || !image.isContiguous() || !cols.isContiguous()) {
            throw new ShapeMismatchException(kernel + ": contiguous images (N, C, H, W) and columns (N, C*kh*kw, L) "
                    + "are needed, got " + Arrays.toString(s) + " and " + Arrays.toString(c));
        }
        if (image.dtype() != cols.dtype() || !image.dtype().isFloatingPoint()) {
            throw new DTypeException(kernel + " needs FLOAT32 or FLOAT64 of one type, got " + image.dtype() + " and "
                    + cols.dtype());
        }
        return new int[] {(int) s[0], (int) s[1], (int) s[2], (int) s[3]};
    }
}
