package org.myelin.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.myelin.api.DType;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Tensor;
import org.myelin.api.UnknownNameException;

/** Initialisers: PyTorch's gains and fans, and the bounds and spreads they imply, measured. */
class InitTest {

    private static double maxAbs(Tensor t) {
        double m = 0;
        for (double v : t.toDoubleArray()) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static double[] meanStd(Tensor t) {
        double[] v = t.toDoubleArray();
        double sum = 0;
        double sumSq = 0;
        for (double d : v) {
            sum += d;
            sumSq += d * d;
        }
        double mean = sum / v.length;
        return new double[] {mean, Math.sqrt(sumSq / v.length - mean * mean)};
    }

    @Test
    void gainsMatchPyTorch() {
        assertEquals(1, Init.gain("linear"));
        assertEquals(1, Init.gain("sigmoid"));
        assertEquals(5.0 / 3, Init.gain("tanh"), 1e-15);
        assertEquals(Math.sqrt(2), Init.gain("relu"), 1e-15);
        assertEquals(Math.sqrt(2 / (1 + 0.01 * 0.01)), Init.gain("leaky_relu"), 1e-15);
        assertEquals(Math.sqrt(2 / 1.04), Init.gain("leaky_relu", 0.2), 1e-15);
        assertThrows(UnknownNameException.class, () -> Init.gain("swish"));
    }

    @Test
    void fansCountTheReceptiveField() {
        assertArrayEquals(new long[] {12, 16}, Init.fans(Tensor.zeros(4, 3, 2, 2), "test"));
        assertArrayEquals(new long[] {3, 4}, Init.fans(Tensor.zeros(4, 3), "test"));
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Init.xavierUniform(Tensor.zeros(5)));
        assertTrue(e.getMessage().contains("rank 2"), e.getMessage());
    }

    @Test
    void xavierUniformStaysWithinItsBound() {
        Tensor.manualSeed(1);
        Tensor w = Init.xavierUniform(Tensor.zeros(DType.FLOAT64, 200, 300), 2);
        double bound = 2 * Math.sqrt(6.0 / 500);
        double m = maxAbs(w);
        assertTrue(m <= bound && m > 0.99 * bound, m + " vs " + bound);
        assertEquals(bound / Math.sqrt(3), meanStd(w)[1], 0.02 * bound);
    }

    @Test
    void xavierNormalHasItsStd() {
        Tensor.manualSeed(2);
        Tensor w = Init.xavierNormal(Tensor.zeros(200, 300), 1.5);
        double[] ms = meanStd(w);
        double std = 1.5 * Math.sqrt(2.0 / 500);
        assertEquals(0, ms[0], 0.02 * std);
        assertEquals(std, ms[1], 0.02 * std);
    }

    @Test
    void kaimingUniformUsesTheChosenFanAndGain() {
        Tensor.manualSeed(3);
        Tensor w = Init.kaimingUniform(Tensor.zeros(200, 300));
        double bound = Math.sqrt(2) * Math.sqrt(3.0 / 300);
        assertTrue(maxAbs(w) <= bound && maxAbs(w) > 0.99 * bound);
        Tensor out = Init.kaimingUniform(Tensor.zeros(200, 300), 0, Init.FanMode.FAN_OUT, "tanh");
        double outBound = 5.0 / 3 * Math.sqrt(3.0 / 200);
        assertTrue(maxAbs(out) <= outBound && maxAbs(out) > 0.99 * outBound);
    }

    @Test
    void kaimingNormalHasItsStd() {
        Tensor.manualSeed(4);
        Tensor w = Init.kaimingNormal(Tensor.zeros(300, 200), 0.2, Init.FanMode.FAN_IN, "leaky_relu");
        double std = Math.sqrt(2 / 1.04) / Math.sqrt(200);
        assertEquals(std, meanStd(w)[1], 0.02 * std);
    }

    @Test
    void normalZerosAndConstantWorkOnParametersWhileGradModeIsOn() {
        Tensor p = Tensor.zeros(100, 100).requiresGrad(true);
        Tensor.manualSeed(5);
        Init.normal(p, 3, 0.5);
        double[] ms = meanStd(p);
        assertEquals(3, ms[0], 0.02);
        assertEquals(0.5, ms[1], 0.02);
        Init.zeros(p);
        assertEquals(0, maxAbs(p), 0);
        Init.constant(p, 2);
        assertEquals(2, meanStd(p)[0], 0);
        assertTrue(p.requiresGrad() && p.isLeaf());
    }

    @Test
    void uniformFollowsTheSeed() {
        Tensor.manualSeed(6);
        float[] a = Init.uniform(Tensor.zeros(10), -1, 1).toFloatArray();
        Tensor.manualSeed(6);
        assertArrayEquals(a, Init.uniform(Tensor.zeros(10), -1, 1).toFloatArray());
    }
}
