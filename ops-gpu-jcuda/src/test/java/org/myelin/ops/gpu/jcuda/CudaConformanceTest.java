package org.myelin.ops.gpu.jcuda;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.myelin.testkit.BackendConformance;

/** Every primitive against the testkit's reference backend; one skipped test, with the reason, where cuda cannot run. */
class CudaConformanceTest {

    @TestFactory
    Stream<DynamicTest> conformance() {
        CudaBackend backend = new CudaBackend();
        Optional<String> reason = backend.unavailableReason();
        if (reason.isPresent()) {
            return Stream.of(DynamicTest.dynamicTest("cuda conformance",
                    () -> Assumptions.assumeTrue(false, "cuda unavailable: " + reason.get())));
        }
        return BackendConformance.against(backend).map(c -> DynamicTest.dynamicTest(c.name(), c::run));
    }
}
