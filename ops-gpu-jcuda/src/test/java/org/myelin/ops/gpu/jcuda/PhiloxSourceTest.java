package org.myelin.ops.gpu.jcuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.api.spi.Philox;

/**
 * random.cu's generator is Philox.java's, bit for bit: nvcc builds the CUDA code for the host
 * (src/test/cuda/philox_host.cu), and its draws are compared with Philox's, including counters that
 * carry into the high word and seeds with every bit set. The device build differs only in using
 * round-to-nearest intrinsics for the same operations.
 */
class PhiloxSourceTest {
    @TempDir
    Path dir;

    @Test
    void cudaGeneratorMatchesPhilox() throws Exception {
        Assumptions.assumeTrue(Nvcc.find().isPresent(), "nvcc is not installed here, so random.cu cannot be run on the host");
        Path harness = Nvcc.sources().resolve("../../test/cuda/philox_host.cu").normalize();
        Path exe = dir.resolve("philox_host");
        Nvcc.Result build = Nvcc.run(List.of("-I" + Nvcc.sources(), "-o", exe.toString(), harness.toString()));
        Assumptions.assumeTrue(build.status() == 0, "nvcc could not build a host program here: " + build.output());
        long[][] seedsAndCounters = {{42, 0}, {0x9E3779B97F4A7C15L, 0xFFFF_FFF0L}, {-1, 123_456_789L}, {7, -5}};
        for (long[] sc : seedsAndCounters) {
            compare(exe, sc[0], sc[1], 40);
        }
    }

    private static void compare(Path exe, long seed, long counter, int n) throws Exception {
        Process p = new ProcessBuilder(exe.toString(), Long.toUnsignedString(seed), Long.toUnsignedString(counter),
                Integer.toString(n)).redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
        assertEquals(0, p.waitFor(), String.join("\n", lines));
        assertEquals(n, lines.size());
        for (int i = 0; i < n; i++) {
            long c = counter + i;
            String[] f = lines.get(i).split(" ");
            String at = "seed " + seed + " draw " + Long.toUnsignedString(c);
            assertEquals(Philox.bits(seed, c), Long.parseUnsignedLong(f[0]), "bits, " + at);
            assertEquals(Philox.uniformFloat(seed, c), (float) Double.parseDouble(f[1]), "uniformFloat, " + at);
            assertEquals(Philox.uniformDouble(seed, c), Double.parseDouble(f[2]), "uniformDouble, " + at);
            // log and cos may differ by an ulp between libm and the JVM; FLOAT32 fills round that away.
            assertEquals((float) Philox.normal(seed, c), (float) Double.parseDouble(f[3]), "normal, " + at);
            assertEquals(Philox.normal(seed, c), Double.parseDouble(f[3]), 1e-15 * Math.max(1, Math.abs(Philox.normal(seed, c))),
                    "normal, " + at);
        }
    }
}
