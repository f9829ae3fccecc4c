package org.myelin.ops.cpu.reference;

import java.util.Arrays;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.KernelChecks;
import org.myelin.api.spi.Kernels;
import org.myelin.api.spi.Strided;
import org.myelin.api.spi.StridedWalk;

/** The reference batched matrix product: the textbook triple loop, accumulated in double. */
final class MatmulKernel implements Kernels.Matmul {
    static final MatmulKernel INSTANCE = new MatmulKernel();

    private MatmulKernel() {}

    @Override
    public void matmul(Strided a, Strided b, Strided out) {
        KernelChecks.matmulOperands(a, b, out);
        int rank = out.rank();
        int rows = rank - 2;
        int cols = rank - 1;
        int m = Math.toIntExact(out.size(rows));
        int n = Math.toIntExact(out.size(cols));
        long k = a.size(cols);
        long[] batchShape = Arrays.copyOf(out.shape(), rows);
        StridedWalk batches = new StridedWalk(batchShape, new long[] {a.offset(), b.offset(), out.offset()},
                new long[][] {KernelChecks.matmulBatchStrides(a, a, b, out), KernelChecks.matmulBatchStrides(b, a, b, out), Arrays.copyOf(out.strides(), rows)});
        HeapBuffer ab = HeapBuffer.of(a.buffer());
        HeapBuffer bb = HeapBuffer.of(b.buffer());
        HeapBuffer o = HeapBuffer.of(out.buffer());
        // One batch's product is finished before any of it is written, so out may even alias an input.
        double[] product = new double[m * n];
        for (long batch = batches.count(); batch > 0; batch--, batches.next()) {
            long aBase = batches.position(0);
            long bBase = batches.position(1);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (long p = 0; p < k; p++) {
                        sum += ab.get(aBase + i * a.stride(rows) + p * a.stride(cols))
                                * bb.get(bBase + p * b.stride(rows) + j * b.stride(cols));
                    }
                    product[i * n + j] = sum;
                }
            }
            long outBase = batches.position(2);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    o.set(outBase + i * out.stride(rows) + j * out.stride(cols), product[i * n + j]);
                }
            }
        }
    }
}
