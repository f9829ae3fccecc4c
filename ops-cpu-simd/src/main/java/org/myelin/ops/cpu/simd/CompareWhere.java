package org.myelin.ops.cpu.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.myelin.api.DType;
import org.myelin.api.spi.CompareOp;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.Kernels;
import org.myelin.api.spi.Strided;

/**
 * compare and where. When every operand has one floating type and runs are contiguous, they run as
 * vector compares and blends; any other mix of types (INT64 labels, an INT64 or FLOAT64 mask)
 * goes element by element through doubles, which is exact for every value a mask or label holds.
 */
final class CompareWhere implements Kernels.Select {
    static final CompareWhere INSTANCE = new CompareWhere();

    private CompareWhere() {}

    @Override
    public void compare(CompareOp op, Strided a, Strided b, Strided out) {
        HeapBuffer ha = HeapBuffer.of(a.buffer());
        HeapBuffer hb = HeapBuffer.of(b.buffer());
        HeapBuffer ho = HeapBuffer.of(out.buffer());
        StridedLoops.Walk w = StridedLoops.walk("compare", op, out, a, b);
        DType t = out.dtype();
        if (a.dtype() == t && b.dtype() == t && t == DType.FLOAT32) {
            float[] o = ho.floats();
            float[] x = ha.floats();
            float[] y = hb.floats();
            StridedLoops.forEachRun(w, 1, (off, st, n) -> {
                int i = 0;
                // Unit strides, or stride 0 for an operand broadcast along the run (a scalar, as in relu's x > 0).
                if (Simd.ENABLED && st[0] == 1 && (st[1] == 1 || st[1] == 0) && (st[2] == 1 || st[2] == 0)) {
                    VectorSpecies<Float> s = Simd.F;
                    FloatVector one = FloatVector.broadcast(s, 1f);
                    FloatVector zero = FloatVector.zero(s);
                    FloatVector fixedA = st[1] == 0 ? FloatVector.broadcast(s, x[off[1]]) : null;
                    FloatVector fixedB = st[2] == 0 ? FloatVector.broadcast(s, y[off[2]]) : null;
                    for (int ub = s.loopBound(n); i < ub; i += s.length()) {
                        FloatVector va = fixedA != null ? fixedA : FloatVector.fromArray(s, x, off[1] + i);
                        FloatVector vb = fixedB != null ? fixedB : FloatVector.fromArray(s, y, off[2] + i);
                        zero.blend(one, maskF(op, va, vb)).intoArray(o, off[0] + i);
                    }
                }
                for (; i < n; i++) {
                    o[off[0] + i * st[0]] = op.test(x[off[1] + i * st[1]], y[off[2] + i * st[2]]) ? 1f : 0f;
                }
            });
        } else if (a.dtype() == t && b.dtype() == t && t == DType.FLOAT64) {
            double[] o = ho.doubles();
            double[] x = ha.doubles();
            double[] y = hb.doubles();
            StridedLoops.forEachRun(w, 1, (off, st, n) -> {
                int i = 0;
                // Unit strides, or stride 0 for an operand broadcast along the run (a scalar, as in relu's x > 0).
                if (Simd.ENABLED && st[0] == 1 && (st[1] == 1 || st[1] == 0) && (st[2] == 1 || st[2] == 0)) {
                    VectorSpecies<Double> s = Simd.D;
                    DoubleVector one = DoubleVector.broadcast(s, 1.0);
                    DoubleVector zero = DoubleVector.zero(s);
                    DoubleVector fixedA = st[1] == 0 ? DoubleVector.broadcast(s, x[off[1]]) : null;
                    DoubleVector fixedB = st[2] == 0 ? DoubleVector.broadcast(s, y[off[2]]) : null;
                    for (int ub = s.loopBound(n); i < ub; i += s.length()) {
                        DoubleVector va = fixedA != null ? fixedA : DoubleVector.fromArray(s, x, off[1] + i);
                        DoubleVector vb = fixedB != null ? fixedB : DoubleVector.fromArray(s, y, off[2] + i);
                        zero.blend(one, maskD(op, va, vb)).intoArray(o, off[0] + i);
                    }
                }
                for (; i < n; i++) {
                    o[off[0] + i * st[0]] = op.test(x[off[1] + i * st[1]], y[off[2] + i * st[2]]) ? 1.0 : 0.0;
                }
            });
        } else {
            for (long r = 0; r < w.rows; r++) {
                for (int i = 0; i < w.inner; i++) {
                    boolean v = op.test(ha.get(w.off[1] + (long) i * w.innerStride[1]),
                            hb.get(w.off[2] + (long) i * w.innerStride[2]));
                    ho.set(w.off[0] + (long) i * w.innerStride[0], v ? 1 : 0);
                }
                w.next();
            }
        }
    }

