// Edit this file, not BinaryD.java: the build generates that FLOAT64 twin from it.
package org.myelin.ops.cpu.simd;

import static jdk.incubator.vector.VectorOperators.MAX;
import static jdk.incubator.vector.VectorOperators.MIN;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.myelin.api.spi.BinaryOp;

/**
 * FLOAT32 runs of the two-input kernels {@link SimdBinary} dispatches: vector-vector when both
 * inputs have unit stride, vector-scalar or scalar-vector when one is a stride-0 broadcast (a bias
 * row, a scalar), and a plain scalar loop otherwise. POW has no vector body: it runs through
 * {@link BinaryOp#apply}, the reference.
 */
// Results are cast back to the element type, which in the FLOAT64 twin is a cast that changes nothing.
@SuppressWarnings("cast")
final class BinaryF {
    private BinaryF() {}

    /** {@code o = op(a, b)} along one run of any strides. */
    static void row(BinaryOp op, float[] a, int ao, int as, float[] b, int bo, int bs, float[] o, int oo, int os, int n) {
        if (os == 1 && as == 1 && bs == 1) {
            vv(op, a, ao, b, bo, o, oo, n);
        } else if (os == 1 && as == 1 && bs == 0) {
            vs(op, a, ao, b[bo], o, oo, n);
        } else if (os == 1 && as == 0 && bs == 1) {
            sv(op, a[ao], b, bo, o, oo, n);
        } else {
            for (int i = 0; i < n; i++) {
                o[oo + i * os] = (float) op.apply(a[ao + i * as], b[bo + i * bs]);
            }
        }
    }

    /** {@code o = op(a, c)} along one run of any strides; {@link #vs} where both are unit. */
    static void rowScalar(BinaryOp op, float[] a, int ao, int as, float c, float[] o, int oo, int os, int n) {
        if (as == 1 && os == 1) {
            vs(op, a, ao, c, o, oo, n);
        } else {
            for (int i = 0; i < n; i++) {
                o[oo + i * os] = (float) op.apply(a[ao + i * as], c);
            }
        }
    }

    static void vv(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
        int i = 0;
        if (Simd.ENABLED) {
            VectorSpecies<Float> s = Simd.F;
            int step = s.length();
            int ub = s.loopBound(n);
            switch (op) {
                case ADD -> {
                    for (; i < ub; i += step) {
                        FloatVector.fromArray(s, a, ao + i).add(FloatVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case SUB -> {
                    for (; i < ub; i += step) {
                        FloatVector.fromArray(s, a, ao + i).sub(FloatVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case MUL -> {
                    for (; i < ub; i += step) {
                        FloatVector.fromArray(s, a, ao + i).mul(FloatVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case DIV -> {
                    for (; i < ub; i += step) {
                        FloatVector.fromArray(s, a, ao + i).div(FloatVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case MAXIMUM -> {
                    for (; i < ub; i += step) {
                        FloatVector.fromArray(s, a, ao + i).lanewise(MAX, FloatVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case MINIMUM -> {
                    for (; i < ub; i += step) {
                        FloatVector.fromArray(s, a, ao + i).lanewise(MIN, FloatVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case POW -> { }
            }
        }
        for (; i < n; i++) {
            o[oo + i] = (float) op.apply(a[ao + i], b[bo + i]);
        }
    }

    static void vs(BinaryOp op, float[] a, int ao, float c, float[] o, int oo, int n) {
        int i = 0;
        if (SimdBinary.squares(op, c)) {
            for (; i < n; i++) {
                o[oo + i] = a[ao + i] * a[ao + i];
            }
            return;
        }
        if (Simd.ENABLED) {
            VectorSpecies<Float> s = Simd.F;
            int step = s.length();
            int ub = s.loopBound(n);
            FloatVector v = FloatVector.broadcast(s, c);
            switch (op) {
                case ADD -> {
                    for (; i < ub; i += step) {
                        FloatVector.fromArray(s, a, ao + i).add(v).intoArray(o, oo + i);
                    }
                }
                case SUB -> {
                    for (; i < ub; i += step) {
                        FloatVector.fromArray(s, a, ao + i).sub(v).intoArray(o, oo + i);
                    }
                }
                case MUL -> {
                    for (; i < ub; i += step) {
                        FloatVector.fromArray(s, a, ao + i).mul(v).intoArray(o, oo + i);
                    }
                }
                case DIV -> {
                    for (; i < ub; i += step) {
                        FloatVector.fromArray(s, a, ao + i).div(v).intoArray(o, oo + i);
                    }
                }
                case MAXIMUM -> {
                    for (; i < ub; i += step) {
                        FloatVector.fromArray(s, a, ao + i).lanewise(MAX, v).intoArray(o, oo + i);
                    }
                }
                case MINIMUM -> {
                    for (; i < ub; i += step) {
                        FloatVector.fromArray(s, a, ao + i).lanewise(MIN, v).intoArray(o, oo + i);
                    }
                }
                case POW -> { }
            }
        }
        for (; i < n; i++) {
            o[oo + i] = (float) op.apply(a[ao + i], c);
        }
    }

    static void sv(BinaryOp op, float c, float[] b, int bo, float[] o, int oo, int n) {
        int i = 0;
        if (Simd.ENABLED) {
            VectorSpecies<Float> s = Simd.F;
            int step = s.length();
            int ub = s.loopBound(n);
            FloatVector v = FloatVector.broadcast(s, c);
            switch (op) {
                case ADD -> {
                    for (; i < ub; i += step) {
                        v.add(FloatVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case SUB -> {
                    for (; i < ub; i += step) {
                        v.sub(FloatVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case MUL -> {
                    for (; i < ub; i += step) {
                        v.mul(FloatVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case DIV -> {
                    for (; i < ub; i += step) {
                        v.div(FloatVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case MAXIMUM -> {
                    for (; i < ub; i += step) {
                        v.lanewise(MAX, FloatVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case MINIMUM -> {
                    for (; i < ub; i += step) {
                        v.lanewise(MIN, FloatVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case POW -> { }
            }
        }
        for (; i < n; i++) {
            o[oo + i] = (float) op.apply(c, b[bo + i]);
        }
    }
}
