package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend swap is real: one epoch of the course's network with the same seed reaches the same
 * test accuracy with the plain-loop {@code reference} backend and with {@code cpu-simd}, up to
 * float rounding (their sums run in different orders). Each runs in its own JVM, as a user would
 * run it, so selecting {@code reference} does not slow the other tests in this one.
 */
@Tag("dataset")
class BackendSwapTest {
    @TempDir
    Path tmp;

    @Test
    void referenceAndCpuSimdReachTheSameAccuracyForASeed() throws Exception {
        CliRun simd = CliProcess.run(tmp, "train", "--epochs", "1", "--seed", "7", "--backend", "cpu-simd");
        CliRun reference = CliProcess.run(tmp, "train", "--epochs", "1", "--seed", "7", "--backend", "reference");
        assertEquals(0, simd.exit(), simd.err());
        assertEquals(0, reference.exit(), reference.err());
        assertTrue(simd.out().contains("backend cpu-simd"), simd.out());
        assertTrue(reference.out().contains("backend reference"), reference.out());
        double a = simd.lastPercentAfter("test accuracy");
        double b = reference.lastPercentAfter("test accuracy");
        assertTrue(a > 90, "the course network learns: " + a + "%");
        assertEquals(a, b, 0.1, "cpu-simd " + a + "% vs reference " + b + "%");
    }
}
