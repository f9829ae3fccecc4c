package org.myelin.ops.gpu.jcuda;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.myelin.testkit.BackendConformance;

/**
 * The whole conformance suite on a machine without a GPU: the pack's Java side (geometry, checks,
 * batching, launches) drives its CUDA C kernels compiled for the host with g++ (see
 * {@link HostEmulation}). Skipped, with the reason, without g++.
 */
@Tag("native")
class HostEmulationConformanceTest {

    @TestFactory
    Stream<DynamicTest> conformanceOfTheKernelsCompiledForTheHost() throws Exception {
        Optional<String> problem = HostEmulation.install();
        if (problem.isPresent()) {
            return Stream.of(DynamicTest.dynamicTest("host emulation", () -> Assumptions.assumeTrue(false, problem.get())));
        }
        CudaBackend backend = new CudaBackend();
        if (backend.unavailableReason().isPresent()) {
            throw new AssertionError("the emulated driver was not installed first: " + backend.unavailableReason().get()
                    + " (this test needs a JVM of its own)");
        }
        return BackendConformance.against(backend).map(c -> DynamicTest.dynamicTest(c.name(), c::run));
    }

}
