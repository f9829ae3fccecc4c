package org.myelin.ops.cpu.simd;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * FLOAT32 matrix product {@code C[m0:m1, n0:n1] = A[m0:m1, :] * B[:, n0:n1]}, GotoBLAS-style.
 * B is packed, KC rows at a time, into panels NR = two vectors wide; A into panels MR rows high.
 * The micro-kernel keeps an MR x 2-vector tile of C in registers and does one broadcast and two FMAs
 * per row and k: MR = 6 (12 accumulators) where there are 32 vector registers (AVX-512, AArch64),
 * MR = 4 (8 accumulators) with 16 (AVX2), where a 6-row tile spills and runs at half the speed.
 * Packing makes any strides (a transposed operand is only swapped strides) look
 * the same to the kernel, and zero-pads the M and N edges, so edge tiles run the same kernel into a
 * small buffer: every element of C is summed in the same order whatever the tile or thread.
 * KC keeps one B panel (KC x NR) within 16 KB of L1; MC x KC of A stays in L2.
 */
final class GemmF {
    static final int L = Simd.FL;
    static final int MR = Simd.REGISTERS >= 32 ? 6 : 4;
    static final int NR = 2 * L;
    static final int KC = Math.max(128, 8192 / (NR * 4));
    static final int MC = MR * 16;
    static final int NC = NR * Math.max(1, 1024 / NR);

    private GemmF() {}

    /** Per-thread packing buffers, grown on demand and reused, so no call allocates in the steady state. */
    private static final class Scratch {
        float[] a = new float[0];
        float[] b = new float[0];
        final float[] tile = new float[MR * NR];

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
                for (int r = 0; r < mr; r++) {
                    int src = off + (ip + r) * sam;
                    for (int q = 0; q < kc; q++) {
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
                for (int j = 0; j < nr; j++) {
                    int src = off + (jp + j) * sbn;
                    for (int q = 0; q < kc; q++) {
                        bp[base + q * NR + j] = b[src + q * sbk];
                    }
                }
            }
            if (nr < NR) {
                for (int q = 0; q < kc; q++) {
                    Arrays.fill(bp, base + q * NR + nr, base + q * NR + NR, 0f);
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
        } else if (MR == 6) {
            kernel6(ap, aIdx, bp, bIdx, kc, c, cIdx, ldc, acc);
        } else {
            kernel4(ap, aIdx, bp, bIdx, kc, c, cIdx, ldc, acc);
        }
    }

    private static void kernel4(float[] ap, int aIdx, float[] bp, int bIdx, int kc, float[] c, int cIdx, int ldc,
                                boolean acc) {
        VectorSpecies<Float> s = Simd.F;
        FloatVector c00 = FloatVector.zero(s);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        int ai = aIdx;
        int bi = bIdx;
        for (int q = 0; q < kc; q++, ai += 4, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(s, bp, bi);
            FloatVector b1 = FloatVector.fromArray(s, bp, bi + L);
            FloatVector x = FloatVector.broadcast(s, ap[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(s, ap[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(s, ap[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(s, ap[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        int r0 = cIdx;
        int r1 = r0 + ldc;
        int r2 = r1 + ldc;
        int r3 = r2 + ldc;
        if (acc) {
            c00.add(FloatVector.fromArray(s, c, r0)).intoArray(c, r0);
            c01.add(FloatVector.fromArray(s, c, r0 + L)).intoArray(c, r0 + L);
            c10.add(FloatVector.fromArray(s, c, r1)).intoArray(c, r1);
            c11.add(FloatVector.fromArray(s, c, r1 + L)).intoArray(c, r1 + L);
            c20.add(FloatVector.fromArray(s, c, r2)).intoArray(c, r2);
            c21.add(FloatVector.fromArray(s, c, r2 + L)).intoArray(c, r2 + L);
            c30.add(FloatVector.fromArray(s, c, r3)).intoArray(c, r3);
            c31.add(FloatVector.fromArray(s, c, r3 + L)).intoArray(c, r3 + L);
        } else {
            c00.intoArray(c, r0);
            c01.intoArray(c, r0 + L);
            c10.intoArray(c, r1);
            c11.intoArray(c, r1 + L);
            c20.intoArray(c, r2);
            c21.intoArray(c, r2 + L);
            c30.intoArray(c, r3);
            c31.intoArray(c, r3 + L);
        }
    }

    private static void kernel6(float[] ap, int aIdx, float[] bp, int bIdx, int kc, float[] c, int cIdx, int ldc,
                                boolean acc) {
        VectorSpecies<Float> s = Simd.F;
        FloatVector c00 = FloatVector.zero(s);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        int ai = aIdx;
        int bi = bIdx;
        for (int q = 0; q < kc; q++, ai += 6, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(s, bp, bi);
            FloatVector b1 = FloatVector.fromArray(s, bp, bi + L);
            FloatVector x = FloatVector.broadcast(s, ap[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(s, ap[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(s, ap[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(s, ap[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(s, ap[ai + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(s, ap[ai + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        int r0 = cIdx;
        int r1 = r0 + ldc;
        int r2 = r1 + ldc;
        int r3 = r2 + ldc;
        int r4 = r3 + ldc;
        int r5 = r4 + ldc;
        if (acc) {
            c00.add(FloatVector.fromArray(s, c, r0)).intoArray(c, r0);
            c01.add(FloatVector.fromArray(s, c, r0 + L)).intoArray(c, r0 + L);
            c10.add(FloatVector.fromArray(s, c, r1)).intoArray(c, r1);
            c11.add(FloatVector.fromArray(s, c, r1 + L)).intoArray(c, r1 + L);
            c20.add(FloatVector.fromArray(s, c, r2)).intoArray(c, r2);
            c21.add(FloatVector.fromArray(s, c, r2 + L)).intoArray(c, r2 + L);
            c30.add(FloatVector.fromArray(s, c, r3)).intoArray(c, r3);
            c31.add(FloatVector.fromArray(s, c, r3 + L)).intoArray(c, r3 + L);
            c40.add(FloatVector.fromArray(s, c, r4)).intoArray(c, r4);
            c41.add(FloatVector.fromArray(s, c, r4 + L)).intoArray(c, r4 + L);
            c50.add(FloatVector.fromArray(s, c, r5)).intoArray(c, r5);
            c51.add(FloatVector.fromArray(s, c, r5 + L)).intoArray(c, r5 + L);
        } else {
            c00.intoArray(c, r0);
            c01.intoArray(c, r0 + L);
            c10.intoArray(c, r1);
            c11.intoArray(c, r1 + L);
            c20.intoArray(c, r2);
            c21.intoArray(c, r2 + L);
            c30.intoArray(c, r3);
            c31.intoArray(c, r3 + L);
            c40.intoArray(c, r4);
            c41.intoArray(c, r4 + L);
            c50.intoArray(c, r5);
            c51.intoArray(c, r5 + L);
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
}
