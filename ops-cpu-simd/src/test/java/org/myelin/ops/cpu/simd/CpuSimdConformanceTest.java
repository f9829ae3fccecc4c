package org.myelin.ops.cpu.simd;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.myelin.testkit.BackendConformance;

/** Every primitive against the testkit's reference backend. */
class CpuSimdConformanceTest {

    @TestFactory
    Stream<DynamicTest> conformance() {
        return BackendConformance.against(new CpuSimdBackend()).map(c -> DynamicTest.dynamicTest(c.name(), c::run));
    }
}
