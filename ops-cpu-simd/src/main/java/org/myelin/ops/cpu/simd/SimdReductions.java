package org.myelin.ops.cpu.simd;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.myelin.api.DType;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.ReduceOp;
import org.myelin.api.spi.Kernels;
import org.myelin.api.spi.Strided;

/**
 * sum, mean, max and min over any set of axes. The reduced axes form one walk (its runs listed once),
 * the kept axes another. Each kept element is reduced along contiguous runs with vectors (the usual
 * case: the last axis, or everything); when the reduced runs are strided but the kept axis is
 * contiguous (a sum over the batch axis, as for a bias gradient), whole kept rows are accumulated
 * with vectors instead. Float sums add in float vectors only within short blocks (16 adds per
 * lane, or 32 rows) and add the blocks in double, which keeps large sums accurate at vector speed.
 * Empty reductions give 0 (sum) and NaN (mean); max and min of nothing are rejected.
 * {@link ReductionsF} and its generated twin {@link ReductionsD} reduce the kept elements of one run.
 */
final class SimdReductions implements Kernels.Reduce {
    static final SimdReductions INSTANCE = new SimdReductions();

    /** Float terms per block: 16 adds into each of 4 vector accumulators, whatever the vector width. */
    private static final int BLOCK = 64 * Simd.FL;
    /** Rows summed in float before the column accumulators are flushed to double. */
    private static final int ROW_BLOCK = 32;

    private SimdReductions() {}

    @Override
    public void reduce(ReduceOp op, Strided x, Strided out) {
        int r = x.rank();
        if (out.rank() != r) {
            throw new ShapeMismatchException("reduce " + op + ": out " + Arrays.toString(out.shape())
                    + " must keep the rank of " + Arrays.toString(x.shape()));
        }
        long[] redShape = new long[r];
        long count = 1;
        for (int d = 0; d < r; d++) {
            redShape[d] = 1;
            if (out.size(d) != x.size(d)) {
                if (out.size(d) != 1) {
                    throw new ShapeMismatchException("reduce " + op + ": out " + Arrays.toString(out.shape())
                            + " does not fit " + Arrays.toString(x.shape()) + " (reduced axes have size 1)");
                }
                redShape[d] = x.size(d);
                count *= x.size(d);
            }
        }
        if (out.numel() == 0) {
            return;
        }
        if (count == 0 && (op == ReduceOp.MAX || op == ReduceOp.MIN)) {
            throw new InvalidArgumentException("reduce " + op + ": " + Arrays.toString(x.shape())
                    + " has no elements along the reduced axes to take the " + op + " of");
        }
        StridedLoops.Walk red = new StridedLoops.Walk(redShape, new long[] {0}, new long[][] {x.strides()});
        int[] runs = new int[(int) red.rows];
        for (int q = 0; q < runs.length; q++) {
            runs[q] = red.off[0];
            red.next();
        }
        Plan p = new Plan(op, runs, red.inner, red.innerStride[0], count);
        StridedLoops.Walk kept = new StridedLoops.Walk(out.shape(), new long[] {out.offset(), x.offset()},
                new long[][] {out.strides(), x.strides()});
        HeapBuffer hx = HeapBuffer.of(x.buffer());
        HeapBuffer ho = HeapBuffer.of(out.buffer());
        double cost = Math.max(1, count);
        if (x.dtype() == DType.FLOAT32 && out.dtype() == DType.FLOAT32) {
            float[] xa = hx.floats();
            float[] o = ho.floats();
            StridedLoops.forEachRun(kept, cost, (off, st, n) -> ReductionsF.keptRun(p, xa, off[1], st[1], o, off[0], st[0], n));
        } else if (x.dtype() == DType.FLOAT64 && out.dtype() == DType.FLOAT64) {
            double[] xa = hx.doubles();
            double[] o = ho.doubles();
            StridedLoops.forEachRun(kept, cost, (off, st, n) -> ReductionsD.keptRun(p, xa, off[1], st[1], o, off[0], st[0], n));
        } else {
            StridedLoops.forEachRun(kept, cost, (off, st, n) -> {
                for (int i = 0; i < n; i++) {
                    double acc = p.identity();
                    int base = off[1] + i * st[1];
                    for (int run : p.runs) {
                        for (int j = 0; j < p.inner; j++) {
                            acc = p.combine(acc, hx.get(base + run + (long) j * p.stride));
                        }
                    }
                    ho.set(off[0] + (long) i * st[0], p.finish(acc));
                }
            });
        }
    }

