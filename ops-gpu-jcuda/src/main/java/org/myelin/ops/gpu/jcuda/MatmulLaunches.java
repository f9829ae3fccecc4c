package org.myelin.ops.gpu.jcuda;

import java.util.Arrays;
import org.myelin.api.DType;
import org.myelin.api.DTypeException;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.spi.KernelChecks;
import org.myelin.api.spi.Kernels;
import org.myelin.api.spi.Strided;

/**
 * Batched matmul. Batches are enumerated here, broadcast batch axes reading the same matrix; each
 * product goes to cuBLAS when it loaded and all three matrices have a layout BLAS can express (one
 * unit stride each, see {@link BlasGemm}), else to the tiled kernel of gemm.cu, which reads any strides.
 */
final class MatmulLaunches implements Kernels.Matmul {
    static final MatmulLaunches INSTANCE = new MatmulLaunches();
    private MatmulLaunches() {}

    /** One matrix of a batch: where it starts and how to step through its rows and columns. */
    record Matrix(CudaBuffer buffer, long offset, long rows, long cols, long rowStride, long colStride) {
        Matrix transposed() {
            return new Matrix(buffer, offset, cols, rows, colStride, rowStride);
        }
    }

    @Override
    public void matmul(Strided a, Strided b, Strided out) {
        KernelChecks.matmulOperands(a, b, out);
        int rank = out.rank();
        int rowAxis = rank - 2;
        int colAxis = rank - 1;
        long m = out.size(rowAxis);
        long n = out.size(colAxis);
        long k = a.size(colAxis);
        if (a.dtype() != out.dtype() || b.dtype() != out.dtype() || !out.dtype().isFloatingPoint()) {
            throw new DTypeException("matmul: a " + a + ", b " + b + " and out " + out
                    + " must share one floating type on cuda; convert them first");
        }
        CudaDevice d = Operands.device("matmul", a, b, out);
        Geometry.requireInside("matmul", a);
        Geometry.requireInside("matmul", b);
        Geometry.requireInside("matmul", out);
        long[] batchShape = Arrays.copyOf(out.shape(), rowAxis);
        long[] aBatch = KernelChecks.matmulBatchStrides(a, a, b, out);
        long[] bBatch = KernelChecks.matmulBatchStrides(b, a, b, out);
        long batches = 1;
        for (long s : batchShape) {
            batches *= s;
        }
        if (batches == 0 || m == 0 || n == 0) {
            return;
        }
        long[] index = new long[batchShape.length];
        for (long batch = 0; batch < batches; batch++) {
            long aOff = a.offset();
            long bOff = b.offset();
            long oOff = out.offset();
            for (int axis = 0; axis < index.length; axis++) {
                aOff += index[axis] * aBatch[axis];
                bOff += index[axis] * bBatch[axis];
                oOff += index[axis] * out.stride(axis);
            }
            Matrix ma = new Matrix((CudaBuffer) a.buffer(), aOff, m, k, a.stride(rowAxis), a.stride(colAxis));
            Matrix mb = new Matrix((CudaBuffer) b.buffer(), bOff, k, n, b.stride(rowAxis), b.stride(colAxis));
            Matrix mo = new Matrix((CudaBuffer) out.buffer(), oOff, m, n, out.stride(rowAxis), out.stride(colAxis));
            product(d, ma, mb, mo, out.dtype());
            for (int axis = index.length - 1; axis >= 0 && ++index[axis] == batchShape[axis]; axis--) {
                index[axis] = 0;
            }
        }
    }

    private static void product(CudaDevice d, Matrix a, Matrix b, Matrix out, DType dtype) {
        if (a.cols() == 0) {
            ElementwiseLaunches.INSTANCE.fill(new Strided(out.buffer(), out.offset(), new long[] {out.rows(), out.cols()},
                    new long[] {out.rowStride(), out.colStride()}), 0);
            return;
        }
        Blas blas = d.blas();
        if (blas.available() && BlasGemm.tryProduct(blas, a, b, out, dtype)) {
            return;
        }
        TiledGemm.product(d, a, b, out, dtype);
    }
}
