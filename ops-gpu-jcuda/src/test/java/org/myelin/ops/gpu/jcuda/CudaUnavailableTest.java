package org.myelin.ops.gpu.jcuda;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.myelin.api.BackendUnavailableException;
import org.myelin.api.DType;
import org.myelin.api.Device;

/** On a machine without a GPU: the probe gives one short reason, never throws, and the backend refuses work clearly. */
class CudaUnavailableTest {
    private final CudaBackend backend = new CudaBackend();

    @Test
    void identifiesItself() {
        assertEquals("cuda", backend.name());
        assertEquals("cuda", backend.deviceType());
        assertEquals(100, backend.priority());
    }

    @Test
    void probeNeverThrowsAndIsCached() {
        Optional<String> first = assertDoesNotThrow(backend::unavailableReason);
        assertEquals(first, new CudaBackend().unavailableReason(), "the verdict is probed once per JVM");
        assertDoesNotThrow(backend::description);
    }

    @Test
    void reasonIsOneShortLine() {
        Optional<String> reason = backend.unavailableReason();
        Assumptions.assumeTrue(reason.isPresent(), "cuda is available here, so there is no reason to check");
        String r = reason.get();
        assertFalse(r.isBlank());
        assertFalse(r.contains("\n"), "one line for myelin doctor: " + r);
        assertTrue(r.length() < 200, "short: " + r);
        if (r.contains("libcuda")) {
            assertEquals("libcuda.so.1 not found", r);
        }
        assertTrue(backend.description().contains(r), backend.description());
    }

    @Test
    void allocationNamesTheReason() {
        Optional<String> reason = backend.unavailableReason();
        Assumptions.assumeTrue(reason.isPresent(), "cuda is available here");
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> backend.allocate(DType.FLOAT32, 4, Device.cuda(0)));
        assertTrue(e.getMessage().contains(reason.get()), e.getMessage());
    }
}
