package org.myelin.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.myelin.optim.Params.assertValues;
import static org.myelin.optim.Params.gradient;
import static org.myelin.optim.Params.parameter;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.myelin.api.DType;
import org.myelin.api.Tensor;

/** clipGradNorm and clipGradValue against torch.nn.utils.clip_grad_norm_ and clip_grad_value_. */
class GradClipTest {

    @ParameterizedTest
    @ValueSource(strings = {"clip_norm_scaled", "clip_norm_unchanged"})
    void clipGradNormMatchesPyTorch(String name) {
        var problem = new GoldenProblem(DType.FLOAT64);
        problem.backward();
        double total = GradClip.clipGradNorm(problem.parameters(), Golden.scalar(name + ".maxNorm"));
        assertEquals(Golden.scalar(name + ".total"), total, 1e-12);
        Golden.assertClose(name + ".W", problem.weight.grad(), 1e-12, 1e-15);
        Golden.assertClose(name + ".b", problem.bias.grad(), 1e-12, 1e-15);
    }

    @Test
    void clipGradNormWorksOnFloat32Gradients() {
        var problem = new GoldenProblem(DType.FLOAT32);
        problem.backward();
        double total = GradClip.clipGradNorm(problem.parameters(), Golden.scalar("clip_norm_scaled.maxNorm"));
        assertEquals(Golden.scalar("clip_norm_scaled.total"), total, 1e-6);
        Golden.assertClose("clip_norm_scaled.W", problem.weight.grad(), 1e-5, 1e-7);
        assertEquals(DType.FLOAT32, problem.weight.grad().dtype());
    }

    @Test
    void clipGradValueMatchesPyTorch() {
        var problem = new GoldenProblem(DType.FLOAT64);
        problem.backward();
        GradClip.clipGradValue(problem.parameters(), Golden.scalar("clip_value.clip"));
        Golden.assertClose("clip_value.W", problem.weight.grad(), 0, 0);
        Golden.assertClose("clip_value.b", problem.bias.grad(), 0, 0);
    }

    @Test
    void clipGradNormByHandSkipsMissingGradients() {
        Tensor a = parameter(0, 0);
        Tensor b = parameter(0);
        Tensor none = parameter(5);
        gradient(a, 3, 0);
        gradient(b, 4); // total norm 5
        double total = GradClip.clipGradNorm(List.of(a, b, none), 1);
        assertEquals(5, total, 1e-15);
        double c = 1 / (5 + 1e-6);
        assertValues(a.grad(), 1e-15, 3 * c, 0);
        assertValues(b.grad(), 1e-15, 4 * c);
        assertNull(none.grad());
    }

    @Test
    void clipGradNormWithNoGradientsReturnsZero() {
        assertEquals(0, GradClip.clipGradNorm(List.of(parameter(1)), 1));
        assertEquals(0, GradClip.clipGradNorm(List.of(), 1));
    }

    @Test
    void clipGradValueClampsBothSigns() {
        Tensor p = parameter(0, 0, 0);
        gradient(p, -3, 0.5, 7);
        GradClip.clipGradValue(List.of(p, parameter(1)), 1);
        assertValues(p.grad(), 0, -1, 0.5, 1);
    }
}
