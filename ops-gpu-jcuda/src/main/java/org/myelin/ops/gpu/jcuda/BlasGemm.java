package org.myelin.ops.gpu.jcuda;

import jcuda.Pointer;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasOperation;
import org.myelin.api.DType;

/**
 * One matrix product through cuBLAS, which is column-major: a matrix fits when one of its strides is
 * 1, read as itself (column-major) or as the transpose of a column-major one (row-major). The output
 * must be column-major; a row-major output is handled by computing its transpose,
 * {@code out^T = b^T a^T}.
 */
final class BlasGemm {
    private BlasGemm() {}

    /** How cuBLAS reads a matrix: op N or T over column-major storage with leading dimension ld. */
    private record Layout(int op, int ld) {}

    /** @return true when done, false when a layout does not fit (the caller then uses the tiled kernel) */
    static boolean tryProduct(Blas blas, MatmulLaunches.Matrix a, MatmulLaunches.Matrix b, MatmulLaunches.Matrix out,
                              DType dtype) {
        if (!fitsInt(out.rows()) || !fitsInt(out.cols()) || !fitsInt(a.cols())) {
            return false;
        }
        if (columnMajor(out) != null && gemm(blas, a, b, out, dtype)) {
            return true;
        }
        return columnMajor(out.transposed()) != null && gemm(blas, b.transposed(), a.transposed(), out.transposed(), dtype);
    }

    private static boolean gemm(Blas blas, MatmulLaunches.Matrix a, MatmulLaunches.Matrix b, MatmulLaunches.Matrix c,
                                DType dtype) {
        Layout la = layout(a);
        Layout lb = layout(b);
        Layout lc = columnMajor(c);
        if (la == null || lb == null || lc == null) {
            return false;
        }
        int m = (int) c.rows();
        int n = (int) c.cols();
        int k = (int) a.cols();
        long size = dtype.byteSize();
        Pointer pa = JCudaCalls.pointer(a.buffer().memory("matmul")).withByteOffset(a.offset() * size);
        Pointer pb = JCudaCalls.pointer(b.buffer().memory("matmul")).withByteOffset(b.offset() * size);
        Pointer pc = JCudaCalls.pointer(c.buffer().memory("matmul")).withByteOffset(c.offset() * size);
        c.buffer().cudaDevice().makeCurrent();
        int status = dtype == DType.FLOAT32
                ? JCublas2.cublasSgemm(blas.handle(), la.op(), lb.op(), m, n, k, Pointer.to(new float[] {1f}), pa, la.ld(),
                        pb, lb.ld(), Pointer.to(new float[] {0f}), pc, lc.ld())
                : JCublas2.cublasDgemm(blas.handle(), la.op(), lb.op(), m, n, k, Pointer.to(new double[] {1}), pa, la.ld(),
                        pb, lb.ld(), Pointer.to(new double[] {0}), pc, lc.ld());
        Blas.check(status, "matmul: cublas" + (dtype == DType.FLOAT32 ? "Sgemm" : "Dgemm") + " " + m + "x" + k + "x" + n);
        return true;
    }

    /** @return how cuBLAS reads x as an operand, or null when neither stride is 1 */
    private static Layout layout(MatmulLaunches.Matrix x) {
        Layout direct = columnMajor(x);
        if (direct != null) {
            return direct;
        }
        Layout stored = columnMajor(x.transposed());
        return stored == null ? null : new Layout(cublasOperation.CUBLAS_OP_T, stored.ld());
    }

    /** @return x read as column-major storage (op N), or null when it is not laid out that way */
    private static Layout columnMajor(MatmulLaunches.Matrix x) {
        long rows = x.rows();
        long cols = x.cols();
        if (x.rowStride() != 1 && rows != 1) {
            return null;
        }
        long ld = cols == 1 ? Math.max(rows, 1) : x.colStride();
        if (ld < Math.max(rows, 1) || !fitsInt(ld)) {
            return null;
        }
        return new Layout(cublasOperation.CUBLAS_OP_N, (int) ld);
    }

    private static boolean fitsInt(long v) {
        return v >= 0 && v <= Integer.MAX_VALUE;
    }
}
