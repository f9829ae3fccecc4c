package org.myelin.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.myelin.optim.Params.assertValues;
import static org.myelin.optim.Params.gradient;
import static org.myelin.optim.Params.parameter;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.myelin.api.Tensor;

/** Adam's and AdamW's single steps computed by hand. */
class AdamTest {

    @Test
    void firstTwoStepsAreBiasCorrected() {
        Tensor p = parameter(1);
        var opt = new Adam(List.of(p), 0.1);
        gradient(p, 0.5);
        opt.step();
        // m = 0.05, v = 0.00025; corrected, m̂ = 0.5 and sqrt(v̂) = 0.5, so the step is lr·0.5/(0.5 + eps).
        assertValues(p, 1e-15, 1 - 0.1 * 0.5 / (0.5 + 1e-8));
        double afterOne = p.item();
        gradient(p, -0.5);
        opt.step();
        double m = 0.9 * 0.05 + 0.1 * -0.5;
        double v = 0.999 * 0.00025 + 0.001 * 0.25;
        double bc1 = 1 - 0.9 * 0.9;
        double bc2 = 1 - 0.999 * 0.999;
        assertValues(p, 1e-15, afterOne - 0.1 / bc1 * m / (Math.sqrt(v) / Math.sqrt(bc2) + 1e-8));
    }

    @Test
    void weightDecayEntersTheGradientInAdamButShrinksTheParameterInAdamW() {
        // With a zero gradient, Adam's L2 term makes g = λp = 1, a full Adam step;
        // AdamW only shrinks p by (1 − lr·λ) and its Adam part moves nothing.
        Tensor a = parameter(2);
        gradient(a, 0);
        new Adam(List.of(a), 0.1).weightDecay(0.5).step();
        assertValues(a, 1e-15, 2 - 0.1 * 1 / (1 + 1e-8));

        Tensor w = parameter(2);
        gradient(w, 0);
        new AdamW(List.of(w), 0.1).weightDecay(0.5).step();
        assertValues(w, 1e-15, 2 * (1 - 0.1 * 0.5));
    }

    @Test
    void adamWDefaultsToPyTorchsWeightDecay() {
        var opt = new AdamW(List.of(parameter(1)));
        assertEquals(0.01, opt.weightDecay());
        assertEquals(1e-3, opt.learningRate());
        assertEquals(0.9, opt.beta1());
        assertEquals(0.999, opt.beta2());
        assertEquals(1e-8, opt.eps());
        assertEquals(false, opt.amsgrad());
    }

    @Test
    void adamDefaultsMatchPyTorch() {
        var opt = new Adam(List.of(parameter(1)));
        assertEquals(1e-3, opt.learningRate());
        assertEquals(0.9, opt.beta1());
        assertEquals(0.999, opt.beta2());
        assertEquals(1e-8, opt.eps());
        assertEquals(0, opt.weightDecay());
        assertEquals(false, opt.amsgrad());
    }

    @Test
    void amsgradDividesByTheLargestSecondMomentSeen() {
        Tensor p = parameter(0);
        var opt = new Adam(List.of(p), 1).betas(0, 0.5).eps(0).amsgrad(true);
        gradient(p, 2);
        opt.step(); // v = 2, v̂ = 4: step 2/2 = 1
        assertValues(p, 1e-15, -1);
        gradient(p, 1);
        opt.step(); // v = 1.5 but vmax stays 2; v̂ = 2/(1 − 0.25) and m = 1 (β1 = 0)
        assertValues(p, 1e-15, -1 - 1 / (Math.sqrt(2) / Math.sqrt(0.75)));
    }

    @Test
    void stepCountIsPerParameter() {
        // b has no gradient at first; its first real step must be bias-corrected as a first step.
        Tensor a = parameter(1);
        Tensor b = parameter(1);
        var opt = new Adam(List.of(a, b), 0.1);
        gradient(a, 0.5);
        opt.step();
        assertValues(b, 0, 1);
        a.setGrad(null);
        gradient(b, 0.5);
        opt.step();
        assertValues(b, 1e-15, 1 - 0.1 * 0.5 / (0.5 + 1e-8));
    }
}