    /** Constant operators per case, so each compare is intrinsified; lanes follow Java's float comparisons. */
    private static VectorMask<Float> maskF(CompareOp op, FloatVector a, FloatVector b) {
        return switch (op) {
            case EQ -> a.compare(VectorOperators.EQ, b);
            case NE -> a.compare(VectorOperators.NE, b);
            case LT -> a.compare(VectorOperators.LT, b);
            case LE -> a.compare(VectorOperators.LE, b);
            case GT -> a.compare(VectorOperators.GT, b);
            case GE -> a.compare(VectorOperators.GE, b);
        };
    }

    private static VectorMask<Double> maskD(CompareOp op, DoubleVector a, DoubleVector b) {
        return switch (op) {
            case EQ -> a.compare(VectorOperators.EQ, b);
            case NE -> a.compare(VectorOperators.NE, b);
            case LT -> a.compare(VectorOperators.LT, b);
            case LE -> a.compare(VectorOperators.LE, b);
            case GT -> a.compare(VectorOperators.GT, b);
            case GE -> a.compare(VectorOperators.GE, b);
        };
    }

    @Override
    public void where(Strided condition, Strided a, Strided b, Strided out) {
        HeapBuffer hc = HeapBuffer.of(condition.buffer());
        HeapBuffer ha = HeapBuffer.of(a.buffer());
        HeapBuffer hb = HeapBuffer.of(b.buffer());
        HeapBuffer ho = HeapBuffer.of(out.buffer());
        StridedLoops.Walk w = StridedLoops.walk("where", out, condition, a, b);
        DType t = out.dtype();
        if (a.dtype() == t && b.dtype() == t && t == DType.FLOAT32) {
            float[] o = ho.floats();
            float[] x = ha.floats();
            float[] y = hb.floats();
            float[] c = condition.dtype() == DType.FLOAT32 ? hc.floats() : null;
            StridedLoops.forEachRun(w, 1, (off, st, n) -> {
                int i = 0;
                if (Simd.ENABLED && c != null && st[0] == 1 && st[1] == 1 && st[2] == 1 && st[3] == 1) {
                    VectorSpecies<Float> s = Simd.F;
                    FloatVector zero = FloatVector.zero(s);
                    for (int ub = s.loopBound(n); i < ub; i += s.length()) {
                        VectorMask<Float> m = FloatVector.fromArray(s, c, off[1] + i).compare(VectorOperators.NE, zero);
                        FloatVector.fromArray(s, y, off[3] + i).blend(FloatVector.fromArray(s, x, off[2] + i), m)
                                .intoArray(o, off[0] + i);
                    }
                }
                for (; i < n; i++) {
                    boolean pick = hc.get(off[1] + (long) i * st[1]) != 0;
                    o[off[0] + i * st[0]] = pick ? x[off[2] + i * st[2]] : y[off[3] + i * st[3]];
                }
            });
        } else if (a.dtype() == t && b.dtype() == t && t == DType.FLOAT64) {
            double[] o = ho.doubles();
            double[] x = ha.doubles();
            double[] y = hb.doubles();
            double[] c = condition.dtype() == DType.FLOAT64 ? hc.doubles() : null;
            StridedLoops.forEachRun(w, 1, (off, st, n) -> {
                int i = 0;
                if (Simd.ENABLED && c != null && st[0] == 1 && st[1] == 1 && st[2] == 1 && st[3] == 1) {
                    VectorSpecies<Double> s = Simd.D;
                    DoubleVector zero = DoubleVector.zero(s);
                    for (int ub = s.loopBound(n); i < ub; i += s.length()) {
                        VectorMask<Double> m = DoubleVector.fromArray(s, c, off[1] + i).compare(VectorOperators.NE, zero);
                        DoubleVector.fromArray(s, y, off[3] + i).blend(DoubleVector.fromArray(s, x, off[2] + i), m)
                                .intoArray(o, off[0] + i);
                    }
                }
                for (; i < n; i++) {
                    boolean pick = hc.get(off[1] + (long) i * st[1]) != 0;
                    o[off[0] + i * st[0]] = pick ? x[off[2] + i * st[2]] : y[off[3] + i * st[3]];
                }
            });
        } else {
            for (long r = 0; r < w.rows; r++) {
                for (int i = 0; i < w.inner; i++) {
                    boolean pick = hc.get(w.off[1] + (long) i * w.innerStride[1]) != 0;
                    double v = pick ? ha.get(w.off[2] + (long) i * w.innerStride[2]) : hb.get(w.off[3] + (long) i * w.innerStride[3]);
                    ho.set(w.off[0] + (long) i * w.innerStride[0], v);
                }
                w.next();
            }
        }
    }
}
