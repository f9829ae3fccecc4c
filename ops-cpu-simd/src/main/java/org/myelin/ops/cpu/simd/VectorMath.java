package org.myelin.ops.cpu.simd;

import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LT;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Vector math built from lanewise IEEE operations only, so a result never depends on whether the
 * JIT has compiled the calling loop yet.
 *
 * <p>Why not the Vector API's own {@code lanewise(EXP)} and {@code reduceLanes(ADD)}: compiled code
 * uses SVML and a tree-shaped reduction, while code that has not been compiled yet uses per-lane
 * {@code Math} calls and a left-to-right sum. The two differ in the last bit, so the same seed gave
 * different training runs depending on when C2 got to a kernel. Every operation used here (add,
 * multiply, FMA, compare, blend, bit moves) is exact per lane in both forms.
 */
final class VectorMath {
    private VectorMath() {}

    private static final float LOG2E = 1.44269504088896341f;
    /** ln 2 split in two so that n·LN2_HI is exact for the n that occur (Cody and Waite). */
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5·2²³: adding it rounds a float below 2²² to the nearest integer, ties to even. */
    private static final float ROUNDER = 12582912f;
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    /** Above this, expf overflows; below the other, even the smallest subnormal rounds to zero. */
    private static final float OVERFLOW = 88.72283935546875f;
    private static final float UNDERFLOW = -103.97283935546875f;

    /**
     * e<sup>x</sup> in each lane, within 2 ulp of {@link Math#exp}; subnormal results are kept,
     * +∞ above {@value #OVERFLOW}, 0 below {@value #UNDERFLOW}, NaN stays NaN.
     */
    static FloatVector exp(FloatVector x) {
        var s = x.species();
        FloatVector c = x.max(UNDERFLOW).min(OVERFLOW);
        FloatVector t = c.fma(FloatVector.broadcast(s, LOG2E), FloatVector.broadcast(s, ROUNDER));
        FloatVector n = t.sub(ROUNDER);
        FloatVector r = n.fma(FloatVector.broadcast(s, -LN2_HI), c);
        r = n.fma(FloatVector.broadcast(s, -LN2_LO), r);
        // Cephes' expf polynomial for e^r - 1 - r on |r| <= ln2/2
        FloatVector p = r.fma(FloatVector.broadcast(s, 1.9875691500e-4f), FloatVector.broadcast(s, 1.3981999507e-3f));
        p = p.fma(r, FloatVector.broadcast(s, 8.3334519073e-3f));
        p = p.fma(r, FloatVector.broadcast(s, 4.1665795894e-2f));
        p = p.fma(r, FloatVector.broadcast(s, 1.6666665459e-1f));
        p = p.fma(r, FloatVector.broadcast(s, 5.0000001201e-1f));
        FloatVector y = p.mul(r.mul(r)).add(r).add(1f);
        // 2^n in two factors, so that n down to -150 (subnormal results) still scales exactly
        IntVector ni = t.reinterpretAsInts().sub(ROUNDER_BITS);
        IntVector half = ni.lanewise(VectorOperators.ASHR, 1);
        FloatVector scale1 = half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector scale2 = ni.sub(half).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector e = y.mul(scale1).mul(scale2);
        e = e.blend(Float.POSITIVE_INFINITY, x.compare(GT, OVERFLOW));
        return e.blend(0f, x.compare(LT, UNDERFLOW));
    }

    /**
     * One lane of {@link #exp(FloatVector)}: the same operations in the same order on one float, so
     * its result has the same bits. Kernels use it for elements outside whole vectors (a tail, a
     * strided run), so a value's exp never depends on where it sits in a tensor.
     */
    static float exp(float x) {
        float c = Math.min(Math.max(x, UNDERFLOW), OVERFLOW);
        float t = Math.fma(c, LOG2E, ROUNDER);
        float n = t - ROUNDER;
        float r = Math.fma(n, -LN2_HI, c);
        r = Math.fma(n, -LN2_LO, r);
        float p = Math.fma(r, 1.9875691500e-4f, 1.3981999507e-3f);
        p = Math.fma(p, r, 8.3334519073e-3f);
        p = Math.fma(p, r, 4.1665795894e-2f);
        p = Math.fma(p, r, 1.6666665459e-1f);
        p = Math.fma(p, r, 5.0000001201e-1f);
        float y = p * (r * r) + r + 1f;
        int ni = Float.floatToRawIntBits(t) - ROUNDER_BITS;
        int half = ni >> 1;
        float e = y * Float.intBitsToFloat((half + 127) << 23) * Float.intBitsToFloat((ni - half + 127) << 23);
        if (x > OVERFLOW) {
            return Float.POSITIVE_INFINITY;
        }
        return x < UNDERFLOW ? 0f : e;
    }

    /** The lanes' sum, added as a fixed binary tree (lane j with lane j + half, halving each time). */
    static float sum(FloatVector v) {
        for (int half = v.length() / 2; half >= 1; half /= 2) {
            v = v.add(v.slice(half));
        }
        return v.lane(0);
    }

    /** The lanes' sum, in the same fixed tree as {@link #sum(FloatVector)}. */
    static double sum(DoubleVector v) {
        for (int half = v.length() / 2; half >= 1; half /= 2) {
            v = v.add(v.slice(half));
        }
        return v.lane(0);
    }
}
