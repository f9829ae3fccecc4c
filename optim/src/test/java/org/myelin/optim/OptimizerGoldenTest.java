package org.myelin.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.myelin.api.DType;
import org.myelin.api.Optimizer;
import org.myelin.api.Tensor;

/** Replays every optimizer case of make_optim_golden.py and compares the parameters after each of 5 steps with PyTorch's. */
class OptimizerGoldenTest {
    private static final int STEPS = 5;

    /** The same cases and settings as CASES in make_optim_golden.py. */
    static final Map<String, Function<List<Tensor>, Optimizer>> CASES = new LinkedHashMap<>();

    static {
        CASES.put("sgd", p -> new SGD(p, 0.1));
        CASES.put("sgd_momentum", p -> new SGD(p, 0.1).momentum(0.9));
        CASES.put("sgd_nesterov", p -> new SGD(p, 0.1).momentum(0.9).nesterov(true));
        CASES.put("sgd_weight_decay", p -> new SGD(p, 0.1).weightDecay(5e-4));
        CASES.put("sgd_momentum_dampening_weight_decay", p -> new SGD(p, 0.1).momentum(0.9).dampening(0.1).weightDecay(5e-4));
        CASES.put("adam", p -> new Adam(p, 0.01));
        CASES.put("adam_weight_decay", p -> new Adam(p, 0.01).betas(0.8, 0.99).eps(1e-6).weightDecay(0.1));
        CASES.put("adam_amsgrad", p -> new Adam(p, 0.1).betas(0.9, 0.5).amsgrad(true));
        CASES.put("adamw", p -> new AdamW(p, 0.01));
        CASES.put("adamw_weight_decay", p -> new AdamW(p, 0.01).betas(0.85, 0.995).weightDecay(0.1));
        CASES.put("rmsprop", p -> new RMSprop(p, 0.01));
        CASES.put("rmsprop_momentum", p -> new RMSprop(p, 0.01).momentum(0.9));
        CASES.put("rmsprop_centered", p -> new RMSprop(p, 0.01).alpha(0.9).centered(true));
        CASES.put("rmsprop_centered_momentum_weight_decay",
                p -> new RMSprop(p, 0.01).centered(true).momentum(0.5).weightDecay(0.01));
    }

    static Stream<String> cases() {
        return CASES.keySet().stream();
    }

    /** Runs one case and checks each step against the golden values within |Δ| ≤ rel·|expected| + abs. */
    static void replay(String name, Function<List<Tensor>, Optimizer> factory, DType dtype, double rel, double abs) {
        var problem = new GoldenProblem(dtype);
        Optimizer opt = factory.apply(problem.parameters());
        for (int step = 1; step <= STEPS; step++) {
            opt.zeroGrad();
            problem.backward();
            opt.step();
            Golden.assertClose(name + "." + step + ".W", problem.weight, rel, abs);
            Golden.assertClose(name + "." + step + ".b", problem.bias, rel, abs);
        }
    }

    @ParameterizedTest(name = "{0} in float64")
    @MethodSource("cases")
    void matchesPyTorchInFloat64(String name) {
        replay(name, CASES.get(name), DType.FLOAT64, 1e-9, 0);
    }

    @ParameterizedTest(name = "{0} in float32")
    @MethodSource("cases")
    void matchesPyTorchInFloat32(String name) {
        // float32 rounding (about 6e-8 per operation) compounds over 5 steps; 1e-5 with a small absolute floor
        // for elements that pass near zero.
        replay(name, CASES.get(name), DType.FLOAT32, 1e-5, 1e-6);
    }

    @Test
    void float32RunKeepsItsType() {
        var problem = new GoldenProblem(DType.FLOAT32);
        var opt = new Adam(problem.parameters(), 0.01).amsgrad(true);
        problem.backward();
        opt.step();
        assertEquals(DType.FLOAT32, problem.weight.dtype());
        assertTrue(problem.weight.requiresGrad(), "a step must not change whether the parameter requires grad");
    }

    @Test
    void everyGoldenCaseIsReplayed() {
        var inFile = new TreeSet<String>();
        for (String n : Golden.names()) {
            if (n.endsWith(".1.W")) {
                inFile.add(n.substring(0, n.length() - ".1.W".length()));
            }
        }
        assertEquals(inFile, new TreeSet<>(CASES.keySet()), "the Java cases and make_optim_golden.py's CASES must match");
    }
}
