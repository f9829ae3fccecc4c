// Edit this file, not CompareWhereD.java: the build generates that FLOAT64 twin from it.
package org.myelin.ops.cpu.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.myelin.api.DType;
import org.myelin.api.spi.CompareOp;
import org.myelin.api.spi.HeapBuffer;

/**
 * FLOAT32 compare and where over a walk whose operands are all FLOAT32 (a where's condition may be
 * of any type), for {@link CompareWhere}: vector compares and blends along contiguous runs, scalars
 * elsewhere.
 */
final class CompareWhereF {
    private CompareWhereF() {}

    /** {@code o = op(x, y) ? 1 : 0} over the walk (out, x, y). */
    static void compare(CompareOp op, StridedLoops.Walk w, float[] x, float[] y, float[] o) {
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
                    zero.blend(one, mask(op, va, vb)).intoArray(o, off[0] + i);
                }
            }
            for (; i < n; i++) {
                o[off[0] + i * st[0]] = op.test(x[off[1] + i * st[1]], y[off[2] + i * st[2]]) ? 1f : 0f;
            }
        });
    }

    /** {@code o = condition != 0 ? x : y} over the walk (out, condition, x, y). */
    static void where(StridedLoops.Walk w, HeapBuffer hc, float[] x, float[] y, float[] o) {
        float[] c = hc.dtype() == DType.FLOAT32 ? hc.floats() : null;
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
    }

    /** Constant operators per case, so each compare is intrinsified; lanes follow Java's float comparisons. */
    private static VectorMask<Float> mask(CompareOp op, FloatVector a, FloatVector b) {
        return switch (op) {
            case EQ -> a.compare(VectorOperators.EQ, b);
            case NE -> a.compare(VectorOperators.NE, b);
            case LT -> a.compare(VectorOperators.LT, b);
            case LE -> a.compare(VectorOperators.LE, b);
            case GT -> a.compare(VectorOperators.GT, b);
            case GE -> a.compare(VectorOperators.GE, b);
        };
    }
}
