// Edit this file, not UnaryD.java: the build generates that FLOAT64 twin from it.
package org.myelin.ops.cpu.simd;

import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LE;
import static jdk.incubator.vector.VectorOperators.LT;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.myelin.api.spi.UnaryOp;

/**
 * FLOAT32 runs of the one-input kernels {@link SimdUnary} dispatches. Where the two types differ
 * (elements outside the vector body, the exp and sigmoid vector loops), this code calls SimdUnary's
 * helpers, which have a float and a double overload: see the class comment there.
 */
final class UnaryF {
    private UnaryF() {}

    /** {@code o = op(x)} along one run of any strides. */
    static void row(UnaryOp op, float[] x, int xo, int xs, float[] o, int oo, int os, int n) {
        if (xs == 1 && os == 1) {
            int i = Simd.ENABLED ? vec(op, x, xo, o, oo, n) : 0;
            for (; i < n; i++) {
                o[oo + i] = SimdUnary.one(op, x[xo + i]);
            }
        } else if (xs == 0) {
            float v = SimdUnary.one(op, x[xo]);
            for (int i = 0; i < n; i++) {
                o[oo + i * os] = v;
            }
        } else {
            for (int i = 0; i < n; i++) {
                o[oo + i * os] = SimdUnary.one(op, x[xo + i * xs]);
            }
        }
    }

    /** @return how many leading elements were done with vectors */
    private static int vec(UnaryOp op, float[] x, int xo, float[] o, int oo, int n) {
        VectorSpecies<Float> s = Simd.F;
        int step = s.length();
        int ub = s.loopBound(n);
        int i = 0;
        FloatVector zero = FloatVector.zero(s);
        FloatVector one = FloatVector.broadcast(s, 1f);
        switch (op) {
            case NEG -> {
                for (; i < ub; i += step) {
                    FloatVector.fromArray(s, x, xo + i).neg().intoArray(o, oo + i);
                }
            }
            case ABS -> {
                for (; i < ub; i += step) {
                    FloatVector.fromArray(s, x, xo + i).abs().intoArray(o, oo + i);
                }
            }
            case SIGN -> {
                FloatVector minus = FloatVector.broadcast(s, -1f);
                for (; i < ub; i += step) {
                    FloatVector v = FloatVector.fromArray(s, x, xo + i);
                    // zeros (either sign) and NaN pass through, as Math.signum
                    v.blend(one, v.compare(GT, zero)).blend(minus, v.compare(LT, zero)).intoArray(o, oo + i);
                }
            }
            case SQUARE -> {
                for (; i < ub; i += step) {
                    FloatVector v = FloatVector.fromArray(s, x, xo + i);
                    v.mul(v).intoArray(o, oo + i);
                }
            }
            case SQRT -> {
                for (; i < ub; i += step) {
                    FloatVector.fromArray(s, x, xo + i).sqrt().intoArray(o, oo + i);
                }
            }
            case RECIPROCAL -> {
                for (; i < ub; i += step) {
                    one.div(FloatVector.fromArray(s, x, xo + i)).intoArray(o, oo + i);
                }
            }
            case EXP -> i = SimdUnary.expVectors(x, xo, o, oo, ub);
            case SIGMOID -> i = SimdUnary.sigmoidVectors(x, xo, o, oo, ub);
            case RELU -> {
                for (; i < ub; i += step) {
                    FloatVector v = FloatVector.fromArray(s, x, xo + i);
                    v.blend(zero, v.compare(LE, zero)).intoArray(o, oo + i); // NaN compares false: kept
                }
            }
            default -> {
                // log, log1p, tanh, softplus: scalar, see the class comment
            }
        }
        return i;
    }
}
