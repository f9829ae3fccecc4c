package org.myelin.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.myelin.api.AutogradException;
import org.myelin.api.GradMode;
import org.myelin.api.Tensor;
import org.myelin.api.Attrs;

/** The fused operators compute what the separate ones do, and the in-place ones follow the in-place rules. */
class FusedOperatorsTest {

    @Test
    void linearMatchesMatmulPlusBiasWithGradients() {
        Tensor.manualSeed(3);
        Tensor x = Tensor.randn(7, 5).requiresGrad(true);
        Tensor w = Tensor.randn(4, 5).requiresGrad(true);
        Tensor b = Tensor.randn(4).requiresGrad(true);
        Tensor fused = Tensor.apply("linear", x, w, b);
        Tensor plain = x.matmul(w.t()).add(b);
        assertArrayEquals(plain.toFloatArray(), fused.toFloatArray(), 1e-6f);
        assertEquals("LinearBackward", fused.gradFn());
        fused.sum().backward();
        float[] gx = x.grad().toFloatArray();
        float[] gw = w.grad().toFloatArray();
        float[] gb = b.grad().toFloatArray();
        x.setGrad(null);
        w.setGrad(null);
        b.setGrad(null);
        plain.sum().backward();
        assertArrayEquals(x.grad().toFloatArray(), gx, 1e-5f);
        assertArrayEquals(w.grad().toFloatArray(), gw, 1e-5f);
        assertArrayEquals(b.grad().toFloatArray(), gb, 1e-5f);
        assertEquals(true, w.grad().isContiguous());
    }

    @Test
    void crossEntropyMatchesLogSoftmaxPickMean() {
        Tensor.manualSeed(4);
        Tensor x = Tensor.randn(6, 10).requiresGrad(true);
        Tensor t = Tensor.of(new long[] {1, 9, 0, 3, 3, 7}, 6);
        Tensor fused = Tensor.apply("cross_entropy", x, t);
        fused.backward();
        float[] g = x.grad().toFloatArray();
        x.setGrad(null);
        Tensor plain = x.logSoftmax(1).gather(1, t.unsqueeze(1)).squeeze(1).neg().mean();
        plain.backward();
        assertEquals(plain.item(), fused.item(), 1e-6);
        assertArrayEquals(x.grad().toFloatArray(), g, 1e-6f);
    }

    @Test
    void sgdStepUpdatesInPlaceBumpsVersionsAndMatchesTheFormula() {
        Tensor p = Tensor.of(new float[] {1, 2, 3});
        Tensor g = Tensor.of(new float[] {0.5f, -1, 2});
        Tensor buf = Tensor.zeros(3);
        long pv = p.version();
        long bv = buf.version();
        Attrs first = Attrs.of("lr", 0.1, "momentum", 0.9, "first", true);
        Attrs later = Attrs.of("lr", 0.1, "momentum", 0.9, "first", false);
        try (var ng = GradMode.noGrad()) {
            Tensor.apply("sgd_step", first, p, g, buf);
            Tensor.apply("sgd_step", later, p, g, buf);
        }
        // buf = g, p -= 0.1 g; then buf = 0.9 g + g, p -= 0.1 * 1.9 g
        assertArrayEquals(new float[] {1 - 0.05f - 0.095f, 2 + 0.1f + 0.19f, 3 - 0.2f - 0.38f}, p.toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {0.95f, -1.9f, 3.8f}, buf.toFloatArray(), 1e-6f);
        assertEquals(pv + 2, p.version());
        assertEquals(bv + 2, buf.version());
        assertNull(p.gradFn());
    }

    @Test
    void sgdStepOnANonContiguousViewWritesBack() {
        Tensor p = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor g = Tensor.ones(2, 2);
        try (var ng = GradMode.noGrad()) {
            Tensor.apply("sgd_step", Attrs.of("lr", 1.0), p.t(), g);
        }
        assertArrayEquals(new float[] {0, 1, 2, 3}, p.toFloatArray(), 0f);
    }

    @Test
    void inPlaceStepOnAParameterIsRefusedWhileGradModeIsOn() {
        Tensor p = Tensor.ones(3).requiresGrad(true);
        Tensor g = Tensor.ones(3);
        assertThrows(AutogradException.class, () -> Tensor.apply("sgd_step", Attrs.of("lr", 0.1), p, g));
    }

    @Test
    void adamStepMatchesPyTorchsFormula() {
        Tensor p = Tensor.of(new double[] {1, -2});
        Tensor g = Tensor.of(new double[] {0.5, 0.25});
        Tensor m = Tensor.zeros(org.myelin.api.DType.FLOAT64, 2);
        Tensor v = Tensor.zeros(org.myelin.api.DType.FLOAT64, 2);
        try (var ng = GradMode.noGrad()) {
            Tensor.apply("adam_step", Attrs.of("lr", 0.01, "beta1", 0.9, "beta2", 0.999, "eps", 1e-8, "step", 1L), p, g, m, v);
        }
        // The first bias-corrected step moves each parameter by lr * sign(g) (up to eps).
        assertArrayEquals(new double[] {1 - 0.01, -2 - 0.01}, p.toDoubleArray(), 1e-7);
        assertArrayEquals(new double[] {0.05, 0.025}, m.toDoubleArray(), 1e-12);
    }

    @Test
    void crossEntropyWithOneTensorSaysWhatItTakes() {
        var e = assertThrows(org.myelin.api.InvalidArgumentException.class,
                () -> Tensor.apply("cross_entropy", Tensor.zeros(2, 3)));
        assertEquals("cross_entropy takes (scores, target), got 1 tensors", e.getMessage());
    }
}
