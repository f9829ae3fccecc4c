package org.myelin.ops.gpu.jcuda;

import org.myelin.api.DType;
import org.myelin.api.InvalidArgumentException;

/** The built-in matrix product of gemm.cu: 64 x 64 tiles, any strides, float or double. */
final class TiledGemm {
    private static final int TILE = 64;
    private static final int MAX_GRID_Y = 65535;

    private TiledGemm() {}

    static void product(CudaDevice d, MatmulLaunches.Matrix a, MatmulLaunches.Matrix b, MatmulLaunches.Matrix out,
                        DType dtype) {
        long m = out.rows();
        long n = out.cols();
        long gridX = (n + TILE - 1) / TILE;
        long gridY = (m + TILE - 1) / TILE;
        if (gridY > MAX_GRID_Y || gridX > Integer.MAX_VALUE) {
            throw new InvalidArgumentException("matmul: a " + m + " x " + n + " product is too large for the built-in kernel");
        }
        String kernel = dtype == DType.FLOAT32 ? "sgemm_kernel" : "dgemm_kernel";
        Launch.grid(d, "gemm", kernel, "matmul", (int) gridX, (int) gridY, Launch.THREADS,
                m, n, a.cols(),
                a.buffer(), a.offset(), a.rowStride(), a.colStride(),
                b.buffer(), b.offset(), b.rowStride(), b.colStride(),
                out.buffer(), out.offset(), out.rowStride(), out.colStride());
    }
}
