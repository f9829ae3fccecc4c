package org.myelin.ops.cpu.simd;

import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LE;
import static jdk.incubator.vector.VectorOperators.LT;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.myelin.api.DType;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.Kernels;
import org.myelin.api.spi.Strided;
import org.myelin.api.spi.UnaryOp;

/**
 * Elementwise one-input kernels. Each op has its own vector loop (the op is switched on outside the
 * loop, with constant operators, so the Vector API intrinsifies them); tails, strided runs and the
 * scalar fallback use {@link UnaryOp#apply}, the reference definition itself, except float exp and
 * sigmoid, whose single elements take the vector formula one lane at a time (see {@code one}).
 *
 * <p>Transcendental functions never use the Vector API's {@code lanewise(EXP)} and the like: their
 * compiled and not-yet-compiled forms round differently, which made runs with one seed differ (see
 * {@link VectorMath}). Float exp, and sigmoid on top of it, use {@link VectorMath#exp}; the rest,
 * and all of float64, take the scalar loop, whose {@code Math} calls HotSpot keeps identical in
 * the interpreter and in compiled code.
 */
final class SimdUnary implements Kernels.Unary {
    static final SimdUnary INSTANCE = new SimdUnary();

    private SimdUnary() {}

    @Override
    public void unary(UnaryOp op, Strided x, Strided out) {
        DType t = out.dtype();
        boolean floating = t == x.dtype() && t.isFloatingPoint();
        double cost = switch (op) {
            case EXP, LOG, LOG1P, SIGMOID, TANH, SOFTPLUS -> 8;
            default -> 1;
        };
        int flat = floating ? StridedLoops.singleRun(cost, out, x) : -1;
        if (flat >= 0) {
            if (t == DType.FLOAT32) {
                rowF(op, HeapBuffer.of(x.buffer()).floats(), (int) x.offset(), 1, HeapBuffer.of(out.buffer()).floats(),
                        (int) out.offset(), 1, flat);
            } else {
                rowD(op, HeapBuffer.of(x.buffer()).doubles(), (int) x.offset(), 1, HeapBuffer.of(out.buffer()).doubles(),
                        (int) out.offset(), 1, flat);
            }
            return;
        }
        StridedLoops.Walk w = StridedLoops.walk("unary", op, out, x);
        if (!floating) {
            GenericKernels.unary(op, w, HeapBuffer.of(x.buffer()), HeapBuffer.of(out.buffer()));
            return;
        }
        if (t == DType.FLOAT32) {
            float[] o = HeapBuffer.of(out.buffer()).floats();
            float[] xa = HeapBuffer.of(x.buffer()).floats();
            StridedLoops.forEachRun(w, cost, (off, st, n) -> rowF(op, xa, off[1], st[1], o, off[0], st[0], n));
        } else {
            double[] o = HeapBuffer.of(out.buffer()).doubles();
            double[] xa = HeapBuffer.of(x.buffer()).doubles();
            StridedLoops.forEachRun(w, cost, (off, st, n) -> rowD(op, xa, off[1], st[1], o, off[0], st[0], n));
        }
    }

    static void rowF(UnaryOp op, float[] x, int xo, int xs, float[] o, int oo, int os, int n) {
        if (xs == 1 && os == 1) {
            int i = Simd.ENABLED ? vecF(op, x, xo, o, oo, n) : 0;
            for (; i < n; i++) {
                o[oo + i] = one(op, x[xo + i]);
            }
        } else if (xs == 0) {
            float v = one(op, x[xo]);
            for (int i = 0; i < n; i++) {
                o[oo + i * os] = v;
            }
        } else {
            for (int i = 0; i < n; i++) {
                o[oo + i * os] = one(op, x[xo + i * xs]);
            }
        }
    }

    /**
     * One element outside the vector body. exp and sigmoid take the vector code's formula lane by
     * lane ({@link VectorMath#exp(float)}), so an element gets the same bits in a tail, a strided
     * run or a vector; the other ops' vector bodies already equal {@link UnaryOp#apply} exactly.
     */
    private static float one(UnaryOp op, float v) {
        if (!Simd.ENABLED) {
            return (float) op.apply(v);
        }
        return switch (op) {
            case EXP -> VectorMath.exp(v);
            case SIGMOID -> {
                float e = VectorMath.exp(-Math.abs(v));
                float r = 1f / (1f + e);
                yield v >= 0f ? r : r * e;
            }
            default -> (float) op.apply(v);
        };
    }

