package org.myelin.ops.cpu.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;
import org.myelin.api.spi.UnaryOp;

/**
 * {@link VectorMath}'s accuracy, and the property it exists for: a kernel gives the same bits on its
 * first, interpreted call as after the JIT has compiled it.
 */
class VectorMathTest {

    private static float[] expAll(float[] x) {
        float[] out = new float[x.length];
        int l = Simd.F.length();
        for (int i = 0; i + l <= x.length; i += l) {
            VectorMath.exp(FloatVector.fromArray(Simd.F, x, i)).intoArray(out, i);
        }
        return out;
    }

    @Test
    void expIsWithinTwoUlpOfMathExpOverTheWholeFloatRange() {
        assumeTrue(Simd.ENABLED, "needs the Vector API");
        int l = Simd.F.length();
        int n = 200_000 / l * l;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = -104f + 193f * i / n; // from below the underflow to above the overflow
        }
        float[] e = expAll(x);
        for (int i = 0; i < n; i++) {
            float want = (float) Math.exp(x[i]);
            if (want == Float.POSITIVE_INFINITY || want < Float.MIN_NORMAL) {
                // overflow gives infinity; subnormals keep their absolute accuracy
                assertTrue(e[i] == want || Math.abs(e[i] - want) <= 2 * Float.MIN_VALUE || want == Float.POSITIVE_INFINITY
                        && e[i] > 3.4e38f, "exp(" + x[i] + ") = " + e[i] + ", want " + want);
            } else {
                assertTrue(Math.abs(e[i] - want) <= 2 * Math.ulp(want), "exp(" + x[i] + ") = " + e[i] + ", want " + want);
            }
        }
    }

    @Test
    void expKeepsTheSpecialValues() {
        assumeTrue(Simd.ENABLED, "needs the Vector API");
        int l = Simd.F.length();
        float[] specials = {Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 0f, -0f, 100f, -200f, 1f};
        float[] x = new float[(specials.length + l - 1) / l * l];
        System.arraycopy(specials, 0, x, 0, specials.length);
        float[] e = expAll(x);
        float[] want = {Float.NaN, 0f, Float.POSITIVE_INFINITY, 1f, 1f, Float.POSITIVE_INFINITY, 0f, (float) Math.E};
        for (int i = 0; i < specials.length; i++) {
            float tolerance = Float.isFinite(want[i]) ? Math.ulp(want[i]) : 0f;
            assertEquals(want[i], e[i], tolerance, "exp(" + x[i] + ")");
        }
    }

    @Test
    void theOneLaneExpGivesTheVectorsBits() {
        assumeTrue(Simd.ENABLED, "needs the Vector API");
        int l = Simd.F.length();
        Random r = new Random(11);
        float[] x = new float[4096 / l * l];
        float[] specials = {Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 0f, -0f, 88.72283935546875f,
            88.7229f, -103.97283935546875f, -103.9729f, -87.3f, -100f, Float.MIN_VALUE, -Float.MAX_VALUE};
        for (int i = 0; i < x.length; i++) {
            x[i] = i < specials.length ? specials[i] : i % 2 == 0 ? (float) (r.nextGaussian() * 30) : Float.intBitsToFloat(r.nextInt());
        }
        float[] vector = expAll(x);
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToRawIntBits(vector[i]), Float.floatToRawIntBits(VectorMath.exp(x[i])),
                    "exp(" + x[i] + "): lane " + vector[i] + ", one lane " + VectorMath.exp(x[i]));
        }
    }

    @Test
    void sumAddsEveryLane() {
        assumeTrue(Simd.ENABLED, "needs the Vector API");
        float[] x = new float[Simd.F.length()];
        double want = 0;
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
            want += i + 1;
        }
        assertEquals(want, VectorMath.sum(FloatVector.fromArray(Simd.F, x, 0)), 0.0);
    }

    /**
     * The kernels that once used the Vector API's transcendental and reduction operations, called
     * once cold and again after enough calls for C2 to compile them: the bits must not change.
     */
    @Test
    void kernelsGiveTheSameBitsBeforeAndAfterTheJitCompilesThem() {
        Random r = new Random(7);
        float[] x = new float[4099];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian() * 4;
        }
        float[] cold = everyKernel(x);
        for (int k = 0; k < 3_000; k++) {
            everyKernel(x);
        }
        assertArrayEquals(cold, everyKernel(x));
    }

    private static float[] everyKernel(float[] x) {
        int n = x.length;
        UnaryOp[] ops = {UnaryOp.EXP, UnaryOp.SIGMOID, UnaryOp.TANH, UnaryOp.SOFTPLUS, UnaryOp.LOG1P};
        float[] out = new float[ops.length * n + 2 * n + 2];
        for (int k = 0; k < ops.length; k++) {
            float[] absX = ops[k] == UnaryOp.LOG1P ? absolute(x) : x;
            UnaryF.row(ops[k], absX, 0, 1, out, k * n, 1, n);
        }
        int at = ops.length * n;
        SoftmaxF.row(x, 0, 1, out, at, 1, n, false);
        SoftmaxF.row(x, 0, 1, out, at + n, 1, n, true);
        out[at + 2 * n] = (float) SimdReductions.sum(x, 0, 1, n);
        out[at + 2 * n + 1] = GemvF.dot(x, 0, x, 0, n);
        return out;
    }

    private static float[] absolute(float[] x) {
        float[] a = x.clone();
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.abs(a[i]);
        }
        return a;
    }
}
