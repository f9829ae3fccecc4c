// Edit this file, not SmallMatmulScalarD.java: the build generates that FLOAT64 twin from it.
package org.myelin.ops.cpu.simd;

/**
 * Products too small to pay for packing, in scalars: one fused multiply-add chain per element, four
 * elements of a row at a time so that four independent chains hide the FMA latency (each element is
 * still summed in order over k, exactly as one chain alone would). Single-precision products take
 * this path only where the Vector API is off; else {@link SmallMatmulF}, in vectors.
 */
final class SmallMatmulScalarF {
    private SmallMatmulScalarF() {}

    /** C = A B for A (i, q) at {@code ao + i*sam + q*sak}, B (q, j) at {@code bo + q*sbk + j*sbn}, C (i, j) at {@code co + i*ldc + j}. */
    static void product(float[] x, int ao, int sam, int sak, float[] y, int bo, int sbk, int sbn, float[] z, int co,
                        int ldc, int m, int n, int k) {
        for (int i = 0; i < m; i++) {
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                float s0 = 0f;
                float s1 = 0f;
                float s2 = 0f;
                float s3 = 0f;
                int yj = bo + j * sbn;
                for (int q = 0; q < k; q++) {
                    float xv = x[ao + i * sam + q * sak];
                    int yq = yj + q * sbk;
                    s0 = Math.fma(xv, y[yq], s0);
                    s1 = Math.fma(xv, y[yq + sbn], s1);
                    s2 = Math.fma(xv, y[yq + 2 * sbn], s2);
                    s3 = Math.fma(xv, y[yq + 3 * sbn], s3);
                }
                int zi = co + i * ldc + j;
                z[zi] = s0;
                z[zi + 1] = s1;
                z[zi + 2] = s2;
                z[zi + 3] = s3;
            }
            for (; j < n; j++) {
                float s = 0f;
                for (int q = 0; q < k; q++) {
                    s = Math.fma(x[ao + i * sam + q * sak], y[bo + q * sbk + j * sbn], s);
                }
                z[co + i * ldc + j] = s;
            }
        }
    }
}
