package org.myelin.ops.gpu.jcuda;

import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/** CudaMemoryTest's checks of scopes, the Cleaner and device numbers, on the emulated driver. */
@Tag("native")
class HostEmulationMemoryTest extends CudaMemoryTest {

    @Override
    @BeforeEach
    void needsAGpu() throws Exception {
        Optional<String> problem = HostEmulation.install();
        Assumptions.assumeTrue(problem.isEmpty(), problem.orElse(""));
        super.needsAGpu();
    }
}
