package org.myelin.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.myelin.api.Tensor;

/** The course's logistic-regression graph, checked against its closed-form gradient (h - c)·xᵀ. */
class CourseLogisticRegressionTest {

    @Test
    void gradientOfCrossEntropyThroughSigmoidIsHMinusCTimesXTransposed() {
        Tensor.manualSeed(42);
        Tensor w = Tensor.randn(1, 3).requiresGrad(true);
        Tensor x = Tensor.ones(3, 1);
        Tensor c = Tensor.ones(1);

        Tensor h = w.matmul(x).neg().exp().add(1).reciprocal();
        Tensor l = c.mul(h.log()).neg().sub(c.rsub(1).mul(h.rsub(1).log()));
        l.sum().backward();

        double hValue = h.item();
        float[] expected = x.t().mul(hValue - 1.0).toFloatArray();
        assertArrayEquals(expected, w.grad().toFloatArray(), 1e-6f);
        assertEquals(3, w.grad().numel());

        double[] wv = w.toDoubleArray();
        double z = wv[0] + wv[1] + wv[2];
        assertEquals(1 / (1 + Math.exp(-z)), hValue, 1e-6, "h is the sigmoid of W·x, computed by hand");
    }

    @Test
    void gradFnNamesTheCreator() {
        Tensor w = Tensor.randn(1, 3).requiresGrad(true);
        Tensor x = Tensor.ones(3, 1);
        Tensor h = w.matmul(x).neg().exp().add(1).reciprocal();
        assertEquals("ReciprocalBackward", h.gradFn());
        assertEquals("MatmulBackward", w.matmul(x).gradFn());
        assertEquals("MulBackward", w.mul(w).gradFn());
        assertEquals("AddScalarBackward", w.add(1).gradFn());
        assertNull(w.gradFn(), "a leaf has no creator");
        assertNull(x.exp().gradFn(), "nothing requires grad, so nothing is recorded");
    }
}
