package org.myelin.ops.gpu.jcuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every .cu file compiles to PTX with the build's options, and also for the newest architecture
 * nvcc knows (so NVRTC-style compilation for the device's own architecture has no surprises).
 */
@Tag("native")
class NvccCompileTest {
    @TempDir
    Path out;

    @TestFactory
    Stream<DynamicTest> everyProgramCompilesToPtx() {
        return KernelSources.PROGRAMS.stream().flatMap(p -> Stream.of("compute_75", "compute_90").map(arch ->
                DynamicTest.dynamicTest(p + ".cu for " + arch, () -> {
                    Assumptions.assumeTrue(Nvcc.find().isPresent(), "nvcc is not installed here");
                    Path src = Nvcc.sources().resolve(p + ".cu");
                    Path ptx = out.resolve(p + "-" + arch + ".ptx");
                    Nvcc.Result r = Nvcc.run(List.of("-ptx", "-arch=" + arch, "-fmad=false", "-I" + Nvcc.sources(),
                            "-o", ptx.toString(), src.toString()));
                    assertEquals(0, r.status(), r.output());
                    String text = Files.readString(ptx);
                    assertTrue(text.contains(".version") && text.contains(".entry"),
                            "nvcc wrote no PTX with an entry point for " + p + ".cu: " + text.length() + " characters");
                })));
    }
}
