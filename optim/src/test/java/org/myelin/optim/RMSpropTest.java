package org.myelin.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.myelin.optim.Params.assertValues;
import static org.myelin.optim.Params.gradient;
import static org.myelin.optim.Params.parameter;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.myelin.api.Tensor;

/** RMSprop's single steps computed by hand. */
class RMSpropTest {

    @Test
    void plainStepDividesByTheRootMeanSquare() {
        Tensor p = parameter(1, -1);
        gradient(p, 0.5, -2);
        new RMSprop(List.of(p)).step(); // s = 0.01·g², so the step is lr·g/(0.1·|g| + eps)
        assertValues(p, 1e-15, 1 - 0.01 * 0.5 / (0.05 + 1e-8), -1 + 0.01 * 2 / (0.2 + 1e-8));
    }

    @Test
    void centeredSubtractsTheSquaredMeanGradient() {
        Tensor p = parameter(1);
        gradient(p, 0.5);
        new RMSprop(List.of(p), 0.01).centered(true).step();
        double variance = 0.01 * 0.25 - (0.01 * 0.5) * (0.01 * 0.5);
        assertValues(p, 1e-15, 1 - 0.01 * 0.5 / (Math.sqrt(variance) + 1e-8));
    }

    @Test
    void momentumAccumulatesTheNormalisedSteps() {
        Tensor p = parameter(1);
        var opt = new RMSprop(List.of(p), 0.01).alpha(0.5).eps(0).momentum(0.9);
        gradient(p, 1);
        opt.step(); // s = 0.5, buf = 1/sqrt(0.5)
        double buf = 1 / Math.sqrt(0.5);
        assertValues(p, 1e-15, 1 - 0.01 * buf);
        double afterOne = p.item();
        gradient(p, 1);
        opt.step(); // s = 0.75, buf = 0.9·buf + 1/sqrt(0.75)
        buf = 0.9 * buf + 1 / Math.sqrt(0.75);
        assertValues(p, 1e-15, afterOne - 0.01 * buf);
    }

    @Test
    void weightDecayEntersTheGradient() {
        Tensor p = parameter(2);
        gradient(p, 0);
        new RMSprop(List.of(p), 0.01).weightDecay(0.5).eps(0).step(); // g = 1, s = 0.01: step 0.01·1/0.1
        assertValues(p, 1e-15, 2 - 0.1);
    }

    @Test
    void defaultsMatchPyTorch() {
        var opt = new RMSprop(List.of(parameter(1)));
        assertEquals(0.01, opt.learningRate());
        assertEquals(0.99, opt.alpha());
        assertEquals(1e-8, opt.eps());
        assertEquals(0, opt.momentum());
        assertEquals(0, opt.weightDecay());
        assertEquals(false, opt.centered());
    }
}
