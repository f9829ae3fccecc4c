// Edit this file, not SoftmaxD.java: the build generates that FLOAT64 twin from it.
package org.myelin.ops.cpu.simd;

/**
 * One FLOAT32 softmax or log-softmax row, for {@link SimdSoftmax}: in vectors where
 * {@link SimdSoftmax#tryVectors} can, else in scalars, computed in double.
 */
// Results are cast back to the element type, which in the FLOAT64 twin is a cast that changes nothing.
@SuppressWarnings("cast")
final class SoftmaxF {
    private SoftmaxF() {}

    static void row(float[] x, int xo, int xs, float[] o, int oo, int os, int n, boolean log) {
        if (SimdSoftmax.tryVectors(x, xo, xs, o, oo, os, n, log)) {
            return;
        }
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, x[xo + i * xs]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(x[xo + i * xs] - m);
        }
        double ls = Math.log(sum);
        for (int i = 0; i < n; i++) {
            double d = x[xo + i * xs] - m;
            o[oo + i * os] = (float) (log ? d - ls : Math.exp(d) / sum);
        }
    }
}
