package org.myelin.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.myelin.api.Generator;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Tensor;

/** Dropout's two conventions, measured on 100,000 elements with a fixed seed. */
class DropoutTest {
    private static final int N = 100_000;
    private static final double P = 0.3;

    /** @return {fraction kept, mean of the output}, checking every element is 0 or {@code keptValue} */
    private static double[] measure(Tensor out, double keptValue) {
        float[] v = out.toFloatArray();
        long kept = 0;
        double sum = 0;
        for (float f : v) {
            if (f != 0) {
                kept++;
                if (Math.abs(f - keptValue) > 1e-6) {
                    fail("a kept element is " + f + ", expected " + keptValue);
                }
            }
            sum += f;
        }
        return new double[] {(double) kept / v.length, sum / v.length};
    }

    @Test
    void invertedKeepsSeventyPercentScaledSoTheMeanIsPreserved() {
        Tensor.manualSeed(42);
        double[] m = measure(new Dropout(P).forward(Tensor.ones(N)), 1 / (1 - P));
        assertEquals(1 - P, m[0], 0.01);
        assertEquals(1, m[1], 0.01);
    }

    @Test
    void invertedIsTheIdentityInEval() {
        Dropout d = new Dropout(P);
        d.eval();
        Tensor x = Tensor.randn(1000);
        assertArrayEquals(x.toFloatArray(), d.forward(x).toFloatArray());
    }

    @Test
    void courseVariantKeepsUnscaledAndScalesAtTest() {
        Tensor.manualSeed(42);
        Dropout d = Dropout.courseVariant(P);
        assertEquals(Dropout.Mode.SCALE_AT_TEST, d.mode());
        double[] m = measure(d.forward(Tensor.ones(N)), 1);
        assertEquals(1 - P, m[0], 0.01);
        assertEquals(1 - P, m[1], 0.01);
        d.eval();
        double[] eval = measure(d.forward(Tensor.ones(N)), 1 - P);
        assertEquals(1, eval[0], 0);
        assertEquals(1 - P, eval[1], 1e-6, "the expected training output equals the evaluation output");
    }

    @Test
    void masksFollowTheSeedAndDifferBetweenCalls() {
        Dropout d = new Dropout(0.5);
        Tensor.manualSeed(5);
        float[] first = d.forward(Tensor.ones(64)).toFloatArray();
        float[] second = d.forward(Tensor.ones(64)).toFloatArray();
        Tensor.manualSeed(5);
        assertArrayEquals(first, d.forward(Tensor.ones(64)).toFloatArray());
        assertFalse(java.util.Arrays.equals(first, second));
    }

    @Test
    void gradientFlowsOnlyThroughKeptElementsWithTheSameScale() {
        Tensor.manualSeed(9);
        Tensor x = Tensor.ones(1000).requiresGrad(true);
        Tensor out = new Dropout(0.25).forward(x);
        out.sum().backward();
        assertArrayEquals(out.toFloatArray(), x.grad().toFloatArray(), 1e-6f);
    }

    @Test
    void edgeProbabilities() {
        Tensor x = Tensor.randn(100);
        assertSame(x, new Dropout(0).forward(x));
        assertEquals(0, new Dropout(1).forward(x).abs().sum().item(), 0);
        assertThrows(InvalidArgumentException.class, () -> new Dropout(1.5));
        assertThrows(InvalidArgumentException.class, () -> new Dropout(-0.1));
        assertThrows(InvalidArgumentException.class, () -> new Dropout(Double.NaN));
    }

    @Test
    void aDropoutWithItsOwnGeneratorDrawsTheSameMasksWhateverElseDraws() {
        Tensor x = Tensor.ones(1000);
        float[] first = new Dropout(P, Dropout.Mode.INVERTED, new Generator(3)).forward(x).toFloatArray();
        Tensor.rand(77); // the default stream moves; the dropout's own does not care
        float[] second = new Dropout(P, Dropout.Mode.INVERTED, new Generator(3)).forward(x).toFloatArray();
        assertArrayEquals(first, second);
    }
}
