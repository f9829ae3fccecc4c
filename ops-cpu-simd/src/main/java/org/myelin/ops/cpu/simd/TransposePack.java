package org.myelin.ops.cpu.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Packing a B that is read across its rows (a weight read as Wᵀ, each column contiguous along k)
 * is a transpose. Element by element it costs about 1 ns each, a third of a 128 × 784 · 784 × 256
 * product; here it runs in 8 × 8 blocks of 256-bit vectors: eight loads, three stages of lane
 * swaps (rearrange and blend), eight stores. Only data moves, so the packed panel, and every
 * result, is the same as the scalar loop's. 256-bit vectors whatever the preferred width: packing
 * needs no more, and the same code then serves AVX2 and AVX-512.
 */
final class TransposePack {
    /** Off where the Vector API is off, or where 256-bit vectors are not native (they would run boxed). */
    static final boolean ENABLED = Simd.ENABLED && Simd.F.vectorBitSize() >= 256;
    // Built only when enabled: without a working Vector API, touching a species would fail this class's loading.
    private static final VectorSpecies<Float> S = ENABLED ? FloatVector.SPECIES_256 : null;
    private static final VectorShuffle<Float> DOWN4 = ENABLED ? shift(4, -1) : null;
    private static final VectorShuffle<Float> UP4 = ENABLED ? shift(4, 1) : null;
    private static final VectorShuffle<Float> DOWN2 = ENABLED ? shift(2, -1) : null;
    private static final VectorShuffle<Float> UP2 = ENABLED ? shift(2, 1) : null;
    private static final VectorShuffle<Float> DOWN1 = ENABLED ? shift(1, -1) : null;
    private static final VectorShuffle<Float> UP1 = ENABLED ? shift(1, 1) : null;
    private static final VectorMask<Float> HIGH4 = ENABLED ? high(4) : null;
    private static final VectorMask<Float> HIGH2 = ENABLED ? high(2) : null;
    private static final VectorMask<Float> HIGH1 = ENABLED ? high(1) : null;

    private TransposePack() {}

    /**
     * Packs the whole 8 × 8 blocks of one B panel: {@code bp[base + q*ldp + j] = b[off + j*sbn + q]}
     * for q below {@code kc & ~7} and j below {@code nr & ~7}. The caller packs the rest.
     *
     * @return false when nothing was packed (vectors unavailable)
     */
    static boolean floats(float[] b, int off, int sbn, int kc, int nr, float[] bp, int base, int ldp) {
        if (!ENABLED) {
            return false;
        }
        int kc8 = kc & ~7;
        int nr8 = nr & ~7;
        for (int q = 0; q < kc8; q += 8) {
            for (int j = 0; j < nr8; j += 8) {
                block(b, off + j * sbn + q, sbn, bp, base + q * ldp + j, ldp);
            }
        }
        return true;
    }

    /** The float64 twin, for the generated GemmD: its panels are packed by the scalar loop. */
    static boolean doubles(double[] b, int off, int sbn, int kc, int nr, double[] bp, int base, int ldp) {
        return false;
    }

    /** {@code dst[d + q*ldd + j] = src[s + j*lds + q]} for q, j in 0..7. */
    private static void block(float[] src, int s, int lds, float[] dst, int d, int ldd) {
        FloatVector r0 = FloatVector.fromArray(S, src, s);
        FloatVector r1 = FloatVector.fromArray(S, src, s + lds);
        FloatVector r2 = FloatVector.fromArray(S, src, s + 2 * lds);
        FloatVector r3 = FloatVector.fromArray(S, src, s + 3 * lds);
        FloatVector r4 = FloatVector.fromArray(S, src, s + 4 * lds);
        FloatVector r5 = FloatVector.fromArray(S, src, s + 5 * lds);
        FloatVector r6 = FloatVector.fromArray(S, src, s + 6 * lds);
        FloatVector r7 = FloatVector.fromArray(S, src, s + 7 * lds);
        // Each stage swaps the off-diagonal blocks of size 4, then 2, then 1 between row pairs that far apart.
        FloatVector t0 = r0.blend(r4.rearrange(DOWN4), HIGH4);
        FloatVector t4 = r0.rearrange(UP4).blend(r4, HIGH4);
        FloatVector t1 = r1.blend(r5.rearrange(DOWN4), HIGH4);
        FloatVector t5 = r1.rearrange(UP4).blend(r5, HIGH4);
        FloatVector t2 = r2.blend(r6.rearrange(DOWN4), HIGH4);
        FloatVector t6 = r2.rearrange(UP4).blend(r6, HIGH4);
        FloatVector t3 = r3.blend(r7.rearrange(DOWN4), HIGH4);
        FloatVector t7 = r3.rearrange(UP4).blend(r7, HIGH4);

        r0 = t0.blend(t2.rearrange(DOWN2), HIGH2);
        r2 = t0.rearrange(UP2).blend(t2, HIGH2);
        r1 = t1.blend(t3.rearrange(DOWN2), HIGH2);
        r3 = t1.rearrange(UP2).blend(t3, HIGH2);
        r4 = t4.blend(t6.rearrange(DOWN2), HIGH2);
        r6 = t4.rearrange(UP2).blend(t6, HIGH2);
        r5 = t5.blend(t7.rearrange(DOWN2), HIGH2);
        r7 = t5.rearrange(UP2).blend(t7, HIGH2);

        r0.blend(r1.rearrange(DOWN1), HIGH1).intoArray(dst, d);
        r0.rearrange(UP1).blend(r1, HIGH1).intoArray(dst, d + ldd);
        r2.blend(r3.rearrange(DOWN1), HIGH1).intoArray(dst, d + 2 * ldd);
        r2.rearrange(UP1).blend(r3, HIGH1).intoArray(dst, d + 3 * ldd);
        r4.blend(r5.rearrange(DOWN1), HIGH1).intoArray(dst, d + 4 * ldd);
        r4.rearrange(UP1).blend(r5, HIGH1).intoArray(dst, d + 5 * ldd);
        r6.blend(r7.rearrange(DOWN1), HIGH1).intoArray(dst, d + 6 * ldd);
        r6.rearrange(UP1).blend(r7, HIGH1).intoArray(dst, d + 7 * ldd);
    }

    /** Lane l takes lane l - b (direction -1) or l + b (+1) where that exists, else itself. */
    private static VectorShuffle<Float> shift(int b, int direction) {
        int[] index = new int[8];
        for (int l = 0; l < 8; l++) {
            int from = l + direction * b;
            index[l] = from >= 0 && from < 8 ? from : l;
        }
        return VectorShuffle.fromArray(S, index, 0);
    }

    /** The lanes whose index has bit b set: the upper half of each block of 2b lanes. */
    private static VectorMask<Float> high(int b) {
        boolean[] bits = new boolean[8];
        for (int l = 0; l < 8; l++) {
            bits[l] = (l & b) != 0;
        }
        return VectorMask.fromArray(S, bits, 0);
    }
}
