package org.myelin.ops.cpu.simd;

import org.myelin.api.DType;
import org.myelin.api.spi.FusedKernels;
import org.myelin.api.spi.FusedKernels.Window;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.KernelChecks;
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
        KernelChecks.maxPoolOperands(x, win, out, index);
        long[] s = x.shape();
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

    /** @return N, C, H, W of the image, after the shared checks */
    private static int[] plan(String kernel, Strided image, Strided cols, Window win) {
        KernelChecks.windowOperands(kernel, image, cols, win);
        long[] s = image.shape();
        return new int[] {(int) s[0], (int) s[1], (int) s[2], (int) s[3]};
    }
}
