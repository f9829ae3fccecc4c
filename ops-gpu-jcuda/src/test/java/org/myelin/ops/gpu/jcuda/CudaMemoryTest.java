package org.myelin.ops.gpu.jcuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.myelin.api.DType;
import org.myelin.api.Device;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.spi.Strided;

/** Device memory on a GPU: scopes free early, the Cleaner frees the rest, released memory is refused. */
class CudaMemoryTest {
    /** The backend under test; HostEmulationMemoryTest runs the same checks on the emulated driver. */
    final CudaBackend backend = new CudaBackend();

    @BeforeEach
    void needsAGpu() throws Exception {
        Assumptions.assumeTrue(backend.unavailableReason().isEmpty(),
                () -> "cuda unavailable: " + backend.unavailableReason().orElse(""));
    }

    @Test
    void scopeReleasesWhatWasAllocatedInsideIt() {
        CudaBuffer kept = (CudaBuffer) backend.upload(new float[] {1, 2, 3}, Device.cuda(0));
        CudaBuffer inner;
        long before = CudaMemory.liveBytes();
        try (CudaScope scope = CudaScope.open()) {
            inner = (CudaBuffer) backend.allocate(DType.FLOAT64, 1000, Device.cuda(0));
            assertEquals(1, scope.size());
            assertEquals(before + 8000, CudaMemory.liveBytes());
        }
        assertTrue(inner.isReleased());
        assertFalse(kept.isReleased());
        assertEquals(before, CudaMemory.liveBytes());
        CudaException e = assertThrows(CudaException.class,
                () -> backend.kernels().fill(Strided.contiguous(inner, 1000), 1));
        assertTrue(e.getMessage().contains("released"), e.getMessage());
        assertArrayEquals(new double[] {1, 2, 3}, backend.download(kept, 0, 3));
    }

    @Test
    void unreachableBuffersAreFreedByTheCleaner() throws InterruptedException {
        long before = CudaMemory.liveBytes();
        for (int i = 0; i < 10; i++) {
            backend.allocate(DType.FLOAT32, 1 << 20, Device.cuda(0));
        }
        for (int tries = 0; tries < 50 && CudaMemory.liveBytes() > before; tries++) {
            System.gc();
            Thread.sleep(20);
        }
        assertTrue(CudaMemory.liveBytes() <= before, "live bytes " + CudaMemory.liveBytes() + " > " + before);
    }

    @Test
    void aMissingDeviceIsNamed() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> backend.allocate(DType.FLOAT32, 1, Device.cuda(63)));
        assertTrue(e.getMessage().contains("cuda:63"), e.getMessage());
    }
}
