package org.myelin.optim;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.myelin.optim.Params.gradient;
import static org.myelin.optim.Params.parameter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Optimizer;
import org.myelin.api.Tensor;

/** Every argument check: each one raises InvalidArgumentException with a message that says what to do. */
class ValidationTest {

    /** Asserts the error type and that the message names the culprit and the fix. */
    private static void assertRefused(Executable call, String... fragments) {
        var e = assertThrows(InvalidArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
    }

    static Stream<Arguments> constructors() {
        return Stream.of(
                Arguments.of("SGD", (BiFunction<List<Tensor>, Double, Optimizer>) SGD::new),
                Arguments.of("Adam", (BiFunction<List<Tensor>, Double, Optimizer>) Adam::new),
                Arguments.of("AdamW", (BiFunction<List<Tensor>, Double, Optimizer>) AdamW::new),
                Arguments.of("RMSprop", (BiFunction<List<Tensor>, Double, Optimizer>) RMSprop::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constructors")
    void learningRateMustBePositiveAndFinite(String name, BiFunction<List<Tensor>, Double, Optimizer> make) {
        for (double bad : new double[] {0, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertRefused(() -> make.apply(List.of(parameter(1)), bad), name, "learning rate", "such as 0.01");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constructors")
    void parameterListMustBeUsable(String name, BiFunction<List<Tensor>, Double, Optimizer> make) {
        assertRefused(() -> make.apply(null, 0.1), name, "null", "model.parameters()");
        assertRefused(() -> make.apply(List.of(), 0.1), name, "empty", "model.parameters()");
        var withNull = new ArrayList<Tensor>();
        withNull.add(null);
        assertRefused(() -> make.apply(withNull, 0.1), name, "parameter 0 is null");
        assertRefused(() -> make.apply(List.of(Tensor.of(new long[] {1, 2})), 0.1), name, "INT64", "FLOAT32 or FLOAT64");
        Tensor leaf = parameter(1);
        assertRefused(() -> make.apply(List.of(leaf.mul(2)), 0.1), name, "not a leaf", "detach()");
        assertRefused(() -> make.apply(List.of(leaf, parameter(2), leaf), 0.1), name, "parameter 2", "more than once");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constructors")
    void setLearningRateAcceptsZeroButNotNegativeOrNaN(String name, BiFunction<List<Tensor>, Double, Optimizer> make) {
        Optimizer opt = make.apply(List.of(parameter(1)), 0.1);
        opt.setLearningRate(0);
        assertRefused(() -> opt.setLearningRate(-1), name, "0 or more");
        assertRefused(() -> opt.setLearningRate(Double.NaN), name, "0 or more");
        assertRefused(() -> opt.setLearningRate(Double.POSITIVE_INFINITY), name, "finite");
    }

    @Test
    void sgdSettings() {
        var opt = new SGD(List.of(parameter(1)), 0.1);
        assertRefused(() -> opt.momentum(-0.1), "SGD", "momentum", "such as 0.9");
        assertRefused(() -> opt.momentum(Double.NaN), "momentum");
        assertRefused(() -> opt.dampening(1.5), "dampening", "[0, 1]");
        assertRefused(() -> opt.dampening(-0.5), "dampening");
        assertRefused(() -> opt.weightDecay(-1e-4), "weight decay", "such as 5e-4");
        assertRefused(() -> opt.weightDecay(Double.POSITIVE_INFINITY), "weight decay");
    }

    @Test
    void nesterovNeedsMomentumAndNoDampeningAtStepTime() {
        Tensor p = parameter(1);
        gradient(p, 1);
        // The setters may come in any order, so the combination is judged when stepping.
        var noMomentum = new SGD(List.of(p), 0.1).nesterov(true);
        assertRefused(noMomentum::step, "Nesterov", "momentum above 0", ".momentum(0.9)");
        var damped = new SGD(List.of(p), 0.1).nesterov(true).momentum(0.9).dampening(0.1);
        assertRefused(damped::step, "Nesterov", "zero dampening");
        new SGD(List.of(p), 0.1).nesterov(true).momentum(0.9).step();
    }

    @Test
    void adamSettings() {
        var opt = new Adam(List.of(parameter(1)));
        assertRefused(() -> opt.betas(1.0, 0.999), "Adam", "beta1", "[0, 1)", "such as 0.9");
        assertRefused(() -> opt.betas(0.9, -0.1), "beta2", "such as 0.999");
        assertRefused(() -> opt.betas(Double.NaN, 0.999), "beta1");
        assertRefused(() -> opt.eps(-1e-8), "eps", "such as 1e-8");
        assertRefused(() -> opt.weightDecay(-1), "weight decay");
    }

    @Test
    void adamWSettings() {
        var opt = new AdamW(List.of(parameter(1)));
        assertRefused(() -> opt.betas(0.9, 1.0), "AdamW", "beta2");
        assertRefused(() -> opt.eps(Double.NaN), "eps");
        assertRefused(() -> opt.weightDecay(-0.01), "weight decay", "such as 0.01");
    }

    @Test
    void rmspropSettings() {
        var opt = new RMSprop(List.of(parameter(1)));
        assertRefused(() -> opt.alpha(1.0), "RMSprop", "alpha", "such as 0.99");
        assertRefused(() -> opt.alpha(-0.1), "alpha");
        assertRefused(() -> opt.eps(-1), "eps");
        assertRefused(() -> opt.momentum(Double.NaN), "momentum");
        assertRefused(() -> opt.weightDecay(-1), "weight decay");
    }

    @Test
    void clippingArguments() {
        assertRefused(() -> GradClip.clipGradNorm(List.of(parameter(1)), 0), "clipGradNorm", "maxNorm", "positive");
        assertRefused(() -> GradClip.clipGradNorm(List.of(parameter(1)), Double.NaN), "maxNorm");
        assertRefused(() -> GradClip.clipGradNorm(null, 1), "clipGradNorm", "null");
        assertRefused(() -> GradClip.clipGradValue(List.of(parameter(1)), -1), "clipGradValue", "clipValue");
        assertRefused(() -> GradClip.clipGradValue(null, 1), "clipGradValue", "null");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -3})
    void scheduleLengthsMustBePositive(int bad) {
        var opt = new SGD(List.of(parameter(1)), 0.1);
        assertRefused(() -> new StepLR(opt, bad, 0.1), "StepLR", "stepSize", "at least 1");
        assertRefused(() -> new CosineAnnealingLR(opt, bad, 0), "CosineAnnealingLR", "tMax", "at least 1");
    }

    @Test
    void scheduleArguments() {
        var opt = new SGD(List.of(parameter(1)), 0.1);
        assertRefused(() -> new StepLR(null, 1, 0.1), "StepLR", "optimizer is null");
        assertRefused(() -> new StepLR(opt, 1, 0), "StepLR", "gamma", "such as 0.1");
        assertRefused(() -> new StepLR(opt, 1, Double.NaN), "gamma");
        assertRefused(() -> new CosineAnnealingLR(null, 1, 0), "CosineAnnealingLR", "optimizer is null");
        assertRefused(() -> new CosineAnnealingLR(opt, 10, -0.001), "etaMin", "0 or more");
    }
}
