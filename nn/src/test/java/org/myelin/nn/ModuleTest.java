package org.myelin.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.myelin.api.DType;
import org.myelin.api.Device;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Tensor;

/** State dicts, loading, devices and types, training mode and printing. */
class ModuleTest {

    private static Sequential mlp() {
        return new Sequential(new Linear(4, 3), new ReLU(), new Linear(3, 2));
    }

    @Test
    void stateDictUsesPyTorchNamesInRegistrationOrder() {
        Map<String, Tensor> sd = mlp().stateDict();
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(sd.keySet()));
        assertArrayEquals(new long[] {3, 4}, sd.get("0.weight").shape().toArray());
        assertArrayEquals(new long[] {3}, sd.get("0.bias").shape().toArray());
        assertArrayEquals(new long[] {2, 3}, sd.get("2.weight").shape().toArray());
        assertFalse(sd.get("0.weight").requiresGrad(), "state dict values are detached");
    }

    @Test
    void nestedModulesJoinNamesWithDots() {
        Sequential model = new Sequential(new Residual(new Sequential(new Linear(2, 2), new Tanh())),
                new Residual(new Linear(2, 3), 2, 3));
        assertEquals(List.of("0.residual.0.weight", "0.residual.0.bias", "1.residual.weight", "1.residual.bias",
                "1.projection.weight"), List.copyOf(model.stateDict().keySet()));
    }

    @Test
    void reloadedStateDictReproducesTheOutputAndKeepsParameterObjects() {
        Tensor.manualSeed(1);
        Sequential source = mlp();
        Tensor.manualSeed(2);
        Sequential target = mlp();
        List<Tensor> before = target.parameters();
        Tensor x = Tensor.randn(5, 4);
        assertFalse(java.util.Arrays.equals(source.forward(x).toFloatArray(), target.forward(x).toFloatArray()));

        target.loadStateDict(source.stateDict());

        assertArrayEquals(source.forward(x).toFloatArray(), target.forward(x).toFloatArray());
        for (int i = 0; i < before.size(); i++) {
            assertSame(before.get(i), target.parameters().get(i), "loading copies in place, optimizers keep working");
            assertTrue(target.parameters().get(i).requiresGrad());
        }
        source.parameters().get(0).detach().fill(0);
        assertTrue(target.parameters().get(0).abs().sum().item() > 0, "the values were copied, not shared");
    }

    @Test
    void loadStateDictConvertsTheType() {
        Sequential model = mlp();
        Map<String, Tensor> sd = new LinkedHashMap<>();
        model.stateDict().forEach((k, v) -> sd.put(k, Tensor.full(0.5, v.shape().toArray()).to(DType.FLOAT64)));
        model.loadStateDict(sd);
        assertEquals(DType.FLOAT32, model.parameters().get(0).dtype());
        assertEquals(0.5, model.parameters().get(0).toDoubleArray()[0], 0);
    }

    @Test
    void loadStateDictNamesEveryMismatchAndLoadsNothing() {
        Sequential model = mlp();
        float[] before = model.parameters().get(1).toFloatArray();
        Map<String, Tensor> sd = new LinkedHashMap<>();
        sd.put("0.weight", Tensor.zeros(3, 5));
        sd.put("0.bias", Tensor.zeros(3));
        sd.put("2.weight", Tensor.zeros(2, 3));
        sd.put("3.weight", Tensor.zeros(2, 2));
        sd.put("extra", Tensor.zeros(1));

        StateDictMismatchException e = assertThrows(StateDictMismatchException.class, () -> model.loadStateDict(sd));

        assertEquals(List.of("2.bias"), e.missingKeys());
        assertEquals(List.of("3.weight", "extra"), e.unexpectedKeys());
        assertEquals(1, e.shapeMismatches().size());
        String m = e.getMessage();
        assertTrue(m.contains("Missing keys: [2.bias]"), m);
        assertTrue(m.contains("Unexpected keys: [3.weight, extra]"), m);
        assertTrue(m.contains("0.weight: the model has [3, 4], the state dict [3, 5]"), m);
        assertEquals(List.of("0.weight: the model has [3, 4], the state dict [3, 5]"), e.shapeMismatches());
        assertArrayEquals(before, model.parameters().get(1).toFloatArray(), "nothing was loaded");
    }

    @Test
    void toTheSameDeviceKeepsTheParameters() {
        Sequential model = mlp();
        List<Tensor> before = model.parameters();
        assertSame(model, model.to(Device.CPU));
        for (int i = 0; i < before.size(); i++) {
            assertSame(before.get(i), model.parameters().get(i));
        }
    }

    @Test
    void toFloat64ConvertsEveryParameterAndKeepsThemTrainable() {
        Sequential model = mlp();
        float[] w = model.parameters().get(0).toFloatArray();
        model.to(DType.FLOAT64);
        for (Tensor p : model.parameters()) {
            assertEquals(DType.FLOAT64, p.dtype());
            assertTrue(p.requiresGrad() && p.isLeaf());
        }
        assertEquals(w[0], model.parameters().get(0).toDoubleArray()[0], 0);
        Linear first = (Linear) model.get(0);
        assertSame(first.weight(), model.parameters().get(0), "accessors see the converted tensor");
        Tensor out = model.forward(Tensor.ones(DType.FLOAT64, 1, 4));
        assertEquals(DType.FLOAT64, out.dtype());
        assertThrows(InvalidArgumentException.class, () -> model.to(DType.INT64));
    }

    @Test
    void trainAndEvalReachEveryChild() {
        Dropout dropout = new Dropout(0.5);
        Sequential model = new Sequential(new Linear(2, 2), new Sequential(dropout));
        model.eval();
        assertFalse(dropout.isTraining());
        assertFalse(model.isTraining());
        model.train();
        assertTrue(dropout.isTraining());
    }

    @Test
    void namesMustBeUniqueAndDotFree() {
        class Twice extends Module {
            Twice(String second) {
                register("a", new Identity());
                register(second, new Identity());
            }

            @Override
            public Tensor forward(Tensor input) {
                return input;
            }
        }
        assertThrows(InvalidArgumentException.class, () -> new Twice("a"));
        assertThrows(InvalidArgumentException.class, () -> new Twice("b.c"));
        assertEquals(List.of("a", "b"), List.copyOf(new Twice("b").children().keySet()));
    }

    @Test
    void zeroGradClearsEveryGradient() {
        Sequential model = mlp();
        model.forward(Tensor.ones(1, 4)).sum().backward();
        assertTrue(model.parameters().stream().allMatch(p -> p.grad() != null));
        model.zeroGrad();
        model.parameters().forEach(p -> assertNull(p.grad()));
    }

    @Test
    void printsLikePyTorch() {
        assertEquals("Sequential(\n  (0): Linear(in_features=4, out_features=3, bias=true)\n  (1): ReLU()\n"
                + "  (2): Linear(in_features=3, out_features=2, bias=true)\n)", mlp().toString());
    }
}
