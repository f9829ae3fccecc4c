package org.myelin.ops.cpu.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.myelin.api.DType;
import org.myelin.api.Device;
import org.myelin.api.spi.Backend;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.Philox;
import org.myelin.api.spi.Strided;

/** Identity, memory, and the bit-exact random fills. */
class BackendTest {
    private final CpuSimdBackend backend = new CpuSimdBackend();

    @Test
    void identity() {
        assertEquals("cpu-simd", backend.name());
        assertEquals("cpu", backend.deviceType());
        assertEquals(100, backend.priority());
        assertTrue(backend.unavailableReason().isEmpty(), () -> backend.unavailableReason().get());
        String d = backend.description();
        assertTrue((d.contains("lanes") || d.startsWith("scalar fallback")) && d.contains("thread"), d);
    }

    @Test
    void declaredAsAServiceProvider() {
        var provides = CpuSimdBackend.class.getModule().getDescriptor().provides();
        assertTrue(provides.stream().anyMatch(p -> p.service().equals(Backend.class.getName())
                && p.providers().contains(CpuSimdBackend.class.getName())), provides::toString);
    }

    @Test
    void memoryIsTheSharedHeapBuffer() {
        float[] data = {1, 2, 3};
        HeapBuffer b = HeapBuffer.of(backend.upload(data, Device.CPU));
        assertTrue(b.floats() == data, "upload shares the array");
        assertArrayEquals(new double[] {2, 3}, backend.download(b, 1, 2));
        HeapBuffer z = HeapBuffer.of(backend.allocate(DType.INT64, 4, Device.CPU));
        assertArrayEquals(new long[4], z.longs());
    }

    @Test
    void randomFillsAreBitExactPhiloxDrawsInRowMajorOrder() {
        long seed = 42;
        long counter = 1000;
        int rows = 300;
        int cols = 301; // large enough to split over threads
        float[] f = new float[rows * cols];
        // a transposed view: element (i, j) sits at j*rows + i, draw number counter + i*cols + j
        backend.kernels().randomUniform(new Strided(HeapBuffer.wrap(f), 0, new long[] {rows, cols}, new long[] {1, rows}),
                seed, counter, -2, 3);
        double[] d = new double[rows * cols];
        backend.kernels().randomNormal(Strided.contiguous(HeapBuffer.wrap(d), rows, cols), seed, counter, 0.5, 2);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                long n = counter + (long) i * cols + j;
                assertEquals((float) (-2 + (3 - -2) * (double) Philox.uniformFloat(seed, n)), f[j * rows + i]);
                assertEquals(0.5 + 2 * Philox.normal(seed, n), d[i * cols + j]);
            }
        }
    }
}
