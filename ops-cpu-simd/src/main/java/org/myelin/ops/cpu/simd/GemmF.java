// Edit this file, not GemmD.java: the build generates that FLOAT64 twin from it.
package org.myelin.ops.cpu.simd;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * FLOAT32 matrix product {@code C[m0:m1, n0:n1] = A[m0:m1, :] * B[:, n0:n1]}, GotoBLAS-style.
 * B is packed, KC rows at a time, into panels NR = two vectors wide; A into panels MR rows high.
 * The micro-kernel keeps an MR x 2-vector tile of C in registers and does one broadcast and two FMAs
 * per row and k: MR = 12 (24 accumulators, 12 x 32 floats with AVX-512) where there are 32 vector
 * registers, MR = 4 (8 accumulators) with 16 (AVX2), where a taller tile spills.
 * Packing makes any strides (a transposed operand is only swapped strides) look
 * the same to the kernel, and zero-pads the M and N edges, so edge tiles run the same kernel into a
 * small buffer: every element of C is summed in the same order whatever the tile or thread.
 * KC keeps one B micro-panel (KC x NR) in L1 while the A panels of an MC x KC block stream from L2.
 * Thin products whose operands are contiguous along k (a linear layer's forward at batch 10, or
 * with 10 outputs) skip packing and run as register-blocked dot products ({@link #dot}).
 */
final class GemmF {
    static final int L = Simd.FL;
    /** Rows of the register tile: 12 (24 accumulators) with 32 vector registers, 4 (8) with 16. */
    static final int MR = Simd.REGISTERS >= 32 ? 12 : 4;
    static final int NR = 2 * L;
    /** Depth of a packed block: 32 KB of B micro-panel (KC x NR; 256 floats or 256 doubles deep with 512-bit vectors). */
    static final int KC = Math.max(128, 32768 / (NR * Float.BYTES));
    /** Rows of A packed at once: MC x KC (96 KB of floats) stays in L2 while every B micro-panel passes it. */
    static final int MC = MR * 8;
    static final int NC = NR * Math.max(1, 1024 / NR);
    /** The dot-product path serves products this thin (in M or N) whose operands are both contiguous along k. */
    static final int DOT_MAX = 16;

    private GemmF() {}

    /** Per-thread packing buffers, grown on demand and reused, so no call allocates in the steady state. */
    private static final class Scratch {
        float[] a = new float[0];
        float[] b = new float[0];
        final float[] tile = new float[MR * NR];
        final float[] lanes = new float[8 * L];

        float[] a(int n) {
            if (a.length < n) {
                a = new float[n];
            }
            return a;
        }

        float[] b(int n) {
            if (b.length < n) {
                b = new float[n];
            }
            return b;
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * Overwrites rows m0..m1-1, columns n0..n1-1 of C.
     *
     * @param a   A's array; element (i, k) at {@code aOff + i*sam + k*sak}
     * @param b   B's array; element (k, j) at {@code bOff + k*sbk + j*sbn}
     * @param c   C's array; element (i, j) at {@code cOff + i*ldc + j}
     */
    static void gemm(float[] a, int aOff, int sam, int sak, float[] b, int bOff, int sbk, int sbn,
                     float[] c, int cOff, int ldc, int m0, int m1, int n0, int n1, int k) {
        Scratch s = SCRATCH.get();
        for (int jc = n0; jc < n1; jc += NC) {
            int nc = Math.min(NC, n1 - jc);
            int ncPad = (nc + NR - 1) / NR * NR;
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean acc = pc > 0;
                float[] bp = s.b(ncPad * kc);
                packB(b, bOff + pc * sbk + jc * sbn, sbk, sbn, kc, nc, bp);
                for (int ic = m0; ic < m1; ic += MC) {
                    int mc = Math.min(MC, m1 - ic);
                    float[] ap = s.a((mc + MR - 1) / MR * MR * kc);
                    packA(a, aOff + ic * sam + pc * sak, sam, sak, mc, kc, ap);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        int bIdx = jr * kc;
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            int aIdx = ir * kc;
                            int cIdx = cOff + (ic + ir) * ldc + jc + jr;
                            if (mr == MR && nr == NR) {
                                kernel(ap, aIdx, bp, bIdx, kc, c, cIdx, ldc, acc);
                            } else {
                                edge(ap, aIdx, bp, bIdx, kc, c, cIdx, ldc, acc, mr, nr, s.tile);
                            }
                        }
                    }
                }
            }
        }
    }

    /** A block (mc x kc) into panels of MR rows: element (r, k) of panel p at {@code p*kc*MR + k*MR + r}. */
    static void packA(float[] a, int off, int sam, int sak, int mc, int kc, float[] ap) {
        for (int ip = 0; ip < mc; ip += MR) {
            int mr = Math.min(MR, mc - ip);
            int base = ip * kc;
            if (sak == 1) {
                // A transpose too: whole 8 x 8 blocks in vectors, the rest element by element.
                int kcDone = 0;
                int mrDone = 0;
                if (TransposePack.floats(a, off + ip * sam, sam, kc, mr, ap, base, MR)) {
                    kcDone = kc & ~7;
                    mrDone = mr & ~7;
                }
                for (int r = 0; r < mr; r++) {
                    int src = off + (ip + r) * sam;
                    for (int q = r < mrDone ? kcDone : 0; q < kc; q++) {
                        ap[base + q * MR + r] = a[src + q];
                    }
                }
            } else {
                for (int q = 0; q < kc; q++) {
                    int src = off + ip * sam + q * sak;
                    int dst = base + q * MR;
                    for (int r = 0; r < mr; r++) {
                        ap[dst + r] = a[src + r * sam];
                    }
                }
            }
            if (mr < MR) {
                for (int q = 0; q < kc; q++) {
                    Arrays.fill(ap, base + q * MR + mr, base + q * MR + MR, 0f);
                }
            }
        }
    }

    /** B block (kc x nc) into panels of NR columns: element (k, j) of panel p at {@code p*kc*NR + k*NR + j}. */
    static void packB(float[] b, int off, int sbk, int sbn, int kc, int nc, float[] bp) {
        for (int jp = 0; jp < nc; jp += NR) {
            int nr = Math.min(NR, nc - jp);
            int base = jp * kc;
            if (sbn == 1) {
                for (int q = 0; q < kc; q++) {
                    System.arraycopy(b, off + q * sbk + jp, bp, base + q * NR, nr);
                }
            } else {
                // A transpose: whole 8 x 8 blocks in vectors where each column is contiguous along k, the
                // rest column by column, in slices of 64 rows, so the panel slice being written stays in L1.
                int kcDone = 0;
                int nrDone = 0;
                if (sbk == 1 && TransposePack.floats(b, off + jp * sbn, sbn, kc, nr, bp, base, NR)) {
                    kcDone = kc & ~7;
                    nrDone = nr & ~7;
                }
                packColumns(b, off + jp * sbn, sbk, sbn, 0, kc, nrDone, nr, bp, base);
                packColumns(b, off + jp * sbn, sbk, sbn, kcDone, kc, 0, nrDone, bp, base);
            }
            if (nr < NR) {
                for (int q = 0; q < kc; q++) {
                    Arrays.fill(bp, base + q * NR + nr, base + q * NR + NR, 0f);
                }
            }
        }
    }

    /** Rows q0..q1-1 of columns j0..j1-1 of one B panel, column by column in slices of 64 rows. */
    private static void packColumns(float[] b, int off, int sbk, int sbn, int q0, int q1, int j0, int j1,
                                    float[] bp, int base) {
        for (int s0 = q0; s0 < q1; s0 += 64) {
            int s1 = Math.min(q1, s0 + 64);
            for (int j = j0; j < j1; j++) {
                int src = off + j * sbn;
                for (int q = s0; q < s1; q++) {
                    bp[base + q * NR + j] = b[src + q * sbk];
                }
            }
        }
    }

    /** A partial tile: computed whole into {@code tile}, then only its valid part is copied out. */
    private static void edge(float[] ap, int aIdx, float[] bp, int bIdx, int kc, float[] c, int cIdx, int ldc,
                             boolean acc, int mr, int nr, float[] tile) {
        if (acc) {
            for (int r = 0; r < mr; r++) {
                System.arraycopy(c, cIdx + r * ldc, tile, r * NR, nr);
            }
        }
        kernel(ap, aIdx, bp, bIdx, kc, tile, 0, NR, acc);
        for (int r = 0; r < mr; r++) {
            System.arraycopy(tile, r * NR, c, cIdx + r * ldc, nr);
        }
    }

    /** C tile (+)= A panel * B panel over kc; with {@code acc} the block's sum is added to C's values. */
    static void kernel(float[] ap, int aIdx, float[] bp, int bIdx, int kc, float[] c, int cIdx, int ldc, boolean acc) {
        if (!Simd.ENABLED) {
            kernelScalar(ap, aIdx, bp, bIdx, kc, c, cIdx, ldc, acc);
        } else if (MR == 12) {
            kernel12(ap, aIdx, bp, bIdx, kc, c, cIdx, ldc, acc);
        } else {
            kernel4(ap, aIdx, bp, bIdx, kc, c, cIdx, ldc, acc);
        }
    }

    private static void kernel4(float[] ap, int aIdx, float[] bp, int bIdx, int kc, float[] c, int cIdx, int ldc,
                                boolean acc) {
        VectorSpecies<Float> s = Simd.F;
        FloatVector c0x0 = FloatVector.zero(s);
        FloatVector c0x1 = c0x0;
        FloatVector c1x0 = c0x0;
        FloatVector c1x1 = c0x0;
        FloatVector c2x0 = c0x0;
        FloatVector c2x1 = c0x0;
        FloatVector c3x0 = c0x0;
        FloatVector c3x1 = c0x0;
        for (int q = 0; q < kc; q++) {
            int ai = aIdx + q * 4;
            int bi = bIdx + q * NR;
            FloatVector b0 = FloatVector.fromArray(s, bp, bi);
            FloatVector b1 = FloatVector.fromArray(s, bp, bi + L);
            FloatVector x = FloatVector.broadcast(s, ap[ai]);
            c0x0 = x.fma(b0, c0x0);
            c0x1 = x.fma(b1, c0x1);
            x = FloatVector.broadcast(s, ap[ai + 1]);
            c1x0 = x.fma(b0, c1x0);
            c1x1 = x.fma(b1, c1x1);
            x = FloatVector.broadcast(s, ap[ai + 2]);
            c2x0 = x.fma(b0, c2x0);
            c2x1 = x.fma(b1, c2x1);
            x = FloatVector.broadcast(s, ap[ai + 3]);
            c3x0 = x.fma(b0, c3x0);
            c3x1 = x.fma(b1, c3x1);
        }
        if (acc) {
            int r0 = cIdx + 0 * ldc;
            c0x0.add(FloatVector.fromArray(s, c, r0)).intoArray(c, r0);
            c0x1.add(FloatVector.fromArray(s, c, r0 + L)).intoArray(c, r0 + L);
            int r1 = cIdx + 1 * ldc;
            c1x0.add(FloatVector.fromArray(s, c, r1)).intoArray(c, r1);
            c1x1.add(FloatVector.fromArray(s, c, r1 + L)).intoArray(c, r1 + L);
            int r2 = cIdx + 2 * ldc;
            c2x0.add(FloatVector.fromArray(s, c, r2)).intoArray(c, r2);
            c2x1.add(FloatVector.fromArray(s, c, r2 + L)).intoArray(c, r2 + L);
            int r3 = cIdx + 3 * ldc;
            c3x0.add(FloatVector.fromArray(s, c, r3)).intoArray(c, r3);
            c3x1.add(FloatVector.fromArray(s, c, r3 + L)).intoArray(c, r3 + L);
        } else {
            int r0 = cIdx + 0 * ldc;
            c0x0.intoArray(c, r0);
            c0x1.intoArray(c, r0 + L);
            int r1 = cIdx + 1 * ldc;
            c1x0.intoArray(c, r1);
            c1x1.intoArray(c, r1 + L);
            int r2 = cIdx + 2 * ldc;
            c2x0.intoArray(c, r2);
            c2x1.intoArray(c, r2 + L);
            int r3 = cIdx + 3 * ldc;
            c3x0.intoArray(c, r3);
            c3x1.intoArray(c, r3 + L);
        }
    }

    private static void kernel12(float[] ap, int aIdx, float[] bp, int bIdx, int kc, float[] c, int cIdx, int ldc,
                                boolean acc) {
        VectorSpecies<Float> s = Simd.F;
        FloatVector c0x0 = FloatVector.zero(s);
        FloatVector c0x1 = c0x0;
        FloatVector c1x0 = c0x0;
        FloatVector c1x1 = c0x0;
        FloatVector c2x0 = c0x0;
        FloatVector c2x1 = c0x0;
        FloatVector c3x0 = c0x0;
        FloatVector c3x1 = c0x0;
        FloatVector c4x0 = c0x0;
        FloatVector c4x1 = c0x0;
        FloatVector c5x0 = c0x0;
        FloatVector c5x1 = c0x0;
        FloatVector c6x0 = c0x0;
        FloatVector c6x1 = c0x0;
        FloatVector c7x0 = c0x0;
        FloatVector c7x1 = c0x0;
        FloatVector c8x0 = c0x0;
        FloatVector c8x1 = c0x0;
        FloatVector c9x0 = c0x0;
        FloatVector c9x1 = c0x0;
        FloatVector c10x0 = c0x0;
        FloatVector c10x1 = c0x0;
        FloatVector c11x0 = c0x0;
        FloatVector c11x1 = c0x0;
        for (int q = 0; q < kc; q++) {
            int ai = aIdx + q * 12;
            int bi = bIdx + q * NR;
            FloatVector b0 = FloatVector.fromArray(s, bp, bi);
            FloatVector b1 = FloatVector.fromArray(s, bp, bi + L);
            FloatVector x = FloatVector.broadcast(s, ap[ai]);
            c0x0 = x.fma(b0, c0x0);
            c0x1 = x.fma(b1, c0x1);
            x = FloatVector.broadcast(s, ap[ai + 1]);
            c1x0 = x.fma(b0, c1x0);
            c1x1 = x.fma(b1, c1x1);
            x = FloatVector.broadcast(s, ap[ai + 2]);
            c2x0 = x.fma(b0, c2x0);
            c2x1 = x.fma(b1, c2x1);
            x = FloatVector.broadcast(s, ap[ai + 3]);
            c3x0 = x.fma(b0, c3x0);
            c3x1 = x.fma(b1, c3x1);
            x = FloatVector.broadcast(s, ap[ai + 4]);
            c4x0 = x.fma(b0, c4x0);
            c4x1 = x.fma(b1, c4x1);
            x = FloatVector.broadcast(s, ap[ai + 5]);
            c5x0 = x.fma(b0, c5x0);
            c5x1 = x.fma(b1, c5x1);
            x = FloatVector.broadcast(s, ap[ai + 6]);
            c6x0 = x.fma(b0, c6x0);
            c6x1 = x.fma(b1, c6x1);
            x = FloatVector.broadcast(s, ap[ai + 7]);
            c7x0 = x.fma(b0, c7x0);
            c7x1 = x.fma(b1, c7x1);
            x = FloatVector.broadcast(s, ap[ai + 8]);
            c8x0 = x.fma(b0, c8x0);
            c8x1 = x.fma(b1, c8x1);
            x = FloatVector.broadcast(s, ap[ai + 9]);
            c9x0 = x.fma(b0, c9x0);
            c9x1 = x.fma(b1, c9x1);
            x = FloatVector.broadcast(s, ap[ai + 10]);
            c10x0 = x.fma(b0, c10x0);
            c10x1 = x.fma(b1, c10x1);
            x = FloatVector.broadcast(s, ap[ai + 11]);
            c11x0 = x.fma(b0, c11x0);
            c11x1 = x.fma(b1, c11x1);
        }
        if (acc) {
            int r0 = cIdx + 0 * ldc;
            c0x0.add(FloatVector.fromArray(s, c, r0)).intoArray(c, r0);
            c0x1.add(FloatVector.fromArray(s, c, r0 + L)).intoArray(c, r0 + L);
            int r1 = cIdx + 1 * ldc;
            c1x0.add(FloatVector.fromArray(s, c, r1)).intoArray(c, r1);
            c1x1.add(FloatVector.fromArray(s, c, r1 + L)).intoArray(c, r1 + L);
            int r2 = cIdx + 2 * ldc;
            c2x0.add(FloatVector.fromArray(s, c, r2)).intoArray(c, r2);
            c2x1.add(FloatVector.fromArray(s, c, r2 + L)).intoArray(c, r2 + L);
            int r3 = cIdx + 3 * ldc;
            c3x0.add(FloatVector.fromArray(s, c, r3)).intoArray(c, r3);
            c3x1.add(FloatVector.fromArray(s, c, r3 + L)).intoArray(c, r3 + L);
            int r4 = cIdx + 4 * ldc;
            c4x0.add(FloatVector.fromArray(s, c, r4)).intoArray(c, r4);
            c4x1.add(FloatVector.fromArray(s, c, r4 + L)).intoArray(c, r4 + L);
            int r5 = cIdx + 5 * ldc;
            c5x0.add(FloatVector.fromArray(s, c, r5)).intoArray(c, r5);
            c5x1.add(FloatVector.fromArray(s, c, r5 + L)).intoArray(c, r5 + L);
            int r6 = cIdx + 6 * ldc;
            c6x0.add(FloatVector.fromArray(s, c, r6)).intoArray(c, r6);
            c6x1.add(FloatVector.fromArray(s, c, r6 + L)).intoArray(c, r6 + L);
            int r7 = cIdx + 7 * ldc;
            c7x0.add(FloatVector.fromArray(s, c, r7)).intoArray(c, r7);
            c7x1.add(FloatVector.fromArray(s, c, r7 + L)).intoArray(c, r7 + L);
            int r8 = cIdx + 8 * ldc;
            c8x0.add(FloatVector.fromArray(s, c, r8)).intoArray(c, r8);
            c8x1.add(FloatVector.fromArray(s, c, r8 + L)).intoArray(c, r8 + L);
            int r9 = cIdx + 9 * ldc;
            c9x0.add(FloatVector.fromArray(s, c, r9)).intoArray(c, r9);
            c9x1.add(FloatVector.fromArray(s, c, r9 + L)).intoArray(c, r9 + L);
            int r10 = cIdx + 10 * ldc;
            c10x0.add(FloatVector.fromArray(s, c, r10)).intoArray(c, r10);
            c10x1.add(FloatVector.fromArray(s, c, r10 + L)).intoArray(c, r10 + L);
            int r11 = cIdx + 11 * ldc;
            c11x0.add(FloatVector.fromArray(s, c, r11)).intoArray(c, r11);
            c11x1.add(FloatVector.fromArray(s, c, r11 + L)).intoArray(c, r11 + L);
        } else {
            int r0 = cIdx + 0 * ldc;
            c0x0.intoArray(c, r0);
            c0x1.intoArray(c, r0 + L);
            int r1 = cIdx + 1 * ldc;
            c1x0.intoArray(c, r1);
            c1x1.intoArray(c, r1 + L);
            int r2 = cIdx + 2 * ldc;
            c2x0.intoArray(c, r2);
            c2x1.intoArray(c, r2 + L);
            int r3 = cIdx + 3 * ldc;
            c3x0.intoArray(c, r3);
            c3x1.intoArray(c, r3 + L);
            int r4 = cIdx + 4 * ldc;
            c4x0.intoArray(c, r4);
            c4x1.intoArray(c, r4 + L);
            int r5 = cIdx + 5 * ldc;
            c5x0.intoArray(c, r5);
            c5x1.intoArray(c, r5 + L);
            int r6 = cIdx + 6 * ldc;
            c6x0.intoArray(c, r6);
            c6x1.intoArray(c, r6 + L);
            int r7 = cIdx + 7 * ldc;
            c7x0.intoArray(c, r7);
            c7x1.intoArray(c, r7 + L);
            int r8 = cIdx + 8 * ldc;
            c8x0.intoArray(c, r8);
            c8x1.intoArray(c, r8 + L);
            int r9 = cIdx + 9 * ldc;
            c9x0.intoArray(c, r9);
            c9x1.intoArray(c, r9 + L);
            int r10 = cIdx + 10 * ldc;
            c10x0.intoArray(c, r10);
            c10x1.intoArray(c, r10 + L);
            int r11 = cIdx + 11 * ldc;
            c11x0.intoArray(c, r11);
            c11x1.intoArray(c, r11 + L);
        }
    }

    /** The same tile without vectors, for the scalar fallback; same summation order per element. */
    private static void kernelScalar(float[] ap, int aIdx, float[] bp, int bIdx, int kc, float[] c, int cIdx, int ldc,
                                     boolean acc) {
        float[] t = new float[MR * NR];
        for (int q = 0; q < kc; q++) {
            int ai = aIdx + q * MR;
            int bi = bIdx + q * NR;
            for (int r = 0; r < MR; r++) {
                float x = ap[ai + r];
                int tr = r * NR;
                for (int j = 0; j < NR; j++) {
                    t[tr + j] = Math.fma(x, bp[bi + j], t[tr + j]);
                }
            }
        }
        for (int r = 0; r < MR; r++) {
            for (int j = 0; j < NR; j++) {
                int ci = cIdx + r * ldc + j;
                c[ci] = acc ? c[ci] + t[r * NR + j] : t[r * NR + j];
            }
        }
    }

    /**
     * True when {@link #dot} should compute a product: A's rows and B's columns are contiguous along
     * k (a row-major A times a transposed row-major B, as a linear layer's forward) and the product
     * is too thin in M or N for packed panels to pay off. It depends on the shape only, never on
     * the part a task computes, so every element is summed one way whatever the thread count.
     */
    static boolean dotPath(int m, int n, int k, int sak, int sbk) {
        return Simd.ENABLED && sak == 1 && sbk == 1 && k >= 2 * L && (m <= DOT_MAX || n <= DOT_MAX);
    }

    /**
     * {@code C[i, j] = sum_q A[i, q] * B[q, j]} for rows m0..m1-1 and columns n0..n1-1 as dot products of
     * rows of A and columns of B, both contiguous along q: no packing. Tiles of 2 rows x 4 columns keep
     * 8 vector accumulators (6 loads per 8 FMAs). Every element, in a tile or at an edge, is summed
     * the same way: lane l accumulates q = l (mod L) in order by FMA, the lanes are added in order,
     * then the tail q >= k - k mod L by FMA.
     */
    static void dot(float[] a, int aOff, int sam, float[] b, int bOff, int sbn, float[] c, int cOff, int ldc,
                    int m0, int m1, int n0, int n1, int k) {
        float[] lanes = SCRATCH.get().lanes;
        int i = m0;
        for (; i + 2 <= m1; i += 2) {
            int j = n0;
            for (; j + 4 <= n1; j += 4) {
                dot2x4(a, aOff + i * sam, sam, b, bOff + j * sbn, sbn, c, cOff + i * ldc + j, ldc, k, lanes);
            }
            for (; j < n1; j++) {
                c[cOff + i * ldc + j] = dot1(a, aOff + i * sam, b, bOff + j * sbn, k, lanes);
                c[cOff + (i + 1) * ldc + j] = dot1(a, aOff + (i + 1) * sam, b, bOff + j * sbn, k, lanes);
            }
        }
        for (; i < m1; i++) {
            for (int j = n0; j < n1; j++) {
                c[cOff + i * ldc + j] = dot1(a, aOff + i * sam, b, bOff + j * sbn, k, lanes);
            }
        }
    }

    /** Adds the lanes of {@code lanes[from .. from+L-1]} in order, then the tail by FMA. */
    private static float finish(float[] lanes, int from, float[] x, int xo, float[] y, int yo, int ub, int k) {
        float t = 0f;
        for (int l = 0; l < L; l++) {
            t += lanes[from + l];
        }
        for (int q = ub; q < k; q++) {
            t = Math.fma(x[xo + q], y[yo + q], t);
        }
        return t;
    }

    private static float dot1(float[] x, int xo, float[] y, int yo, int k, float[] lanes) {
        VectorSpecies<Float> s = Simd.F;
        int ub = k - k % L;
        FloatVector acc = FloatVector.zero(s);
        for (int q = 0; q < ub; q += L) {
            acc = FloatVector.fromArray(s, x, xo + q).fma(FloatVector.fromArray(s, y, yo + q), acc);
        }
        acc.intoArray(lanes, 0);
        return finish(lanes, 0, x, xo, y, yo, ub, k);
    }

    private static void dot2x4(float[] a, int a0, int sam, float[] b, int b0, int sbn, float[] c, int ci, int ldc, int k,
                               float[] lanes) {
        VectorSpecies<Float> s = Simd.F;
        int ub = k - k % L;
        int a1 = a0 + sam;
        int b1 = b0 + sbn;
        int b2 = b1 + sbn;
        int b3 = b2 + sbn;
        FloatVector c00 = FloatVector.zero(s);
        FloatVector c01 = c00;
        FloatVector c02 = c00;
        FloatVector c03 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c12 = c00;
        FloatVector c13 = c00;
        for (int q = 0; q < ub; q += L) {
            FloatVector x0 = FloatVector.fromArray(s, a, a0 + q);
            FloatVector x1 = FloatVector.fromArray(s, a, a1 + q);
            FloatVector y = FloatVector.fromArray(s, b, b0 + q);
            c00 = x0.fma(y, c00);
            c10 = x1.fma(y, c10);
            y = FloatVector.fromArray(s, b, b1 + q);
            c01 = x0.fma(y, c01);
            c11 = x1.fma(y, c11);
            y = FloatVector.fromArray(s, b, b2 + q);
            c02 = x0.fma(y, c02);
            c12 = x1.fma(y, c12);
            y = FloatVector.fromArray(s, b, b3 + q);
            c03 = x0.fma(y, c03);
            c13 = x1.fma(y, c13);
        }
        c00.intoArray(lanes, 0);
        c01.intoArray(lanes, L);
        c02.intoArray(lanes, 2 * L);
        c03.intoArray(lanes, 3 * L);
        c10.intoArray(lanes, 4 * L);
        c11.intoArray(lanes, 5 * L);
        c12.intoArray(lanes, 6 * L);
        c13.intoArray(lanes, 7 * L);
        c[ci] = finish(lanes, 0, a, a0, b, b0, ub, k);
        c[ci + 1] = finish(lanes, L, a, a0, b, b1, ub, k);
        c[ci + 2] = finish(lanes, 2 * L, a, a0, b, b2, ub, k);
        c[ci + 3] = finish(lanes, 3 * L, a, a0, b, b3, ub, k);
        c[ci + ldc] = finish(lanes, 4 * L, a, a1, b, b0, ub, k);
        c[ci + ldc + 1] = finish(lanes, 5 * L, a, a1, b, b1, ub, k);
        c[ci + ldc + 2] = finish(lanes, 6 * L, a, a1, b, b2, ub, k);
        c[ci + ldc + 3] = finish(lanes, 7 * L, a, a1, b, b3, ub, k);
    }
}
