package org.myelin.ops.cpu.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The FLOAT64 twins (XD.java) are generated at build time from the hand-written FLOAT32 classes
 * (XF.java) by ops-cpu-simd/pom.xml. This checks that each says so and where it comes from, and
 * that a generated kernel computes what its source does.
 */
class GeneratedTwinsTest {
    private static final Path SOURCES = Path.of("src/main/java/org/myelin/ops/cpu/simd");
    private static final Path GENERATED = Path.of("target/generated-sources/twins/org/myelin/ops/cpu/simd");

    @Test
    void everyGeneratedTwinNamesItsSourceAndAsksNotToBeEdited() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(GENERATED), "generated sources not found from " + Path.of("").toAbsolutePath());
        List<Path> twins;
        try (Stream<Path> files = Files.list(GENERATED)) {
            twins = files.sorted().toList();
        }
        assertTrue(twins.stream().anyMatch(p -> p.endsWith("GemmD.java")), "GemmD.java was not generated: " + twins);
        for (Path twin : twins) {
            String name = twin.getFileName().toString();
            assertTrue(name.endsWith("D.java"), name);
            String source = name.substring(0, name.length() - "D.java".length()) + "F.java";
            assertTrue(Files.exists(SOURCES.resolve(source)), name + " has no " + source);
            assertEquals("// GENERATED at build time from " + source
                            + " by the generate-twins step of ops-cpu-simd/pom.xml: do not edit.",
                    Files.readAllLines(twin).getFirst(), name + "'s first line");
        }
    }

    /**
     * Small integers keep every partial sum exact in float, so the float and the double kernel must
     * agree to the bit: the packed path (with a transposed B) and the thin dot-product path alike.
     */
    @Test
    void gemmDComputesWhatGemmFDoesOnExactProducts() {
        exactProduct(37, 45, 301, false);
        exactProduct(40, 29, 130, true);
        int thin = 3 * GemmF.L + 5;
        assertTrue(GemmD.dotPath(7, 31, thin, 1, 1));
        exactDot(7, 31, thin);
    }

    private static void exactProduct(int m, int n, int k, boolean transB) {
        float[] af = integers(m * k, 1);
        float[] bf = integers(k * n, 2);
        int sbk = transB ? 1 : n;
        int sbn = transB ? k : 1;
        float[] cf = new float[m * n];
        double[] cd = new double[m * n];
        GemmF.gemm(af, 0, k, 1, bf, 0, sbk, sbn, cf, 0, n, 0, m, 0, n, k);
        GemmD.gemm(widen(af), 0, k, 1, widen(bf), 0, sbk, sbn, cd, 0, n, 0, m, 0, n, k);
        assertArrayEquals(widen(cf), cd);
    }

    private static void exactDot(int m, int n, int k) {
        float[] af = integers(m * k, 3);
        float[] wf = integers(n * k, 4);
        float[] cf = new float[m * n];
        double[] cd = new double[m * n];
        GemmF.dot(af, 0, k, wf, 0, k, cf, 0, n, 0, m, 0, n, k);
        GemmD.dot(widen(af), 0, k, widen(wf), 0, k, cd, 0, n, 0, m, 0, n, k);
        assertArrayEquals(widen(cf), cd);
    }

    private static float[] integers(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextInt(-4, 5);
        }
        return a;
    }

    private static double[] widen(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
