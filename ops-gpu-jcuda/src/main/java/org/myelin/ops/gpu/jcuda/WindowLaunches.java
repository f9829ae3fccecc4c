package org.myelin.ops.gpu.jcuda;

import java.util.Arrays;
import org.myelin.api.spi.FusedKernels;
import org.myelin.api.spi.FusedKernels.Window;
import org.myelin.api.spi.KernelChecks;
import org.myelin.api.spi.Strided;

/** im2col, col2im and max-pooling from window.cu: one thread per column entry, image element or output. */
final class WindowLaunches implements FusedKernels.Im2col, FusedKernels.MaxPool2d {
    static final WindowLaunches INSTANCE = new WindowLaunches();
    private static final String PROGRAM = "window";

    private WindowLaunches() {}

    @Override
    public void im2col(Strided x, Window win, Strided out) {
        Object[] dims = dims("im2col", x, out, win);
        CudaDevice d = Operands.device("im2col", x, out);
        Launch.elementwise(d, PROGRAM, "im2col_kernel", "im2col", out.numel(), args(dims, x, out));
    }

    @Override
    public void col2im(Strided cols, Window win, Strided out) {
        Object[] dims = dims("col2im", out, cols, win);
        CudaDevice d = Operands.device("col2im", cols, out);
        Launch.elementwise(d, PROGRAM, "col2im_kernel", "col2im", out.numel(), args(dims, cols, out));
    }

    @Override
    public void maxPool2d(Strided x, Window win, Strided out, Strided index) {
        KernelChecks.maxPoolOperands(x, win, out, index);
        long[] s = x.shape();
        CudaDevice d = Operands.device("maxPool2d", x, out, index);
        Geometry.requireInside("maxPool2d", x);
        Geometry.requireInside("maxPool2d", out);
        Geometry.requireInside("maxPool2d", index);
        Object[] a = Arrays.copyOf(windowArgs(s, win), 21);
        a[14] = Geometry.code(x.dtype());
        a[15] = x.buffer();
        a[16] = x.offset();
        a[17] = out.buffer();
        a[18] = out.offset();
        a[19] = index.buffer();
        a[20] = index.offset();
        Launch.elementwise(d, PROGRAM, "max_pool_kernel", "maxPool2d", out.numel(), a);
    }

    private static Object[] args(Object[] dims, Strided in, Strided out) {
        Object[] a = Arrays.copyOf(dims, dims.length + 5);
        a[dims.length] = Geometry.code(in.dtype());
        a[dims.length + 1] = in.buffer();
        a[dims.length + 2] = in.offset();
        a[dims.length + 3] = out.buffer();
        a[dims.length + 4] = out.offset();
        return a;
    }

    /** @return n, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw, oh, ow, after checking the views as the kernels need them */
    private static Object[] dims(String kernel, Strided image, Strided cols, Window win) {
        KernelChecks.windowOperands(kernel, image, cols, win);
        long[] s = image.shape();
        Geometry.requireInside(kernel, image);
        Geometry.requireInside(kernel, cols);
        return windowArgs(s, win);
    }

    /** @return n, c, h, w of the image and the window's ten numbers, as window.cu's kernels take them */
    private static Object[] windowArgs(long[] s, Window win) {
        return new Object[] {s[0], s[1], s[2], s[3], (long) win.kernelH(), (long) win.kernelW(), (long) win.strideH(),
            (long) win.strideW(), (long) win.padH(), (long) win.padW(), (long) win.dilationH(), (long) win.dilationW(),
            (long) win.outH(), (long) win.outW()};
    }
}
