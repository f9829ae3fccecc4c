package org.myelin.ops.cpu.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.myelin.api.spi.Backend;

/**
 * On the class path of a JVM started without {@code --add-modules jdk.incubator.vector} (a library
 * user's first try), the pack loads, reports itself unavailable with the flag to add, and offers no
 * kernels, so the engine falls back to another backend instead of failing to start.
 */
class WithoutVectorModuleTest {

    /** Run in the child JVM: prints what ServiceLoader's consumers would see. */
    public static void main(String[] args) {
        CpuSimdBackend backend = new CpuSimdBackend();
        System.out.println("reason: " + backend.unavailableReason().orElse("none"));
        System.out.println("description: " + backend.description());
        System.out.println("fused kernels: " + new SimdFusedKernels().kernels().size());
    }

    @Test
    void thePackSaysWhatIsMissingAndStepsAside() throws Exception {
        String classPath = String.join(File.pathSeparator, List.of(location(CpuSimdBackend.class),
                location(WithoutVectorModuleTest.class), location(Backend.class)));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", classPath, WithoutVectorModuleTest.class.getName())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        String reason = "the jdk.incubator.vector module is not loaded; start java with --add-modules jdk.incubator.vector";
        assertTrue(out.contains("reason: " + reason), out);
        assertTrue(out.contains("description: " + reason), out);
        assertTrue(out.contains("fused kernels: 0"), out);
    }

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
