package org.myelin.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.myelin.api.Tensor;

/** Small helpers the tests share: building tensors and comparing values. */
public final class Tensors {
    private Tensors() {}

    /** @return a FLOAT64 tensor of the values with the shape */
    public static Tensor f64(double[] values, long... shape) {
        return Tensor.of(values, shape);
    }

    /** Asserts the tensor's shape and values, each within {@code tol}. */
    public static void assertValues(Tensor actual, long[] shape, double[] expected, double tol) {
        assertArrayEquals(shape, actual.shape().toArray(), "shape");
        assertArrayEquals(expected, actual.toDoubleArray(), tol);
    }

    /** Asserts a one-element tensor's value within {@code tol}. */
    public static void assertScalar(double expected, Tensor actual, double tol) {
        assertEquals(expected, actual.item(), tol);
    }
}
