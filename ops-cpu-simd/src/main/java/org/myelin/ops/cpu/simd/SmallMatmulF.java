package org.myelin.ops.cpu.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float products too small to pay for packing (the course network's 10×30·30×10 layer and its two
 * gradients), in vectors along C's rows. Each lane is one output element's own FMA chain over k in
 * order, exactly the chain the scalar loop runs, so the bits do not depend on which path ran.
 * Every load and store is a whole, unmasked vector: masked ones near an array's end compiled to
 * a path three to six times slower in some JIT runs. So when a row is not a whole number of
 * vectors, or B is read across its rows (a weight read as Wᵀ), B is copied into a zero-padded
 * row-major scratch, and C is computed in the scratch and copied out.
 */
final class SmallMatmulF {
    /** Rows of C per pass: four independent FMA chains hide the FMA latency. */
    private static final int ROWS = 4;
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[256]);

    private SmallMatmulF() {}

    static void product(float[] x, int ao, int sam, int sak, float[] y, int bo, int sbk, int sbn, float[] z, int co,
                        int ldc, int m, int n, int k) {
        VectorSpecies<Float> s = Simd.F;
        int lanes = s.length();
        int width = (n + lanes - 1) / lanes * lanes;
        boolean whole = width == n;
        boolean copyB = sbn != 1 || !whole;
        int cSize = whole ? 0 : m * width;
        float[] t = copyB ? scratch(cSize + k * width) : null;
        float[] b = y;
        int bOff = bo;
        int ldb = sbk;
        if (copyB) {
            // B's rows, zero-padded to whole vectors, after C's padded rows in the scratch
            b = t;
            bOff = cSize;
            ldb = width;
            for (int q = 0; q < k; q++) {
                int row = bOff + q * width;
                for (int j = 0; j < n; j++) {
                    b[row + j] = y[bo + q * sbk + j * sbn];
                }
                java.util.Arrays.fill(b, row + n, row + width, 0f);
            }
        }
        float[] c = whole ? z : t;
        int cOff = whole ? co : 0;
        int ldcc = whole ? ldc : width;
        for (int j = 0; j < width; j += lanes) {
            int i = 0;
            for (; i + ROWS <= m; i += ROWS) {
                rows4(x, ao + i * sam, sam, sak, b, bOff + j, ldb, c, cOff + i * ldcc + j, ldcc, k);
            }
            for (; i < m; i++) {
                FloatVector acc = FloatVector.zero(s);
                int xi = ao + i * sam;
                for (int q = 0; q < k; q++) {
                    acc = FloatVector.broadcast(s, x[xi + q * sak]).fma(FloatVector.fromArray(s, b, bOff + q * ldb + j), acc);
                }
                acc.intoArray(c, cOff + i * ldcc + j);
            }
        }
        if (!whole) {
            for (int i = 0; i < m; i++) {
                System.arraycopy(t, i * width, z, co + i * ldc, n);
            }
        }
    }

    /** Reads the species from {@link Simd#F} itself: a species passed in is no constant when this is compiled alone. */
    private static void rows4(float[] x, int xo, int sam, int sak, float[] b, int bo, int ldb,
                              float[] z, int zo, int ldc, int k) {
        VectorSpecies<Float> s = Simd.F;
        FloatVector c0 = FloatVector.zero(s);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        for (int q = 0; q < k; q++) {
            FloatVector bq = FloatVector.fromArray(s, b, bo + q * ldb);
            int xq = xo + q * sak;
            c0 = FloatVector.broadcast(s, x[xq]).fma(bq, c0);
            c1 = FloatVector.broadcast(s, x[xq + sam]).fma(bq, c1);
            c2 = FloatVector.broadcast(s, x[xq + 2 * sam]).fma(bq, c2);
            c3 = FloatVector.broadcast(s, x[xq + 3 * sam]).fma(bq, c3);
        }
        c0.intoArray(z, zo);
        c1.intoArray(z, zo + ldc);
        c2.intoArray(z, zo + 2 * ldc);
        c3.intoArray(z, zo + 3 * ldc);
    }

    private static float[] scratch(int size) {
        float[] t = SCRATCH.get();
        if (t.length < size) {
            t = new float[size];
            SCRATCH.set(t);
        }
        return t;
    }
}
