package org.myelin.testkit;

import java.util.Arrays;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.Strided;

/** The reference batched matrix product: the textbook triple loop, accumulated in double. */
final class MatmulKernel {
    private MatmulKernel() {}

    static void matmul(Strided a, Strided b, Strided out) {
        int rank = out.rank();
        if (rank < 2 || a.rank() != rank || b.rank() != rank) {
            throw mismatch(a, b, out, "all three must have the same rank, at least 2");
        }
        int rows = rank - 2;
        int cols = rank - 1;
        int m = Math.toIntExact(out.size(rows));
        int n = Math.toIntExact(out.size(cols));
        long k = a.size(cols);
        if (a.size(rows) != m || b.size(rows) != k || b.size(cols) != n) {
            throw mismatch(a, b, out, "need a [..., m, k], b [..., k, n] and out [..., m, n]");
        }
        long[] batchShape = Arrays.copyOf(out.shape(), rows);
        StridedIndex batches = new StridedIndex(batchShape, new long[] {a.offset(), b.offset(), out.offset()},
                new long[][] {batchStrides(a, a, b, out), batchStrides(b, a, b, out), Arrays.copyOf(out.strides(), rows)});
        HeapBuffer ab = Views.heap(a);
        HeapBuffer bb = Views.heap(b);
        HeapBuffer o = Views.heap(out);
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

    /** A batch axis of size 1 where out's is larger repeats the one matrix, as a stride of 0 would. */
    private static long[] batchStrides(Strided operand, Strided a, Strided b, Strided out) {
        long[] s = new long[out.rank() - 2];
        for (int axis = 0; axis < s.length; axis++) {
            if (operand.size(axis) == out.size(axis)) {
                s[axis] = operand.stride(axis);
            } else if (operand.size(axis) != 1) {
                throw mismatch(a, b, out, "batch axis " + axis + " does not broadcast");
            }
        }
        return s;
    }

    private static ShapeMismatchException mismatch(Strided a, Strided b, Strided out, String why) {
        return new ShapeMismatchException("matmul: a " + a + ", b " + b + ", out " + out + ": " + why);
    }
}