    /** The reduced region, relative to a kept element: run offsets, run length and stride. */
    record Plan(ReduceOp op, int[] runs, int inner, int stride, long count) {
        boolean additive() {
            return op == ReduceOp.SUM || op == ReduceOp.MEAN;
        }

        double identity() {
            return switch (op) {
                case SUM, MEAN -> 0.0;
                case MAX -> Double.NEGATIVE_INFINITY;
                case MIN -> Double.POSITIVE_INFINITY;
            };
        }

        double combine(double acc, double v) {
            return switch (op) {
                case SUM, MEAN -> acc + v;
                case MAX -> Math.max(acc, v);
                case MIN -> Math.min(acc, v);
            };
        }

        double finish(double acc) {
            return op == ReduceOp.MEAN ? acc / count : acc;
        }
    }

    // sum and columns are written for each type by hand, as they differ: float adds in blocks and
    // carries the blocks in double (see the class comment), double needs no blocks.

    /** The sum of n floats from off, by stride: blocks of float vectors added in double. */
    static double sum(float[] x, int off, int stride, int n) {
        double total = 0;
        int i = 0;
        if (Simd.ENABLED && stride == 1) {
            VectorSpecies<Float> s = Simd.F;
            int l = s.length();
            int ub = s.loopBound(n);
            while (i + 4 * l <= ub) {
                // four independent accumulators hide the add latency; one block stays small for float
                FloatVector a0 = FloatVector.zero(s);
                FloatVector a1 = a0;
                FloatVector a2 = a0;
                FloatVector a3 = a0;
                int end = Math.min(ub - 4 * l, i + BLOCK - 4 * l);
                for (; i <= end; i += 4 * l) {
                    a0 = a0.add(FloatVector.fromArray(s, x, off + i));
                    a1 = a1.add(FloatVector.fromArray(s, x, off + i + l));
                    a2 = a2.add(FloatVector.fromArray(s, x, off + i + 2 * l));
                    a3 = a3.add(FloatVector.fromArray(s, x, off + i + 3 * l));
                }
                total += VectorMath.sum(a0.add(a1).add(a2.add(a3)));
            }
            if (i < ub) {
                FloatVector a0 = FloatVector.zero(s);
                for (; i < ub; i += l) {
                    a0 = a0.add(FloatVector.fromArray(s, x, off + i));
                }
                total += VectorMath.sum(a0);
            }
        }
        for (; i < n; i++) {
            total += x[off + i * stride];
        }
        return total;
    }

    /** The sum of n doubles from off, by stride: four vector accumulators over the whole run. */
    static double sum(double[] x, int off, int stride, int n) {
        double total = 0;
        int i = 0;
        if (Simd.ENABLED && stride == 1) {
            VectorSpecies<Double> s = Simd.D;
            int l = s.length();
            int ub = s.loopBound(n);
            DoubleVector a0 = DoubleVector.zero(s);
            DoubleVector a1 = a0;
            DoubleVector a2 = a0;
            DoubleVector a3 = a0;
            for (; i + 4 * l <= ub; i += 4 * l) {
                a0 = a0.add(DoubleVector.fromArray(s, x, off + i));
                a1 = a1.add(DoubleVector.fromArray(s, x, off + i + l));
                a2 = a2.add(DoubleVector.fromArray(s, x, off + i + 2 * l));
                a3 = a3.add(DoubleVector.fromArray(s, x, off + i + 3 * l));
            }
            for (; i < ub; i += l) {
                a0 = a0.add(DoubleVector.fromArray(s, x, off + i));
            }
            total = VectorMath.sum(a0.add(a1).add(a2.add(a3)));
        }
        for (; i < n; i++) {
            total += x[off + i * stride];
        }
        return total;
    }

