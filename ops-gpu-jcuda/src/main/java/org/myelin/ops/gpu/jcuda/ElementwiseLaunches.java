package org.myelin.ops.gpu.jcuda;

import org.myelin.api.ShapeMismatchException;
import org.myelin.api.spi.BinaryOp;
import org.myelin.api.spi.CompareOp;
import org.myelin.api.spi.KernelChecks;
import org.myelin.api.spi.Kernels;
import org.myelin.api.spi.Strided;
import org.myelin.api.spi.UnaryOp;

/** fill, copy, arange, unary, binary, compare and where: one elementwise.cu kernel each. */
final class ElementwiseLaunches implements Kernels.Fill, Kernels.Unary, Kernels.Binary, Kernels.Select {
    static final ElementwiseLaunches INSTANCE = new ElementwiseLaunches();
    private static final String PROGRAM = "elementwise";

    private ElementwiseLaunches() {}

    @Override
    public void fill(Strided out, double value) {
        CudaDevice d = Operands.device("fill", out);
        Geometry g = Geometry.over("fill", out.shape(), out);
        Launch.elementwise(d, PROGRAM, "fill_kernel", "fill", g.count(), g, out.buffer(), value);
    }

    @Override
    public void copy(Strided src, Strided dst) {
        KernelChecks.requireShape("copy", "destination", dst, src.shape());
        CudaDevice d = Operands.device("copy", src, dst);
        Geometry g = Geometry.over("copy", dst.shape(), dst, src);
        Launch.elementwise(d, PROGRAM, "copy_kernel", "copy", g.count(), g, dst.buffer(), src.buffer());
    }

    @Override
    public void arange(Strided out, double start, double step) {
        if (out.rank() != 1) {
            throw new ShapeMismatchException("arange: output must be 1-d, got " + out);
        }
        CudaDevice d = Operands.device("arange", out);
        Geometry g = Geometry.over("arange", out.shape(), out);
        Launch.elementwise(d, PROGRAM, "arange_kernel", "arange", g.count(), g, out.buffer(), start, step);
    }

    @Override
    public void unary(UnaryOp op, Strided x, Strided out) {
        String what = "unary " + op;
        CudaDevice d = Operands.device(what, x, out);
        Geometry g = Geometry.over(what, out.shape(), out, x);
        Launch.elementwise(d, PROGRAM, "unary_kernel", what, g.count(), g, out.buffer(), x.buffer(), op.ordinal());
    }

    @Override
    public void binary(BinaryOp op, Strided a, Strided b, Strided out) {
        String what = "binary " + op;
        CudaDevice d = Operands.device(what, a, b, out);
        Geometry g = Geometry.over(what, out.shape(), out, a, b);
        Launch.elementwise(d, PROGRAM, "binary_kernel", what, g.count(), g, out.buffer(), a.buffer(), b.buffer(),
                op.ordinal());
    }

    @Override
    public void binaryScalar(BinaryOp op, Strided a, double scalar, Strided out) {
        String what = "binaryScalar " + op;
        CudaDevice d = Operands.device(what, a, out);
        Geometry g = Geometry.over(what, out.shape(), out, a);
        Launch.elementwise(d, PROGRAM, "binary_scalar_kernel", what, g.count(), g, out.buffer(), a.buffer(), scalar,
                op.ordinal());
    }

    @Override
    public void compare(CompareOp op, Strided a, Strided b, Strided out) {
        String what = "compare " + op;
        CudaDevice d = Operands.device(what, a, b, out);
        Geometry g = Geometry.over(what, out.shape(), out, a, b);
        Launch.elementwise(d, PROGRAM, "compare_kernel", what, g.count(), g, out.buffer(), a.buffer(), b.buffer(),
                op.ordinal());
    }

    @Override
    public void where(Strided condition, Strided a, Strided b, Strided out) {
        CudaDevice d = Operands.device("where", condition, a, b, out);
        Geometry g = Geometry.over("where", out.shape(), out, condition, a, b);
        Launch.elementwise(d, PROGRAM, "where_kernel", "where", g.count(), g, out.buffer(), condition.buffer(),
                a.buffer(), b.buffer());
    }
}
