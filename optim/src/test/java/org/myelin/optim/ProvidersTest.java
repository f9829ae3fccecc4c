package org.myelin.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.myelin.api.DType;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.UnknownNameException;

/** The four OptimizerProviders, found by name through ServiceLoader, and their options. */
class ProvidersTest {

    @Test
    void allFourAreFoundByName() {
        assertEquals(Set.of("sgd", "adam", "adamw", "rmsprop"), Optimizers.available().keySet());
    }

    @Test
    void servicesFileListsExactlyTheModuleProviders() throws Exception {
        var descriptor = SGD.class.getModule().getDescriptor();
        Set<String> declared = descriptor.provides().stream()
                .filter(p -> p.service().equals("org.myelin.api.spi.OptimizerProvider"))
                .flatMap(p -> p.providers().stream())
                .collect(Collectors.toCollection(TreeSet::new));
        var in = SGD.class.getResourceAsStream("/META-INF/services/org.myelin.api.spi.OptimizerProvider");
        Set<String> listed;
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            listed = reader.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(declared, listed);
    }

    @Test
    void sgdOptionsReachTheOptimizer() {
        var opt = assertInstanceOf(SGD.class, Optimizers.create("sgd", List.of(Params.parameter(1)),
                Map.of("lr", 0.2, "momentum", 0.9, "dampening", 0.1, "nesterov", 0.0, "weightDecay", 5e-4)));
        assertEquals(0.2, opt.learningRate());
        assertEquals(0.9, opt.momentum());
        assertEquals(0.1, opt.dampening());
        assertEquals(false, opt.nesterov());
        assertEquals(5e-4, opt.weightDecay());
    }

    @Test
    void adamOptionsReachTheOptimizer() {
        var opt = assertInstanceOf(Adam.class, Optimizers.create("adam", List.of(Params.parameter(1)),
                Map.of("lr", 0.02, "beta1", 0.8, "beta2", 0.9, "eps", 1e-6, "weightDecay", 0.1, "amsgrad", 1.0)));
        assertEquals(0.02, opt.learningRate());
        assertEquals(0.8, opt.beta1());
        assertEquals(0.9, opt.beta2());
        assertEquals(1e-6, opt.eps());
        assertEquals(0.1, opt.weightDecay());
        assertEquals(true, opt.amsgrad());
    }

    @Test
    void defaultsApplyWhenOptionsAreMissingOrNull() {
        var adam = assertInstanceOf(Adam.class, Optimizers.create("adam", List.of(Params.parameter(1)), null));
        assertEquals(1e-3, adam.learningRate());
        var adamw = assertInstanceOf(AdamW.class, Optimizers.create("adamw", List.of(Params.parameter(1)), Map.of()));
        assertEquals(0.01, adamw.weightDecay());
        var rmsprop = assertInstanceOf(RMSprop.class, Optimizers.create("rmsprop", List.of(Params.parameter(1)), Map.of()));
        assertEquals(0.01, rmsprop.learningRate());
        assertEquals(0.99, rmsprop.alpha());
    }

    @Test
    void providerBuiltOptimizersMatchPyTorch() {
        OptimizerGoldenTest.replay("sgd_nesterov", p -> Optimizers.create("sgd", p,
                Map.of("lr", 0.1, "momentum", 0.9, "nesterov", 1.0)), DType.FLOAT64, 1e-9, 0);
        OptimizerGoldenTest.replay("sgd_momentum_dampening_weight_decay", p -> Optimizers.create("sgd", p,
                Map.of("lr", 0.1, "momentum", 0.9, "dampening", 0.1, "weightDecay", 5e-4)), DType.FLOAT64, 1e-9, 0);
        OptimizerGoldenTest.replay("adam_weight_decay", p -> Optimizers.create("adam", p,
                Map.of("lr", 0.01, "beta1", 0.8, "beta2", 0.99, "eps", 1e-6, "weightDecay", 0.1)), DType.FLOAT64, 1e-9, 0);
        OptimizerGoldenTest.replay("adamw_weight_decay", p -> Optimizers.create("adamw", p,
                Map.of("lr", 0.01, "beta1", 0.85, "beta2", 0.995, "weightDecay", 0.1)), DType.FLOAT64, 1e-9, 0);
        OptimizerGoldenTest.replay("rmsprop_centered_momentum_weight_decay", p -> Optimizers.create("rmsprop", p,
                Map.of("lr", 0.01, "centered", 1.0, "momentum", 0.5, "weightDecay", 0.01)), DType.FLOAT64, 1e-9, 0);
        OptimizerGoldenTest.replay("rmsprop_centered", p -> Optimizers.create("rmsprop", p,
                Map.of("lr", 0.01, "alpha", 0.9, "centered", 1.0)), DType.FLOAT64, 1e-9, 0);
    }

    @Test
    void unknownOptionListsTheAcceptedKeys() {
        var e = assertThrows(InvalidArgumentException.class, () -> Optimizers.create("sgd", List.of(Params.parameter(1)),
                Map.of("lr", 0.1, "weight_decay", 0.1)));
        assertTrue(e.getMessage().contains("weight_decay"), e.getMessage());
        assertTrue(e.getMessage().contains("[lr, momentum, dampening, nesterov, weightDecay]"), e.getMessage());
        var r = assertThrows(InvalidArgumentException.class, () -> Optimizers.create("rmsprop", List.of(Params.parameter(1)),
                Map.of("beta1", 0.9)));
        assertTrue(r.getMessage().contains("[lr, alpha, eps, momentum, weightDecay, centered]"), r.getMessage());
    }

    @Test
    void switchesTakeOnlyOneOrZero() {
        var e = assertThrows(InvalidArgumentException.class, () -> Optimizers.create("rmsprop", List.of(Params.parameter(1)),
                Map.of("centered", 0.5)));
        assertTrue(e.getMessage().contains("pass 1 to turn it on or 0"), e.getMessage());
    }

    @Test
    void nullOptionValueIsRefused() {
        var options = new HashMap<String, Double>();
        options.put("lr", null);
        var e = assertThrows(InvalidArgumentException.class, () -> Optimizers.create("adam", List.of(Params.parameter(1)), options));
        assertTrue(e.getMessage().contains("'lr' has no value"), e.getMessage());
    }

    @Test
    void sgdNeedsALearningRateAsInPyTorch() {
        var e = assertThrows(InvalidArgumentException.class, () -> Optimizers.create("sgd", List.of(Params.parameter(1)), Map.of()));
        assertTrue(e.getMessage().contains("pass the option lr"), e.getMessage());
    }

    @Test
    void optionValuesAreValidatedLikeTheSetters() {
        var e = assertThrows(InvalidArgumentException.class, () -> Optimizers.create("adam", List.of(Params.parameter(1)),
                Map.of("beta2", 1.0)));
        assertTrue(e.getMessage().contains("beta2"), e.getMessage());
    }

    @Test
    void unknownNameListsTheAvailableOnes() {
        var e = assertThrows(UnknownNameException.class, () -> Optimizers.create("adagrad", List.of(Params.parameter(1)), Map.of()));
        assertTrue(e.getMessage().contains("[adam, adamw, rmsprop, sgd]"), e.getMessage());
    }
}
