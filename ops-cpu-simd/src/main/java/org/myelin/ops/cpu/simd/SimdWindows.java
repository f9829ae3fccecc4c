package org.myelin.ops.cpu.simd;

import java.util.Arrays;
import org.myelin.api.DType;
import org.myelin.api.DTypeException;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.spi.FusedKernels;
import org.myelin.api.spi.FusedKernels.Window;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.Strided;

/** im2col and col2im, one image plane (sample and channel) per task. */
final class SimdWindows implements FusedKernels.Im2col {
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
