package org.myelin.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Optimizer;
import org.myelin.api.Tensor;

/** Optimizer state dicts: a run that saves its state and resumes in a new optimizer continues bit for bit. */
class OptimizerStateTest {
    private static final Tensor X = Tensor.of(new float[] {0.5f, -1.5f, 2f, 0.25f, 1f, -0.75f}, 3, 2);
    private static final Tensor Y = Tensor.of(new float[] {1f, -2f, 0.5f}, 3, 1);

    private static List<Tensor> parameters() {
        return List.of(Tensor.of(new float[] {0.3f, -0.2f}, 2, 1).requiresGrad(true),
                Tensor.of(new float[] {0.1f}, 1).requiresGrad(true));
    }

    private static void steps(Optimizer opt, List<Tensor> params, int n) {
        for (int i = 0; i < n; i++) {
            Tensor loss = X.matmul(params.get(0)).add(params.get(1)).sub(Y).square().mean();
            opt.zeroGrad();
            loss.backward();
            opt.step();
        }
    }

    private static final Map<String, Function<List<Tensor>, Optimizer>> OPTIMIZERS = Map.of(
            "sgd momentum nesterov", p -> new SGD(p, 0.05).momentum(0.9).nesterov(true).weightDecay(1e-3),
            "adam amsgrad", p -> new Adam(p, 0.01).amsgrad(true).weightDecay(1e-2),
            "adamw", p -> new AdamW(p, 0.01),
            "rmsprop centered momentum", p -> new RMSprop(p, 0.01).centered(true).momentum(0.5));

    @Test
    void aResumedOptimizerContinuesBitForBit() {
        for (var entry : OPTIMIZERS.entrySet()) {
            List<Tensor> straight = parameters();
            Optimizer one = entry.getValue().apply(straight);
            steps(one, straight, 3);

            List<Tensor> resumed = parameters();
            for (int i = 0; i < resumed.size(); i++) {
                resumed.get(i).detach().copyFrom(straight.get(i));
            }
            Optimizer two = entry.getValue().apply(resumed);
            two.setLearningRate(123); // the state brings the rate back
            two.loadStateDict(one.stateDict());
            assertEquals(one.learningRate(), two.learningRate(), entry.getKey());

            steps(one, straight, 4);
            steps(two, resumed, 4);
            for (int i = 0; i < straight.size(); i++) {
                assertArrayEquals(straight.get(i).toFloatArray(), resumed.get(i).toFloatArray(), entry.getKey() + ", parameter " + i);
            }
        }
    }

    @Test
    void theStateUsesPyTorchsNames() {
        List<Tensor> p = parameters();
        Optimizer adam = new Adam(p, 0.01);
        steps(adam, p, 2);
        Map<String, Tensor> state = adam.stateDict();
        assertEquals(List.of("param_groups.0.lr", "state.0.exp_avg", "state.1.exp_avg", "state.0.exp_avg_sq",
                "state.1.exp_avg_sq", "state.0.step", "state.1.step"), List.copyOf(state.keySet()));
        assertEquals(2, state.get("state.1.step").toLongArray()[0]);
        assertEquals(0.01, state.get("param_groups.0.lr").item());

        Optimizer sgd = new SGD(p, 0.1);
        steps(sgd, p, 1);
        assertEquals(List.of("param_groups.0.lr"), List.copyOf(sgd.stateDict().keySet()), "plain SGD keeps no buffers");
    }

    @Test
    void theStateIsACopy() {
        List<Tensor> p = parameters();
        Optimizer sgd = new SGD(p, 0.1).momentum(0.9);
        steps(sgd, p, 1);
        Map<String, Tensor> state = sgd.stateDict();
        float[] before = state.get("state.0.momentum_buffer").toFloatArray();
        steps(sgd, p, 1);
        assertArrayEquals(before, state.get("state.0.momentum_buffer").toFloatArray());
    }

    @Test
    void aStateForAnotherOptimizerOrModelIsRefusedAndChangesNothing() {
        List<Tensor> p = parameters();
        Optimizer adam = new Adam(p, 0.01);
        steps(adam, p, 1);
        Map<String, Tensor> adamState = adam.stateDict();

        Optimizer sgd = new SGD(parameters(), 0.1).momentum(0.9);
        var e = assertThrows(InvalidArgumentException.class, () -> sgd.loadStateDict(adamState));
        assertTrue(e.getMessage().contains("'state.0.exp_avg'") && e.getMessage().contains("momentum_buffer"), e.getMessage());
        assertEquals(0.1, sgd.learningRate(), "nothing changed");

        Map<String, Tensor> wrongShape = new HashMap<>(adamState);
        wrongShape.put("state.0.exp_avg", Tensor.zeros(3, 1));
        e = assertThrows(InvalidArgumentException.class, () -> new Adam(parameters(), 0.01).loadStateDict(wrongShape));
        assertTrue(e.getMessage().contains("[3, 1]") && e.getMessage().contains("another model"), e.getMessage());

        Map<String, Tensor> beyond = new HashMap<>(adamState);
        beyond.put("state.7.exp_avg", Tensor.zeros(2, 1));
        e = assertThrows(InvalidArgumentException.class, () -> new Adam(parameters(), 0.01).loadStateDict(beyond));
        assertTrue(e.getMessage().contains("'state.7.exp_avg'"), e.getMessage());

        e = assertThrows(InvalidArgumentException.class, () -> new Adam(parameters(), 0.01).loadStateDict(Map.of()));
        assertTrue(e.getMessage().contains("param_groups.0.lr"), e.getMessage());
    }
}
