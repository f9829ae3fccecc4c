package org.myelin.ops.gpu.jcuda;

import java.util.Arrays;
import org.myelin.api.DTypeException;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.spi.FusedKernels;
import org.myelin.api.spi.FusedKernels.Window;
import org.myelin.api.spi.Strided;

/** im2col and col2im from window.cu, one thread per column entry and per image element. */
final class WindowLaunches implements FusedKernels.Im2col {
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
        Geometry.requireInside(kernel, image);
        Geometry.requireInside(kernel, cols);
        return new Object[] {s[0], s[1], s[2], s[3], (long) win.kernelH(), (long) win.kernelW(), (long) win.strideH(),
            (long) win.strideW(), (long) win.padH(), (long) win.padW(), (long) win.dilationH(), (long) win.dilationW(),
            (long) win.outH(), (long) win.outW()};
    }
}
