package org.myelin.ops.cpu.reference;

import java.util.Arrays;
import org.myelin.api.spi.FusedKernels;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.KernelChecks;
import org.myelin.api.spi.Kernels;
import org.myelin.api.spi.ReduceOp;
import org.myelin.api.spi.Strided;
import org.myelin.api.spi.StridedWalk;

/** The reference reductions, arg-reductions and softmax: every sum accumulates in double. */
final class ReductionKernels implements Kernels.Reduce, FusedKernels.Softmax {
    static final ReductionKernels INSTANCE = new ReductionKernels();

    private ReductionKernels() {}

    @Override
    public void reduce(ReduceOp op, Strided x, Strided out) {
        long reducedCount = KernelChecks.reduceOperands(op, x, out);
        // Accumulators are laid out row-major over out's shape; a stride of 0 on each reduced axis
        // makes every element of x along it land on the same accumulator.
        long[] accStrides = Strided.rowMajorStrides(out.shape());
        for (int axis = 0; axis < x.rank(); axis++) {
            if (out.size(axis) != x.size(axis)) {
                accStrides[axis] = 0;
            }
        }
        int outCount = Math.toIntExact(out.numel());
        double[] acc = new double[outCount];
        Arrays.fill(acc, switch (op) {
            case SUM, MEAN -> 0.0;
            case MAX -> Double.NEGATIVE_INFINITY;
            case MIN -> Double.POSITIVE_INFINITY;
        });
        HeapBuffer xb = HeapBuffer.of(x.buffer());
        StridedWalk it = new StridedWalk(x.shape(), new long[] {x.offset(), 0}, new long[][] {x.strides(), accStrides});
        for (long n = it.count(); n > 0; n--, it.next()) {
            double v = xb.get(it.position(0));
            int j = (int) it.position(1);
            // Math.max and Math.min return NaN when either side is NaN: the propagation ReduceOp asks for.
            acc[j] = switch (op) {
                case SUM, MEAN -> acc[j] + v;
                case MAX -> Math.max(acc[j], v);
                case MIN -> Math.min(acc[j], v);
            };
        }
        if (op == ReduceOp.MEAN) {
            for (int j = 0; j < outCount; j++) {
                acc[j] /= reducedCount; // 0 / 0 gives the NaN that a mean of nothing is
            }
        }
        writeRowMajor(acc, out);
    }

    @Override
    public void argReduce(boolean max, Strided x, int axis, Strided out) {
        KernelChecks.argReduceOperands(max ? "argmax" : "argmin", x, axis, out);
        long length = x.size(axis);
        HeapBuffer xb = HeapBuffer.of(x.buffer());
        long[] result = HeapBuffer.of(out.buffer()).longs();
        long step = x.stride(axis);
        StridedWalk it = new StridedWalk(out.shape(), new long[] {out.offset(), x.offset()},
                new long[][] {out.strides(), x.strides()});
        for (long n = it.count(); n > 0; n--, it.next()) {
            long base = it.position(1);
            long best = 0;
            double bestValue = xb.get(base);
            // Strict comparisons keep the first index on ties; a NaN wins and stops the search, as in PyTorch.
            for (long i = 1; i < length && !Double.isNaN(bestValue); i++) {
                double v = xb.get(base + i * step);
                if (Double.isNaN(v) || (max ? v > bestValue : v < bestValue)) {
                    best = i;
                    bestValue = v;
                }
            }
            result[(int) it.position(0)] = best;
        }
    }

    @Override
    public void softmax(Strided x, int axis, Strided out, boolean log) {
        KernelChecks.softmaxOperands(log ? "logSoftmax" : "softmax", x, axis, out);
        int length = Math.toIntExact(x.size(axis));
        if (length == 0) {
            return;
        }
        HeapBuffer xb = HeapBuffer.of(x.buffer());
        HeapBuffer o = HeapBuffer.of(out.buffer());
        long xStep = x.stride(axis);
        long outStep = out.stride(axis);
        double[] row = new double[length];
        StridedWalk it = new StridedWalk(KernelChecks.withSize(x.shape(), axis, 1), new long[] {x.offset(), out.offset()},
                new long[][] {x.strides(), out.strides()});
        for (long n = it.count(); n > 0; n--, it.next()) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < length; i++) {
                row[i] = xb.get(it.position(0) + i * xStep);
                max = Math.max(max, row[i]);
            }
            // Subtracting the max keeps exp from overflowing; the row is read in full before any write,
            // so out may be the same view as x.
            double sum = 0;
            for (int i = 0; i < length; i++) {
                sum += Math.exp(row[i] - max);
            }
            double logSum = Math.log(sum);
            for (int i = 0; i < length; i++) {
                double shifted = row[i] - max;
                o.set(it.position(1) + i * outStep, log ? shifted - logSum : Math.exp(shifted) / sum);
            }
        }
    }

    /** Writes values laid out row-major over out's shape into out's (maybe strided) positions. */
    private static void writeRowMajor(double[] values, Strided out) {
        HeapBuffer o = HeapBuffer.of(out.buffer());
        StridedWalk it = new StridedWalk(out.shape(), new long[] {out.offset(), 0},
                new long[][] {out.strides(), Strided.rowMajorStrides(out.shape())});
        for (long n = it.count(); n > 0; n--, it.next()) {
            o.set(it.position(0), values[(int) it.position(1)]);
        }
    }
}