    static void rowD(UnaryOp op, double[] x, int xo, int xs, double[] o, int oo, int os, int n) {
        if (xs == 1 && os == 1) {
            int i = Simd.ENABLED ? vecD(op, x, xo, o, oo, n) : 0;
            for (; i < n; i++) {
                o[oo + i] = op.apply(x[xo + i]);
            }
        } else if (xs == 0) {
            double v = op.apply(x[xo]);
            for (int i = 0; i < n; i++) {
                o[oo + i * os] = v;
            }
        } else {
            for (int i = 0; i < n; i++) {
                o[oo + i * os] = op.apply(x[xo + i * xs]);
            }
        }
    }

    /** @return how many leading elements were done with vectors */
    private static int vecF(UnaryOp op, float[] x, int xo, float[] o, int oo, int n) {
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
            case EXP -> i = expF(x, xo, o, oo, ub);
            case SIGMOID -> i = sigmoidF(x, xo, o, oo, ub);
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

    // exp and sigmoid loops stay in methods of their own: VectorMath.exp is too large to be inlined
    // into the whole switch above, and a vector passed to a call that is not inlined is boxed.

    private static int expF(float[] x, int xo, float[] o, int oo, int ub) {
        VectorSpecies<Float> s = Simd.F;
        int i = 0;
        for (; i < ub; i += s.length()) {
            VectorMath.exp(FloatVector.fromArray(s, x, xo + i)).intoArray(o, oo + i);
        }
        return i;
    }

    private static int sigmoidF(float[] x, int xo, float[] o, int oo, int ub) {
        VectorSpecies<Float> s = Simd.F;
        FloatVector zero = FloatVector.zero(s);
        FloatVector one = FloatVector.broadcast(s, 1f);
        int i = 0;
        for (; i < ub; i += s.length()) {
            // e = exp(-|x|) never overflows: 1/(1+e) for x >= 0, e/(1+e) below, as the reference
            FloatVector v = FloatVector.fromArray(s, x, xo + i);
            FloatVector e = VectorMath.exp(v.abs().neg());
            FloatVector r = one.div(one.add(e));
            r.mul(e).blend(r, v.compare(GE, zero)).intoArray(o, oo + i);
        }
        return i;
    }

    /** @return how many leading elements were done with vectors */
    private static int vecD(UnaryOp op, double[] x, int xo, double[] o, int oo, int n) {
        VectorSpecies<Double> s = Simd.D;
        int step = s.length();
        int ub = s.loopBound(n);
        int i = 0;
        DoubleVector zero = DoubleVector.zero(s);
        DoubleVector one = DoubleVector.broadcast(s, 1.0);
        switch (op) {
            case NEG -> {
                for (; i < ub; i += step) {
                    DoubleVector.fromArray(s, x, xo + i).neg().intoArray(o, oo + i);
                }
            }
            case ABS -> {
                for (; i < ub; i += step) {
                    DoubleVector.fromArray(s, x, xo + i).abs().intoArray(o, oo + i);
                }
            }
            case SIGN -> {
                DoubleVector minus = DoubleVector.broadcast(s, -1.0);
                for (; i < ub; i += step) {
                    DoubleVector v = DoubleVector.fromArray(s, x, xo + i);
                    v.blend(one, v.compare(GT, zero)).blend(minus, v.compare(LT, zero)).intoArray(o, oo + i);
                }
            }
            case SQUARE -> {
                for (; i < ub; i += step) {
                    DoubleVector v = DoubleVector.fromArray(s, x, xo + i);
                    v.mul(v).intoArray(o, oo + i);
                }
            }
            case SQRT -> {
                for (; i < ub; i += step) {
                    DoubleVector.fromArray(s, x, xo + i).sqrt().intoArray(o, oo + i);
                }
            }
            case RECIPROCAL -> {
                for (; i < ub; i += step) {
                    one.div(DoubleVector.fromArray(s, x, xo + i)).intoArray(o, oo + i);
                }
            }
            case RELU -> {
                for (; i < ub; i += step) {
                    DoubleVector v = DoubleVector.fromArray(s, x, xo + i);
                    v.blend(zero, v.compare(LE, zero)).intoArray(o, oo + i);
                }
            }
            default -> {
                // exp, log, log1p, sigmoid, tanh, softplus: scalar, see the class comment
            }
        }
        return i;
    }
}
