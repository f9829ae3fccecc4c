package org.myelin.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.myelin.optim.Params.assertValues;
import static org.myelin.optim.Params.gradient;
import static org.myelin.optim.Params.parameter;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.myelin.api.DType;
import org.myelin.api.GradMode;
import org.myelin.api.Tensor;

/** SGD's single steps computed by hand, and the course's weight-decay rule. */
class SGDTest {

    @Test
    void plainStepMovesAgainstTheGradient() {
        Tensor p = parameter(1, -2);
        gradient(p, 0.5, 0.25);
        new SGD(List.of(p), 0.1).step();
        assertValues(p, 1e-15, 0.95, -2.025);
    }

    @Test
    void momentumStartsAtTheFirstGradientThenDampsLaterOnes() {
        Tensor p = parameter(1, -2);
        var opt = new SGD(List.of(p), 0.1).momentum(0.9).dampening(0.5);
        gradient(p, 0.5, 0.25);
        opt.step(); // buf = g, undamped
        assertValues(p, 1e-15, 0.95, -2.025);
        gradient(p, 1, -1);
        opt.step(); // buf = 0.9·[0.5, 0.25] + 0.5·[1, −1] = [0.95, −0.275]
        assertValues(p, 1e-15, 0.855, -1.9975);
    }

    @Test
    void nesterovLooksAhead() {
        Tensor p = parameter(1, -2);
        gradient(p, 0.5, 0.25);
        new SGD(List.of(p), 0.1).momentum(0.9).nesterov(true).step(); // g + 0.9·buf = 1.9·g
        assertValues(p, 1e-15, 0.905, -2.0475);
    }

    @Test
    void weightDecayWithoutMomentumIsTheCourseRule() {
        // θ ← (1 − ηλ)θ − η∇, with η = 0.1 and λ = 0.01
        double eta = 0.1;
        double lambda = 0.01;
        Tensor p = parameter(1, -2);
        gradient(p, 0.5, 0.25);
        new SGD(List.of(p), eta).weightDecay(lambda).step();
        assertValues(p, 1e-15, (1 - eta * lambda) * 1 - eta * 0.5, (1 - eta * lambda) * -2 - eta * 0.25);
    }

    @Test
    void weightDecayFollowsTheCourseRuleOverATrainingRun() {
        double eta = 0.1;
        double lambda = 5e-4;
        var problem = new GoldenProblem(DType.FLOAT64);
        var opt = new SGD(problem.parameters(), eta).weightDecay(lambda);
        for (int step = 0; step < 5; step++) {
            opt.zeroGrad();
            problem.backward();
            Tensor expectedW;
            Tensor expectedB;
            try (var g = GradMode.noGrad()) {
                expectedW = problem.weight.mul(1 - eta * lambda).sub(problem.weight.grad().mul(eta));
                expectedB = problem.bias.mul(1 - eta * lambda).sub(problem.bias.grad().mul(eta));
            }
            opt.step();
            assertValues(problem.weight, 1e-15, expectedW.toDoubleArray());
            assertValues(problem.bias, 1e-15, expectedB.toDoubleArray());
        }
    }

    @Test
    void parametersWithoutAGradientAreLeftAlone() {
        Tensor a = parameter(1, 2);
        Tensor b = parameter(3);
        var opt = new SGD(List.of(a, b), 0.1).momentum(0.9);
        gradient(a, 1, 1);
        opt.step();
        assertValues(a, 1e-15, 0.9, 1.9);
        assertValues(b, 0, 3);
        // b's momentum buffer starts at its first gradient, not at a stale or zero buffer.
        gradient(b, 2);
        a.setGrad(null);
        opt.step();
        assertValues(a, 1e-15, 0.9, 1.9);
        assertValues(b, 1e-15, 2.8);
    }

    @Test
    void zeroGradClearsEveryGradient() {
        var problem = new GoldenProblem(DType.FLOAT64);
        var opt = new SGD(problem.parameters(), 0.1);
        problem.backward();
        double[] once = problem.weight.grad().toDoubleArray();
        assertNotNull(problem.bias.grad());
        opt.zeroGrad();
        assertNull(problem.weight.grad());
        assertNull(problem.bias.grad());
        problem.backward();
        // Without the clear this second backward would have doubled the gradient.
        assertValues(problem.weight.grad(), 0, once);
    }

    @Test
    void stepRecordsNoGraphAndRestoresGradMode() {
        Tensor p = parameter(1, 2);
        gradient(p, 1, 1);
        assertTrue(GradMode.isEnabled());
        new SGD(List.of(p), 0.1).momentum(0.9).weightDecay(0.1).step();
        assertTrue(GradMode.isEnabled(), "step must restore grad mode");
        assertTrue(p.isLeaf());
        assertNull(p.gradFn());
        assertTrue(p.requiresGrad());
    }

    @Test
    void learningRateCanBeChangedBetweenSteps() {
        Tensor p = parameter(1);
        var opt = new SGD(List.of(p), 0.1);
        assertEquals(0.1, opt.learningRate());
        opt.setLearningRate(0.5);
        assertEquals(0.5, opt.learningRate());
        gradient(p, 1);
        opt.step();
        assertValues(p, 1e-15, 0.5);
        opt.setLearningRate(0); // where cosine annealing with etaMin 0 ends
        opt.step();
        assertValues(p, 1e-15, 0.5);
    }

    @Test
    void fluentSettersAreReadBack() {
        var opt = new SGD(List.of(parameter(1)), 0.1).momentum(0.8).dampening(0.2).nesterov(false).weightDecay(1e-3);
        assertEquals(0.8, opt.momentum());
        assertEquals(0.2, opt.dampening());
        assertEquals(false, opt.nesterov());
        assertEquals(1e-3, opt.weightDecay());
        assertEquals(1, opt.parameters().size());
    }
}
