package org.myelin.ops.cpu.simd;

import static jdk.incubator.vector.VectorOperators.GE;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.myelin.api.DType;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.Kernels;
import org.myelin.api.spi.Strided;
import org.myelin.api.spi.UnaryOp;

/**
 * Elementwise one-input kernels: this class picks the type and the runs, {@link UnaryF} and its
 * generated twin {@link UnaryD} run them, and the overloads here hold what differs between float and
 * double. Each op has its own vector loop (the op is switched on outside the loop, with constant
 * operators, so the Vector API intrinsifies them); tails, strided runs and the scalar fallback use
 * {@link UnaryOp#apply}, the reference definition itself, except float exp and sigmoid, whose single
 * elements take the vector formula one lane at a time (see {@code one}).
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
                UnaryF.row(op, HeapBuffer.of(x.buffer()).floats(), (int) x.offset(), 1, HeapBuffer.of(out.buffer()).floats(),
                        (int) out.offset(), 1, flat);
            } else {
                UnaryD.row(op, HeapBuffer.of(x.buffer()).doubles(), (int) x.offset(), 1, HeapBuffer.of(out.buffer()).doubles(),
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
            StridedLoops.forEachRun(w, cost, (off, st, n) -> UnaryF.row(op, xa, off[1], st[1], o, off[0], st[0], n));
        } else {
            double[] o = HeapBuffer.of(out.buffer()).doubles();
            double[] xa = HeapBuffer.of(x.buffer()).doubles();
            StridedLoops.forEachRun(w, cost, (off, st, n) -> UnaryD.row(op, xa, off[1], st[1], o, off[0], st[0], n));
        }
    }

    /**
     * One element outside the vector body. exp and sigmoid take the vector code's formula lane by
     * lane ({@link VectorMath#exp(float)}), so an element gets the same bits in a tail, a strided
     * run or a vector; the other ops' vector bodies already equal {@link UnaryOp#apply} exactly.
     */
    static float one(UnaryOp op, float v) {
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

    /** A FLOAT64 element is always {@link UnaryOp#apply}: float64 has no vector exp to agree with. */
    static double one(UnaryOp op, double v) {
        return op.apply(v);
    }

    // exp and sigmoid vector loops stay in methods of their own: VectorMath.exp is too large to be
    // inlined into UnaryF's whole switch, and a vector passed to a call that is not inlined is boxed.
    // Each returns how many leading elements it did: all ub for float, none for double, whose exp
    // and sigmoid run in the scalar loop (see the class comment).

    static int expVectors(float[] x, int xo, float[] o, int oo, int ub) {
        VectorSpecies<Float> s = Simd.F;
        int i = 0;
        for (; i < ub; i += s.length()) {
            VectorMath.exp(FloatVector.fromArray(s, x, xo + i)).intoArray(o, oo + i);
        }
        return i;
    }

    static int expVectors(double[] x, int xo, double[] o, int oo, int ub) {
        return 0;
    }

    static int sigmoidVectors(float[] x, int xo, float[] o, int oo, int ub) {
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

    static int sigmoidVectors(double[] x, int xo, double[] o, int oo, int ub) {
        return 0;
    }
}
