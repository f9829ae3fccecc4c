package org.myelin.nn.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.myelin.api.DType;
import org.myelin.api.DTypeException;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.MyelinException;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.Tensor;

/** The losses on values worked out by hand, and the mistakes a user can make with them. */
class LossesTest {
    private static final double TOL = 1e-12;

    private static Tensor f64(double... v) {
        return Tensor.of(v);
    }

    private static Tensor f64(double[] v, long... shape) {
        return Tensor.of(v, shape);
    }

    @Test
    void mseWithEachReduction() {
        Tensor x = f64(1, 2);
        Tensor y = f64(3, 5);
        assertEquals(6.5, new MSELoss().forward(x, y).item(), TOL);
        assertEquals(13, new MSELoss(Reduction.SUM).forward(x, y).item(), TOL);
        assertArrayEquals(new double[] {4, 9}, new MSELoss(Reduction.NONE).forward(x, y).toDoubleArray(), TOL);
    }

    @Test
    void mseGradientIsTwiceTheErrorOverN() {
        Tensor x = f64(1, 2).requiresGrad(true);
        new MSELoss().forward(x, f64(3, 5)).backward();
        assertArrayEquals(new double[] {-2, -3}, x.grad().toDoubleArray(), TOL);
    }

    @Test
    void elementwiseLossesNameBothShapesAndTheFix() {
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> new MSELoss().forward(Tensor.zeros(4, 1), Tensor.zeros(4)));
        assertTrue(e.getMessage().contains("[4, 1]") && e.getMessage().contains("[4]")
                && e.getMessage().contains("target.reshape(4, 1)"), e.getMessage());
        DTypeException d = assertThrows(DTypeException.class,
                () -> new BCELoss().forward(Tensor.full(0.5, 2), Tensor.of(new long[] {0, 1})));
        assertTrue(d.getMessage().contains("target.to(DType.FLOAT32)"), d.getMessage());
        assertThrows(DTypeException.class, () -> new MSELoss().forward(Tensor.of(new long[] {1}), Tensor.zeros(1)));
    }

    @Test
    void bceOfAHalfIsLogTwo() {
        assertEquals(Math.log(2), new BCELoss().forward(f64(0.5, 0.5), f64(1, 0)).item(), TOL);
        Tensor x = f64(0.25).requiresGrad(true);
        new BCELoss().forward(x, f64(1)).backward();
        assertEquals(-4, x.grad().item(), TOL);
    }

    @Test
    void bceClampsTheLogAtMinusOneHundred() {
        assertEquals(100, new BCELoss().forward(f64(0), f64(1)).item(), 0);
        assertEquals(100, new BCELoss().forward(Tensor.ones(1), Tensor.zeros(1)).item(), 0);
    }

    @Test
    void bceTakesAFloat64TargetForAFloat32Input() {
        Tensor out = new BCELoss().forward(Tensor.full(0.5, 2), f64(1, 0));
        assertEquals(DType.FLOAT32, out.dtype());
    }

    @Test
    void bceRejectsLogitsAndPointsToTheLogitsLoss() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> new BCELoss().forward(f64(-0.5, 0.5, 2), f64(0, 1, 1)));
        assertTrue(e.getMessage().contains("2 of the 3") && e.getMessage().contains("BCEWithLogitsLoss"), e.getMessage());
    }

    @Test
    void bceWithLogitsIsStableForHugeLogits() {
        Tensor x = f64(0, 1000, -1000).requiresGrad(true);
        Tensor y = f64(1, 1, 1);
        Tensor out = new BCEWithLogitsLoss(Reduction.NONE).forward(x, y);
        assertArrayEquals(new double[] {Math.log(2), 0, 1000}, out.toDoubleArray(), TOL);
        out.sum().backward();
        assertArrayEquals(new double[] {-0.5, 0, -1}, x.grad().toDoubleArray(), TOL, "sigmoid(x) - y");
    }

    @Test
    void crossEntropyOfUniformScoresIsLogC() {
        Tensor x = Tensor.zeros(DType.FLOAT64, 2, 4).requiresGrad(true);
        Tensor loss = new CrossEntropyLoss().forward(x, Tensor.of(new long[] {0, 3}));
        assertEquals(Math.log(4), loss.item(), TOL);
        loss.backward();
        assertArrayEquals(new double[] {-0.375, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125, -0.375},
                x.grad().toDoubleArray(), TOL, "(softmax - onehot) / N");
    }

    @Test
    void crossEntropyWithHugeScoresStaysFinite() {
        Tensor loss = new CrossEntropyLoss().forward(f64(new double[] {1000, 0, -1000, 0}, 2, 2),
                Tensor.of(new long[] {1, 0}));
        assertEquals(1000, loss.item(), 1e-9);
    }

    @Test
    void labelSmoothingFollowsPyTorchsFormula() {
        double eps = 0.1;
        Tensor x = f64(new double[] {0, Math.log(3)}, 1, 2);
        double[] logp = {Math.log(0.25), Math.log(0.75)};
        double expected = (1 - eps) * -logp[1] + eps * -(logp[0] + logp[1]) / 2;
        CrossEntropyLoss ce = new CrossEntropyLoss().labelSmoothing(eps);
        assertEquals(eps, ce.labelSmoothing());
        assertEquals(expected, ce.forward(x, Tensor.of(new long[] {1})).item(), TOL);
        assertThrows(InvalidArgumentException.class, () -> new CrossEntropyLoss().labelSmoothing(1.5));
    }

    @Test
    void crossEntropyTakesProbabilityTargets() {
        Tensor x = f64(new double[] {0, Math.log(3)}, 1, 2);
        double expected = -(0.5 * Math.log(0.25) + 0.5 * Math.log(0.75));
        assertEquals(expected, new CrossEntropyLoss().forward(x, f64(new double[] {0.5, 0.5}, 1, 2)).item(), TOL);
    }

    @Test
    void crossEntropyOfOneSampleTakesAScalarTarget() {
        Tensor loss = new CrossEntropyLoss(Reduction.NONE).forward(f64(0, 0), Tensor.of(new long[] {1}).reshape());
        assertEquals(0, loss.dim());
        assertEquals(Math.log(2), loss.item(), TOL);
    }

    @Test
    void crossEntropyMistakesSayWhatToDo() {
        CrossEntropyLoss ce = new CrossEntropyLoss();
        Tensor scores = Tensor.zeros(3, 5);
        DTypeException floatLabels = assertThrows(DTypeException.class, () -> ce.forward(scores, Tensor.zeros(3)));
        assertTrue(floatLabels.getMessage().contains("INT64") && floatLabels.getMessage().contains("[3]"),
                floatLabels.getMessage());
        ShapeMismatchException oneHot = assertThrows(ShapeMismatchException.class,
                () -> ce.forward(scores, Tensor.of(new long[] {0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4}, 3, 5)));
        assertTrue(oneHot.getMessage().contains("argmax"), oneHot.getMessage());
        ShapeMismatchException batch = assertThrows(ShapeMismatchException.class,
                () -> ce.forward(scores, Tensor.of(new long[] {0, 1})));
        assertTrue(batch.getMessage().contains("[3, 5]") && batch.getMessage().contains("[2]"), batch.getMessage());
        InvalidArgumentException range = assertThrows(InvalidArgumentException.class,
                () -> ce.forward(scores, Tensor.of(new long[] {0, 5, 1})));
        assertTrue(range.getMessage().contains("target 5 at position 1"), range.getMessage());
        assertThrows(ShapeMismatchException.class, () -> ce.forward(Tensor.scalar(1), Tensor.of(new long[] {0})));
        assertThrows(ShapeMismatchException.class, () -> ce.forward(scores, Tensor.zeros(3, 4)));
    }

    @Test
    void nllPicksTheNegatedLogProbabilityOfEachClass() {
        Tensor logp = f64(new double[] {-1, -2, -3, -4, -5, -6}, 2, 3);
        Tensor target = Tensor.of(new long[] {2, 0});
        assertEquals(3.5, new NLLLoss().forward(logp, target).item(), TOL);
        assertEquals(7, new NLLLoss(Reduction.SUM).forward(logp, target).item(), TOL);
        assertArrayEquals(new double[] {3, 4}, new NLLLoss(Reduction.NONE).forward(logp, target).toDoubleArray(), TOL);
        assertThrows(MyelinException.class, () -> new NLLLoss().forward(logp, Tensor.of(new long[] {3, 0})));
    }

    @Test
    void lossesAreFunctionalAndPrintTheirReduction() {
        Loss l1 = (input, target) -> input.sub(target).abs().mean();
        assertEquals(1.5, l1.forward(f64(1, 2), f64(3, 1)).item(), TOL);
        assertEquals("MSELoss(reduction=SUM)", new MSELoss(Reduction.SUM).toString());
        assertEquals(Reduction.MEAN, new CrossEntropyLoss().reduction());
    }
}
