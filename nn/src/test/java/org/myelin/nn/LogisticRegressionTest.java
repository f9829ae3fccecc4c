package org.myelin.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.myelin.api.GradMode;
import org.myelin.api.Tensor;
import org.myelin.nn.loss.BCELoss;

/** DESIGN.md's user-defined module: a field registered by name, a forward, and a few SGD steps by hand. */
class LogisticRegressionTest {

    /** The user's own module, exactly as DESIGN.md writes it. */
    static class LogisticRegression extends Module {
        final Linear lin = register("lin", new Linear(2, 1));

        @Override
        public Tensor forward(Tensor x) {
            return lin.forward(x).sigmoid();
        }
    }

    @Test
    void registeredChildGivesDottedNamesAndParameters() {
        LogisticRegression model = new LogisticRegression();
        assertEquals(List.of("lin.weight", "lin.bias"), List.copyOf(model.stateDict().keySet()));
        assertEquals(2, model.parameters().size());
        assertEquals(3, model.parameterCount());
        assertTrue(model.parameters().stream().allMatch(Tensor::requiresGrad));
    }

    @Test
    void gradientDescentLowersTheLossOnSeparableData() {
        Tensor.manualSeed(7);
        LogisticRegression model = new LogisticRegression();
        Tensor x = Tensor.of(new float[] {-2, -1, -1, -2, 2, 1, 1, 2}, 4, 2);
        Tensor y = Tensor.of(new float[] {0, 0, 1, 1}, 4, 1);
        BCELoss lossFn = new BCELoss();
        double first = lossFn.forward(model.forward(x), y).item();
        for (int step = 0; step < 50; step++) {
            model.zeroGrad();
            Tensor loss = lossFn.forward(model.forward(x), y);
            loss.backward();
            try (var g = GradMode.noGrad()) {
                for (Tensor p : model.parameters()) {
                    p.subInPlace(p.grad().mul(0.5));
                }
            }
        }
        double last = lossFn.forward(model.forward(x), y).item();
        assertTrue(last < first / 4, "loss went from " + first + " to " + last);
        float[] predictions = model.forward(x).toFloatArray();
        assertTrue(predictions[0] < 0.5 && predictions[1] < 0.5 && predictions[2] > 0.5 && predictions[3] > 0.5);
    }
}
