package org.myelin.ops.cpu.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The vector transpose writes exactly the whole 8 x 8 blocks, with the values the scalar pack would. */
class TransposePackTest {

    @ParameterizedTest
    @CsvSource({"8, 8", "16, 32", "17, 31", "255, 12", "7, 40", "40, 7"})
    void packsTheWholeBlocksAsTheScalarLoopWould(int kc, int nr) {
        assumeTrue(TransposePack.ENABLED, "needs 256-bit vectors");
        int sbn = kc + 3; // each column contiguous along k, columns a little apart
        int off = 5;
        float[] b = new float[off + nr * sbn];
        for (int i = 0; i < b.length; i++) {
            b[i] = i * 0.5f - 7;
        }
        int ldp = nr + 2;
        int base = 3;
        float[] bp = new float[base + kc * ldp];
        java.util.Arrays.fill(bp, Float.NaN);

        assertTrue(TransposePack.floats(b, off, sbn, kc, nr, bp, base, ldp));

        for (int q = 0; q < kc; q++) {
            for (int j = 0; j < ldp; j++) {
                float got = bp[base + q * ldp + j];
                if (q < (kc & ~7) && j < (nr & ~7)) {
                    assertEquals(b[off + j * sbn + q], got, 0f, "q " + q + ", j " + j);
                } else {
                    assertTrue(Float.isNaN(got), "q " + q + ", j " + j + " is left to the caller");
                }
            }
        }
    }
}
