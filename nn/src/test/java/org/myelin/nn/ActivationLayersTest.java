package org.myelin.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.myelin.nn.Tensors.assertValues;
import static org.myelin.nn.Tensors.f64;

import org.junit.jupiter.api.Test;
import org.myelin.api.Tensor;

/** The parameter-free layers, on values worked out by hand. */
class ActivationLayersTest {
    private static final double TOL = 1e-12;
    private static final Tensor X = f64(new double[] {-2, 0, 3}, 1, 3);

    @Test
    void sigmoid() {
        double e2 = Math.exp(-2);
        assertValues(new Sigmoid().forward(X), new long[] {1, 3},
                new double[] {e2 / (1 + e2), 0.5, 1 / (1 + Math.exp(-3))}, TOL);
    }

    @Test
    void tanh() {
        assertValues(new Tanh().forward(X), new long[] {1, 3}, new double[] {Math.tanh(-2), 0, Math.tanh(3)}, TOL);
    }

    @Test
    void relu() {
        assertValues(new ReLU().forward(X), new long[] {1, 3}, new double[] {0, 0, 3}, 0);
    }

    @Test
    void leakyReluDefaultsToPyTorchsSlope() {
        assertEquals(0.01, new LeakyReLU().slope());
        assertValues(new LeakyReLU().forward(X), new long[] {1, 3}, new double[] {-0.02, 0, 3}, TOL);
        assertValues(new LeakyReLU(0.5).forward(X), new long[] {1, 3}, new double[] {-1, 0, 3}, TOL);
    }

    @Test
    void softplus() {
        assertValues(new Softplus().forward(X), new long[] {1, 3},
                new double[] {Math.log1p(Math.exp(-2)), Math.log(2), Math.log1p(Math.exp(3))}, TOL);
    }

    @Test
    void softmaxAndLogSoftmaxAlongTheGivenAxis() {
        Tensor x = f64(new double[] {0, Math.log(3), 1, 1}, 2, 2);
        assertValues(new Softmax(1).forward(x), new long[] {2, 2}, new double[] {0.25, 0.75, 0.5, 0.5}, TOL);
        assertValues(new LogSoftmax(-1).forward(x), new long[] {2, 2},
                new double[] {Math.log(0.25), Math.log(0.75), Math.log(0.5), Math.log(0.5)}, TOL);
        double a = 1 / (1 + Math.E);
        double b = 3 / (3 + Math.E);
        assertValues(new Softmax(0).forward(x), new long[] {2, 2}, new double[] {a, b, 1 - a, 1 - b}, TOL);
    }

    @Test
    void flattenKeepsTheBatchAxis() {
        Tensor x = Tensor.arange(24).reshape(2, 3, 4);
        Tensor out = new Flatten().forward(x);
        assertArrayEquals(new long[] {2, 12}, out.shape().toArray());
        assertArrayEquals(x.toFloatArray(), out.toFloatArray());
        assertArrayEquals(new long[] {2, 3}, new Flatten().forward(Tensor.zeros(2, 3)).shape().toArray());
    }

    @Test
    void identityReturnsItsInput() {
        assertSame(X, new Identity().forward(X));
    }

    @Test
    void parameterFreeLayersHaveNoParameters() {
        for (Module m : new Module[] {new Sigmoid(), new Tanh(), new ReLU(), new LeakyReLU(), new Softplus(),
                new Softmax(1), new LogSoftmax(1), new Dropout(0.1), new Flatten(), new Identity()}) {
            assertEquals(0, m.parameters().size(), m.toString());
        }
    }
}
