package org.myelin.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.myelin.api.DType;
import org.myelin.api.GradMode;
import org.myelin.api.Shape;
import org.myelin.api.Tensor;
import org.myelin.api.OpContext;
import org.myelin.api.Operator;

class AutogradSemanticsTest {

    @Test
    void gradientsAccumulateAcrossBackwardCalls() {
        Tensor x = Tensor.of(new float[] {1, 2, 3}).requiresGrad(true);
        x.mul(x).sum().backward();
        x.mul(x).sum().backward();
        assertArrayEquals(new float[] {4, 8, 12}, x.grad().toFloatArray(), 1e-6f);
    }

    @Test
    void wrapGivesTheSameTensorAsOfForEveryDtype() {
        float[] f = {1.5f, -2f, 3f, 4f, 5f, 6f};
        Tensor wf = Tensor.wrap(f.clone(), 2, 3);
        assertEquals(Shape.of(2, 3), wf.shape());
        assertEquals(DType.FLOAT32, wf.dtype());
        assertArrayEquals(Tensor.of(f, 2, 3).toFloatArray(), wf.toFloatArray());
        Tensor wd = Tensor.wrap(new double[] {0.25, -1e300});
        assertEquals(DType.FLOAT64, wd.dtype());
        assertArrayEquals(new double[] {0.25, -1e300}, wd.toDoubleArray());
        Tensor wl = Tensor.wrap(new long[] {7, Long.MIN_VALUE, 9}, 3, 1);
        assertEquals(DType.INT64, wl.dtype());
        assertEquals(Shape.of(3, 1), wl.shape());
        assertArrayEquals(new long[] {7, Long.MIN_VALUE, 9}, wl.toLongArray());
        assertEquals(17.5, wf.sum().item(), 1e-6, "a wrapped tensor takes part in operators like any other");
    }

