package org.myelin.ops.cpu.simd;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.myelin.api.DType;
import org.myelin.api.DTypeException;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.FusedKernels;
import org.myelin.api.spi.Strided;

/**
 * softmax and log-softmax along one axis, shifted by the row maximum so exp never overflows.
 * Rows with unit stride (the last axis of a contiguous tensor) run with vectors in three passes:
 * max, exp-and-sum, scale, with {@link VectorMath#exp} so that a row's result never depends on
 * JIT timing; other rows, and float64, run scalar in double. Rows are independent, so large
 * batches split over the pool. {@link SoftmaxF} and its generated twin {@link SoftmaxD} run a row.
 */
final class SimdSoftmax implements FusedKernels.Softmax {
    static final SimdSoftmax INSTANCE = new SimdSoftmax();

    private SimdSoftmax() {}

    @Override
    public void softmax(Strided x, int axis, Strided out, boolean log) {
        int ax = IndexKernels.axis(axis, x.rank(), "softmax");
        if (!Arrays.equals(x.shape(), out.shape())) {
            throw new ShapeMismatchException("softmax: out " + Arrays.toString(out.shape()) + " must have the shape of x "
                    + Arrays.toString(x.shape()));
        }
        if (x.dtype() != out.dtype() || !x.dtype().isFloatingPoint()) {
            throw new DTypeException("softmax needs FLOAT32 or FLOAT64 input and output of one type, got "
                    + x.dtype() + " and " + out.dtype());
        }
        int n = (int) x.size(ax);
        long[] rowShape = x.shape().clone();
        rowShape[ax] = 1;
        StridedLoops.Walk w = new StridedLoops.Walk(rowShape, new long[] {out.offset(), x.offset()},
                new long[][] {out.strides(), x.strides()});
        int xs = (int) x.stride(ax);
        int os = (int) out.stride(ax);
        if (n == 0) {
            return;
        }
        if (x.dtype() == DType.FLOAT32) {
            float[] xa = HeapBuffer.of(x.buffer()).floats();
            float[] o = HeapBuffer.of(out.buffer()).floats();
            StridedLoops.forEachRun(w, 4.0 * n, (off, st, m) -> {
                for (int i = 0; i < m; i++) {
                    SoftmaxF.row(xa, off[1] + i * st[1], xs, o, off[0] + i * st[0], os, n, log);
                }
            });
        } else {
            double[] xa = HeapBuffer.of(x.buffer()).doubles();
            double[] o = HeapBuffer.of(out.buffer()).doubles();
            StridedLoops.forEachRun(w, 4.0 * n, (off, st, m) -> {
                for (int i = 0; i < m; i++) {
                    SoftmaxD.row(xa, off[1] + i * st[1], xs, o, off[0] + i * st[0], os, n, log);
                }
            });
        }
    }

    /**
     * Runs a FLOAT32 row in vectors when it can: unit strides, with the Vector API on.
     *
     * @return false when the caller must run the row in scalars
     */
    static boolean tryVectors(float[] x, int xo, int xs, float[] o, int oo, int os, int n, boolean log) {
        if (!Simd.ENABLED || xs != 1 || os != 1) {
            return false;
        }
        vectorRowF(x, xo, o, oo, n, log);
        return true;
    }

    /** FLOAT64 rows always run in scalars: {@link VectorMath} has no double exp. */
    static boolean tryVectors(double[] x, int xo, int xs, double[] o, int oo, int os, int n, boolean log) {
        return false;
    }

    /** The unit-stride row in vectors: max, exp and sum, then scale or shift. */
    private static void vectorRowF(float[] x, int xo, float[] o, int oo, int n, boolean log) {
        VectorSpecies<Float> s = Simd.F;
        int step = s.length();
        int ub = s.loopBound(n);
        float m = (float) ReductionsF.extreme(true, x, xo, 1, n);
        FloatVector vm = FloatVector.broadcast(s, m);
        int i = ub;
        double sum = log ? expSum(x, xo, m, ub) : expSumStored(x, xo, m, o, oo, ub);
        for (; i < n; i++) {
            float e = (float) Math.exp(x[xo + i] - m);
            if (!log) {
                o[oo + i] = e;
            }
            sum += e;
        }
        i = 0;
        if (log) {
            // (x - m) - log(sum): x - m is exact near the maximum, so small log-probabilities stay accurate
            float ls = (float) Math.log(sum);
            FloatVector vls = FloatVector.broadcast(s, ls);
            for (; i < ub; i += step) {
                FloatVector.fromArray(s, x, xo + i).sub(vm).sub(vls).intoArray(o, oo + i);
            }
            for (; i < n; i++) {
                o[oo + i] = (x[xo + i] - m) - ls;
            }
        } else {
            FloatVector vs = FloatVector.broadcast(s, (float) sum);
            for (; i < ub; i += step) {
                FloatVector.fromArray(s, o, oo + i).div(vs).intoArray(o, oo + i);
            }
            for (; i < n; i++) {
                o[oo + i] = o[oo + i] / (float) sum;
            }
        }
    }

    // The exp loops are methods of their own, small enough for VectorMath.exp to be inlined into them.

    /** Σ exp(x - m) over the first ub elements, in lanes, then the lanes as a fixed tree. */
    private static double expSum(float[] x, int xo, float m, int ub) {
        VectorSpecies<Float> s = Simd.F;
        FloatVector vm = FloatVector.broadcast(s, m);
        FloatVector acc = FloatVector.zero(s);
        for (int i = 0; i < ub; i += s.length()) {
            acc = acc.add(VectorMath.exp(FloatVector.fromArray(s, x, xo + i).sub(vm)));
        }
        return VectorMath.sum(acc);
    }

    /** {@link #expSum}, also writing each exp(x - m) to {@code o}. */
    private static double expSumStored(float[] x, int xo, float m, float[] o, int oo, int ub) {
        VectorSpecies<Float> s = Simd.F;
        FloatVector vm = FloatVector.broadcast(s, m);
        FloatVector acc = FloatVector.zero(s);
        for (int i = 0; i < ub; i += s.length()) {
            FloatVector e = VectorMath.exp(FloatVector.fromArray(s, x, xo + i).sub(vm));
            e.intoArray(o, oo + i);
            acc = acc.add(e);
        }
        return VectorMath.sum(acc);
    }
}
