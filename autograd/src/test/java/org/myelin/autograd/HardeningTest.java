package org.myelin.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.myelin.api.AnomalyException;
import org.myelin.api.AutogradException;
import org.myelin.api.Device;
import org.myelin.api.Generator;
import org.myelin.api.GradMode;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Shape;
import org.myelin.api.Tensor;
import org.myelin.api.spi.EngineRuntime;

/** Random streams per thread, anomaly mode, allocation caps and the size checks the engine makes. */
class HardeningTest {

    @Test
    void anExplicitGeneratorGivesTheSameNumbersWhateverTheDefaultHasDone() {
        Tensor.manualSeed(1);
        float[] first = Tensor.randn(new Generator(42), 3, 4).toFloatArray();
        Tensor.randn(5, 5); // moves the default stream, not the explicit one
        float[] second = Tensor.randn(new Generator(42), 3, 4).toFloatArray();
        assertArrayEquals(first, second);
        assertFalse(java.util.Arrays.equals(first, Tensor.randn(new Generator(43), 3, 4).toFloatArray()));
    }

    @Test
    void aGeneratorsStateRestoresItsStream() {
        Generator g = new Generator(7);
        Tensor.rand(g, 10);
        long[] state = g.state();
        float[] next = Tensor.rand(g, 6).toFloatArray();
        g.setState(state);
        assertArrayEquals(next, Tensor.rand(g, 6).toFloatArray());
        assertEquals(7, g.seed());
        assertThrows(InvalidArgumentException.class, () -> g.setState(new long[] {1, -1}));
    }

    @Test
    void twoThreadsThatSeedAtOnceGetWhatEachWouldGetAlone() throws Exception {
        Callable<float[]> work = () -> {
            Tensor.manualSeed(123);
            Tensor a = Tensor.randn(64, 32);
            return Tensor.cat(0, a.reshape(-1), Tensor.rand(100)).toFloatArray();
        };
        float[] alone = work.call();
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<float[]> racing = () -> {
                start.await();
                float[] out = null;
                for (int i = 0; i < 50; i++) {
                    out = work.call();
                }
                return out;
            };
            Future<float[]> a = pool.submit(racing);
            Future<float[]> b = pool.submit(racing);
            assertArrayEquals(alone, a.get());
            assertArrayEquals(alone, b.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anomalyModeNamesTheForwardThatMadeANaN() {
        Tensor x = Tensor.of(new float[] {1, -1}, 2);
        assertDoesNotThrow(() -> x.log()); // off by default: NaN flows, as in PyTorch
        try (var a = GradMode.detectAnomaly(); var m = GradMode.inModule("3 (Softplus)")) {
            AnomalyException e = assertThrows(AnomalyException.class, () -> x.log());
            assertTrue(e.getMessage().contains("'log'") && e.getMessage().contains("NaN at element 1")
                    && e.getMessage().contains("module 3 (Softplus)") && e.getMessage().contains("[2]"), e.getMessage());
            assertTrue(AutogradException.class.isInstance(e));
        }
        assertFalse(GradMode.isAnomalyDetectionEnabled());
        assertEquals("", GradMode.currentModule());
    }

    @Test
    void anomalyModeNamesTheBackwardThatMadeAnInfinity() {
        // sqrt is finite at 0 but its gradient, 1 / (2 sqrt x), is not
        Tensor x = Tensor.of(new float[] {0, 4}, 2).requiresGrad(true);
        Tensor y;
        try (var a = GradMode.detectAnomaly()) {
            y = x.sqrt().sum();
            AnomalyException e = assertThrows(AnomalyException.class, y::backward);
            assertTrue(e.getMessage().contains("backward of 'sqrt'") && e.getMessage().contains("infinity")
                    && e.getMessage().contains("input 0"), e.getMessage());
        }
        Tensor z = Tensor.of(new float[] {0, 4}, 2).requiresGrad(true);
        z.sqrt().sum().backward();
        assertTrue(Float.isInfinite(z.grad().toFloatArray()[0]), "without anomaly mode the infinity reaches grad");
    }

    @Test
    void anAllocationCapStopsATensorBeforeItsMemoryIsTaken() {
        EngineRuntime runtime = EngineRuntime.get();
        try (var cap = runtime.limitAllocations(1000, bytes -> new InvalidArgumentException("over: " + bytes))) {
            Tensor.zeros(100); // 400 bytes
            assertEquals(400, cap.allocated());
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Tensor.zeros(200));
            assertEquals("over: 1200", e.getMessage());
            assertEquals(400, cap.allocated(), "a refused allocation is not counted");
            try (var inner = runtime.limitAllocations(1 << 20, bytes -> new IllegalStateException("inner"))) {
                assertThrows(InvalidArgumentException.class, () -> Tensor.zeros(200), "the outer cap still holds");
            }
        }
        assertDoesNotThrow(() -> Tensor.zeros(1000));
    }

    @Test
    void anAllocationCapBelongsToItsThread() throws Exception {
        EngineRuntime runtime = EngineRuntime.get();
        try (var cap = runtime.limitAllocations(16, bytes -> new InvalidArgumentException("over"))) {
            ExecutorService other = Executors.newSingleThreadExecutor();
            try {
                assertEquals(1000, other.submit(() -> Tensor.zeros(1000).numel()).get());
            } finally {
                other.shutdownNow();
            }
            assertThrows(InvalidArgumentException.class, () -> Tensor.zeros(1000));
        }
    }

    @Test
    void aShapeWhoseElementCountOverflowsIsRefused() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> Shape.of(1L << 40, 1L << 40).numel());
        assertTrue(e.getMessage().contains("1099511627776"), e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> Tensor.zeros(1L << 40, 1L << 40));
    }

    @Test
    void aCpuIndexOtherThanZeroIsRefused() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Device.parse("cpu:1"));
        assertTrue(e.getMessage().contains("cpu:1"), e.getMessage());
        assertNotEquals(null, Device.parse("cpu:0"));
    }
}