    @Test
    void wrapRejectsAnArrayThatDoesNotFillTheShape() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.myelin.api.ShapeMismatchException.class,
                () -> Tensor.wrap(new float[5], 2, 3));
        assertTrue(e.getMessage().startsWith("Tensor.wrap: 5 values cannot fill shape"), e.getMessage());
    }

    @Test
    void sharedSubexpressionsSumTheirGradients() {
        Tensor x = Tensor.of(new double[] {2.0}).requiresGrad(true);
        Tensor y = x.mul(3);
        Tensor z = y.mul(y).add(y);
        z.sum().backward();
        assertEquals(2 * 3 * 6 + 3, x.grad().item(), 1e-12, "dz/dx = (2y + 1) * 3 at y = 6");
    }

    @Test
    void noGradRecordsNothing() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        try (var g = GradMode.noGrad()) {
            Tensor y = x.mul(2);
            assertFalse(y.requiresGrad());
            assertNull(y.gradFn());
            assertFalse(GradMode.isEnabled());
        }
        assertTrue(GradMode.isEnabled(), "closing the guard restores grad mode");
    }

    @Test
    void gradModeIsPerThread() throws Exception {
        try (var g = GradMode.noGrad()) {
            boolean[] other = new boolean[1];
            Thread t = new Thread(() -> other[0] = GradMode.isEnabled());
            t.start();
            t.join();
            assertTrue(other[0], "another thread keeps recording");
        }
    }

    @Test
    void backwardWithGradientHandlesNonScalarOutputs() {
        Tensor x = Tensor.of(new float[] {1, 2, 3}).requiresGrad(true);
        Tensor y = x.mul(x);
        y.backward(Tensor.of(new float[] {1, 0.5f, 2}));
        assertArrayEquals(new float[] {2, 2, 12}, x.grad().toFloatArray(), 1e-6f);
    }

    @Test
    void retainGraphAllowsASecondBackward() {
        Tensor x = Tensor.of(new float[] {3}).requiresGrad(true);
        Tensor y = x.exp().sum();
        y.backward(null, true);
        y.backward();
        assertEquals(2 * Math.exp(3), x.grad().item(), 1e-3);
    }

    @Test
    void retainGradKeepsANonLeafGradient() {
        Tensor x = Tensor.of(new float[] {1, 2}).requiresGrad(true);
        Tensor y = x.mul(2).retainGrad();
        y.sum().backward();
        assertArrayEquals(new float[] {1, 1}, y.grad().toFloatArray());
        assertNull(x.mul(2).grad(), "non-leaf gradients are not kept by default");
    }

    @Test
    void detachSharesStorageButLeavesTheGraph() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        Tensor d = x.detach();
        assertFalse(d.requiresGrad());
        try (var g = GradMode.noGrad()) {
            d.fill(5);
        }
        assertArrayEquals(new float[] {5, 5}, x.toFloatArray());
    }

    @Test
    void viewsShareStorage() {
        Tensor x = Tensor.arange(6).reshape(2, 3);
        Tensor t = x.t();
        Tensor s = x.slice(1, 1, 3);
        assertFalse(t.isContiguous());
        assertEquals(Shape.of(3, 2), t.shape());
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, t.toFloatArray());
        assertArrayEquals(new float[] {1, 2, 4, 5}, s.toFloatArray());
        s.fill(9);
        assertArrayEquals(new float[] {0, 9, 9, 3, 9, 9}, x.toFloatArray(), "the slice wrote into its base");
        assertEquals(1, x.version(), "a view's change bumps the shared version counter");
        x.view(3, 2).addInPlace(1);
        assertArrayEquals(new float[] {1, 10, 10, 4, 10, 10}, x.toFloatArray());
    }

    @Test
    void reshapeOfATransposeCopiesWhenItMust() {
        Tensor x = Tensor.arange(6).reshape(2, 3);
        Tensor r = x.t().reshape(6);
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, r.toFloatArray());
    }

    @Test
    void broadcastingFollowsPyTorch() {
        Tensor a = Tensor.arange(3).reshape(3, 1);
        Tensor b = Tensor.arange(4);
        Tensor c = a.add(b);
        assertEquals(Shape.of(3, 4), c.shape());
        assertArrayEquals(new float[] {0, 1, 2, 3, 1, 2, 3, 4, 2, 3, 4, 5}, c.toFloatArray());
        Tensor x = Tensor.ones(3, 1).requiresGrad(true);
        x.mul(Tensor.ones(1, 4)).sum().backward();
        assertArrayEquals(new float[] {4, 4, 4}, x.grad().toFloatArray(), "the gradient is summed back over the broadcast");
    }

    @Test
    void batchedMatmulBroadcastsBatchAxes() {
        Tensor a = Tensor.arange(2 * 2 * 3).reshape(2, 1, 2, 3);
        Tensor b = Tensor.ones(3, 3, 4);
        Tensor c = a.matmul(b);
        assertEquals(Shape.of(2, 3, 2, 4), c.shape());
        assertEquals(0 + 1 + 2, c.toFloatArray()[0], 1e-6);
        assertEquals(Shape.of(2), Tensor.ones(2, 3).matmul(Tensor.ones(3)).shape());
        assertEquals(Shape.scalar(), Tensor.ones(3).matmul(Tensor.ones(3)).shape());
    }

    @Test
    void integerTensorsHoldLabels() {
        Tensor labels = Tensor.of(new long[] {3, 1, 2});
        assertEquals(DType.INT64, labels.dtype());
        Tensor logits = Tensor.of(new float[] {0, 0, 0, 9, 0, 9, 0, 0, 0, 0, 9, 0}, 3, 4);
        Tensor predicted = logits.argmax(1);
        assertArrayEquals(new long[] {3, 1, 2}, predicted.toLongArray());
        assertEquals(3.0, predicted.eq(labels).sum().item());
    }

    @Test
    void aUsersOwnOperatorRunsWithItsOwnGradient() {
        Operator cube = new Operator() {
            @Override
            public String name() {
                return "cube";
            }

            @Override
            public Tensor forward(OpContext ctx, Tensor... in) {
                ctx.saveForBackward(in[0]);
                return in[0].mul(in[0]).mul(in[0]);
            }

            @Override
            public Tensor[] backward(OpContext ctx, Tensor g) {
                Tensor x = ctx.saved(0);
                return new Tensor[] {g.mul(x.square().mul(3))};
            }
        };
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor y = Tensor.apply(cube, x);
        assertEquals("CubeBackward", y.gradFn());
        y.sum().backward();
        assertArrayEquals(new double[] {3, 12}, x.grad().toDoubleArray(), 1e-12);

        org.myelin.api.TensorEngine.get().register(cube);
        Tensor z = Tensor.apply("cube", Tensor.of(new double[] {2}));
        assertEquals(8.0, z.item(), 1e-12);
        assertTrue(org.myelin.api.TensorEngine.get().operators().contains("cube"));
    }

    @Test
    void randomNumbersRepeatForASeed() {
        Tensor.manualSeed(7);
        float[] a = Tensor.randn(5).toFloatArray();
        Tensor.manualSeed(7);
        float[] b = Tensor.randn(5).toFloatArray();
        assertArrayEquals(a, b);
        Tensor u = Tensor.rand(10000);
        double mean = u.mean().item();
        assertEquals(0.5, mean, 0.02);
        double max = u.max().item();
        assertTrue(max < 1 && max > 0.999, "10,000 uniform draws in [0, 1) reach close to 1 but never 1: " + max);
        assertEquals(0.0, u.lt(0).sum().item(), "none is negative");
    }
}
