package org.myelin.ops.cpu.simd;

import java.util.function.IntConsumer;
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
        KernelChecks.windowOperands("im2col", x, out, win);
        long[] s = x.shape();
        int h = (int) s[2];
        int w = (int) s[3];
        int block = win.kernelH() * win.kernelW() * win.outH() * win.outW();
        int xo = (int) x.offset();
        int oo = (int) out.offset();
        if (x.dtype() == DType.FLOAT32) {
            float[] xa = HeapBuffer.of(x.buffer()).floats();
            float[] o = HeapBuffer.of(out.buffer()).floats();
            perPlane(s, block, q -> WindowsF.im2col(xa, xo + q * h * w, h, w, win, o, oo + q * block));
        } else {
            double[] xa = HeapBuffer.of(x.buffer()).doubles();
            double[] o = HeapBuffer.of(out.buffer()).doubles();
            perPlane(s, block, q -> WindowsD.im2col(xa, xo + q * h * w, h, w, win, o, oo + q * block));
        }
    }

    @Override
    public void col2im(Strided cols, Window win, Strided out) {
        KernelChecks.windowOperands("col2im", out, cols, win);
        long[] s = out.shape();
        int h = (int) s[2];
        int w = (int) s[3];
        int block = win.kernelH() * win.kernelW() * win.outH() * win.outW();
        int co = (int) cols.offset();
        int oo = (int) out.offset();
        if (out.dtype() == DType.FLOAT32) {
            float[] c = HeapBuffer.of(cols.buffer()).floats();
            float[] o = HeapBuffer.of(out.buffer()).floats();
            perPlane(s, block, q -> WindowsF.col2im(c, co + q * block, win, o, oo + q * h * w, h, w));
        } else {
            double[] c = HeapBuffer.of(cols.buffer()).doubles();
            double[] o = HeapBuffer.of(out.buffer()).doubles();
            perPlane(s, block, q -> WindowsD.col2im(c, co + q * block, win, o, oo + q * h * w, h, w));
        }
    }

    @Override
    public void maxPool2d(Strided x, Window win, Strided out, Strided index) {
        KernelChecks.maxPoolOperands(x, win, out, index);
        long[] s = x.shape();
        int h = (int) s[2];
        int w = (int) s[3];
        int l = win.outH() * win.outW();
        int xo = (int) x.offset();
        int oo = (int) out.offset();
        int io = (int) index.offset();
        long[] idx = HeapBuffer.of(index.buffer()).longs();
        int work = l * win.kernelH() * win.kernelW();
        if (x.dtype() == DType.FLOAT32) {
            float[] xa = HeapBuffer.of(x.buffer()).floats();
            float[] o = HeapBuffer.of(out.buffer()).floats();
            perPlane(s, work, q -> WindowsF.maxPool(xa, xo + q * h * w, h, w, win, o, oo + q * l, idx, io + q * l));
        } else {
            double[] xa = HeapBuffer.of(x.buffer()).doubles();
            double[] o = HeapBuffer.of(out.buffer()).doubles();
            perPlane(s, work, q -> WindowsD.maxPool(xa, xo + q * h * w, h, w, win, o, oo + q * l, idx, io + q * l));
        }
    }

    /** Runs {@code body} for every plane of an (N, C, H, W) image, the planes split evenly between the threads. */
    private static void perPlane(long[] image, int workPerPlane, IntConsumer body) {
        int planes = (int) (image[0] * image[1]);
        int tasks = Parallel.tasksFor((double) planes * workPerPlane, 1 << 15);
        Parallel.forEach(tasks, t -> {
            for (int q = span(t, tasks, planes), end = span(t + 1, tasks, planes); q < end; q++) {
                body.accept(q);
            }
        });
    }

    private static int span(int task, int tasks, int n) {
        return (int) ((long) n * task / tasks);
    }
}
