package org.myelin.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.myelin.nn.Tensors.assertValues;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.myelin.api.Generator;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.Tensor;

/** Linear: values by hand, PyTorch's default init, and its errors. */
class LinearTest {

    @Test
    void computesXWTransposedPlusBias() {
        Linear lin = new Linear(2, 3);
        lin.loadStateDict(Map.of("weight", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2),
                "bias", Tensor.of(new float[] {1, 0, -1})));
        Tensor out = lin.forward(Tensor.of(new float[] {1, 1, 2, -1}, 2, 2));
        assertValues(out, new long[] {2, 3}, new double[] {4, 7, 10, 1, 2, 3}, 0);
    }

    @Test
    void gradientsByHand() {
        Linear lin = new Linear(2, 1);
        lin.loadStateDict(Map.of("weight", Tensor.of(new float[] {2, -1}, 1, 2), "bias", Tensor.of(new float[] {0.5f})));
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
        lin.forward(x).sum().backward();
        assertValues(lin.weight().grad(), new long[] {1, 2}, new double[] {4, 6}, 0);
        assertValues(lin.bias().grad(), new long[] {1}, new double[] {2}, 0);
        assertValues(x.grad(), new long[] {2, 2}, new double[] {2, -1, 2, -1}, 0);
    }

    @Test
    void defaultInitIsUniformWithinOneOverSqrtIn() {
        Tensor.manualSeed(3);
        Linear lin = new Linear(400, 300);
        double bound = 1 / Math.sqrt(400);
        double[] w = lin.weight().toDoubleArray();
        double max = 0;
        double sum = 0;
        double sumSq = 0;
        for (double v : w) {
            max = Math.max(max, Math.abs(v));
            sum += v;
            sumSq += v * v;
        }
        assertTrue(max <= bound && max > 0.99 * bound, "max |w| " + max + " vs bound " + bound);
        assertEquals(0, sum / w.length, 0.01 * bound);
        assertEquals(bound * bound / 3, sumSq / w.length, 0.02 * bound * bound / 3, "variance of U(-b, b) is b²/3");
        for (double v : lin.bias().toDoubleArray()) {
            assertTrue(Math.abs(v) <= bound);
        }
    }

    @Test
    void initFollowsTheSeed() {
        Tensor.manualSeed(11);
        float[] first = new Linear(5, 4).weight().toFloatArray();
        Tensor.manualSeed(11);
        assertArrayEquals(first, new Linear(5, 4).weight().toFloatArray());
    }

    @Test
    void withoutBias() {
        Linear lin = new Linear(3, 2, false);
        assertNull(lin.bias());
        assertEquals(List.of("weight"), List.copyOf(lin.stateDict().keySet()));
        assertArrayEquals(new long[] {5, 2}, lin.forward(Tensor.ones(5, 3)).shape().toArray());
        assertEquals("Linear(in_features=3, out_features=2, bias=false)", lin.toString());
    }

    @Test
    void wrongInputSizeNamesBothSizes() {
        Linear lin = new Linear(784, 30);
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> lin.forward(Tensor.zeros(2, 100)));
        assertTrue(e.getMessage().contains("[2, 100]") && e.getMessage().contains("784"), e.getMessage());
        ShapeMismatchException images = assertThrows(ShapeMismatchException.class,
                () -> lin.forward(Tensor.zeros(2, 28, 28)));
        assertTrue(images.getMessage().contains("Flatten"), images.getMessage());
        assertThrows(InvalidArgumentException.class, () -> new Linear(0, 3));
    }

    @Test
    void aGeneratorGivesTheWeightsTheSameSeedGivesTheDefaultStream() {
        Tensor.manualSeed(11);
        Linear seeded = new Linear(30, 10);
        Linear fromGenerator = new Linear(30, 10, true, new Generator(11));
        assertArrayEquals(seeded.weight().toFloatArray(),
                fromGenerator.weight().toFloatArray());
        assertArrayEquals(seeded.bias().toFloatArray(),
                fromGenerator.bias().toFloatArray());
    }

    @Test
    void twoThreadsSeedingAndBuildingModelsAtOnceGetTheWeightsTheyWouldGetOneAfterTheOther() throws Exception {
        Callable<float[]> build = () -> {
            Tensor.manualSeed(42);
            Sequential model = new Sequential(new Linear(784, 30), new Sigmoid(), new Linear(30, 10));
            return Tensor.cat(0, model.parameters().stream().map(p -> p.reshape(-1)).toList())
                    .toFloatArray();
        };
        float[] alone = build.call();
        var start = new CyclicBarrier(2);
        var pool = Executors.newFixedThreadPool(2);
        try {
            Callable<float[]> racing = () -> {
                start.await();
                float[] last = null;
                for (int i = 0; i < 20; i++) {
                    last = build.call();
                }
                return last;
            };
            var a = pool.submit(racing);
            var b = pool.submit(racing);
            assertArrayEquals(alone, a.get());
            assertArrayEquals(alone, b.get());
        } finally {
            pool.shutdownNow();
        }
    }
}