    /**
     * Reduces {@code n} kept elements at once, contiguous from {@code base}, over the strided region:
     * each reduced position contributes a whole row, combined into the accumulator row with vectors.
     */
    static void columns(Plan p, float[] x, int base, int n, float[] o, int oo, int os) {
        float[] acc = new float[n];
        double[] total = p.additive() ? new double[n] : null;
        if (!p.additive()) {
            Arrays.fill(acc, (float) p.identity());
        }
        int inBlock = 0;
        for (int run : p.runs) {
            for (int j = 0; j < p.inner; j++) {
                int from = base + run + j * p.stride;
                switch (p.op) {
                    case SUM, MEAN -> BinaryF.vv(org.myelin.api.spi.BinaryOp.ADD, acc, 0, x, from, acc, 0, n);
                    case MAX -> BinaryF.vv(org.myelin.api.spi.BinaryOp.MAXIMUM, acc, 0, x, from, acc, 0, n);
                    case MIN -> BinaryF.vv(org.myelin.api.spi.BinaryOp.MINIMUM, acc, 0, x, from, acc, 0, n);
                }
                if (total != null && ++inBlock == ROW_BLOCK) {
                    flush(acc, total);
                    inBlock = 0;
                }
            }
        }
        if (total != null) {
            flush(acc, total);
        }
        for (int i = 0; i < n; i++) {
            o[oo + i * os] = (float) p.finish(total != null ? total[i] : acc[i]);
        }
    }

    private static void flush(float[] acc, double[] total) {
        for (int i = 0; i < acc.length; i++) {
            total[i] += acc[i];
            acc[i] = 0f;
        }
    }

    /** {@link #columns(Plan, float[], int, int, float[], int, int)} for doubles, in one accumulator row. */
    static void columns(Plan p, double[] x, int base, int n, double[] o, int oo, int os) {
        double[] acc = new double[n];
        if (!p.additive()) {
            Arrays.fill(acc, p.identity());
        }
        for (int run : p.runs) {
            for (int j = 0; j < p.inner; j++) {
                int from = base + run + j * p.stride;
                switch (p.op) {
                    case SUM, MEAN -> BinaryD.vv(org.myelin.api.spi.BinaryOp.ADD, acc, 0, x, from, acc, 0, n);
                    case MAX -> BinaryD.vv(org.myelin.api.spi.BinaryOp.MAXIMUM, acc, 0, x, from, acc, 0, n);
                    case MIN -> BinaryD.vv(org.myelin.api.spi.BinaryOp.MINIMUM, acc, 0, x, from, acc, 0, n);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            o[oo + i * os] = p.finish(acc[i]);
        }
    }

    /** Ties pick the first index; a NaN counts as the extreme, the first NaN winning, as in PyTorch. */
    @Override
    public void argReduce(boolean max, Strided x, int axis, Strided out) {
        int ax = IndexKernels.axis(axis, x.rank(), max ? "argmax" : "argmin");
        if (out.dtype() != DType.INT64) {
            throw new InvalidArgumentException("argmax/argmin: out must be INT64, got " + out.dtype());
        }
        if (out.rank() != x.rank() || out.size(ax) != 1) {
            throw new ShapeMismatchException("argmax/argmin: out " + Arrays.toString(out.shape())
                    + " must be " + Arrays.toString(x.shape()) + " with axis " + ax + " of size 1");
        }
        long[] o = HeapBuffer.of(out.buffer()).longs();
        HeapBuffer hx = HeapBuffer.of(x.buffer());
        int n = (int) x.size(ax);
        int xs = (int) x.stride(ax);
        long[] xStrides = StridedLoops.broadcastStrides(new Strided(x.buffer(), x.offset(), withSize1(x.shape(), ax), x.strides()),
                out.shape(), "argmax/argmin");
        StridedLoops.Walk w = new StridedLoops.Walk(out.shape(), new long[] {out.offset(), x.offset()},
                new long[][] {out.strides(), xStrides});
        if (w.rows > 0 && n == 0) {
            throw new InvalidArgumentException("argmax/argmin: axis " + ax + " of " + Arrays.toString(x.shape()) + " is empty");
        }
        for (long r = 0; r < w.rows; r++) {
            for (int i = 0; i < w.inner; i++) {
                int base = w.off[1] + i * w.innerStride[1];
                double best = hx.get(base);
                int at = 0;
                for (int j = 1; j < n && !Double.isNaN(best); j++) {
                    double v = hx.get(base + (long) j * xs);
                    if (max ? (v > best || Double.isNaN(v)) : (v < best || Double.isNaN(v))) {
                        best = v;
                        at = j;
                    }
                }
                o[w.off[0] + i * w.innerStride[0]] = at;
            }
            w.next();
        }
    }

    private static long[] withSize1(long[] shape, int axis) {
        long[] s = shape.clone();
        s[axis] = 1;
        return s;
    }
}
