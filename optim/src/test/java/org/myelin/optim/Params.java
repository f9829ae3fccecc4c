package org.myelin.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.myelin.api.Tensor;

/** Small helpers for hand-computed optimizer steps in float64. */
final class Params {
    private Params() {}

    /** @return a float64 leaf parameter that requires grad */
    static Tensor parameter(double... values) {
        return Tensor.of(values).requiresGrad(true);
    }

    /** Sets the parameter's gradient directly, as backward would. */
    static void gradient(Tensor parameter, double... values) {
        parameter.setGrad(Tensor.of(values));
    }

    static void assertValues(Tensor actual, double tolerance, double... expected) {
        double[] got = actual.toDoubleArray();
        assertEquals(expected.length, got.length, "number of elements");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], got[i], tolerance, "element " + i);
        }
    }
}
