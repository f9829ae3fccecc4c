// Edit this file, not GemvD.java: the build generates that FLOAT64 twin from it.
package org.myelin.ops.cpu.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * FLOAT32 matrix-vector products {@code y[i] = sum_q M[i, q] * v[q]} for i in a row range: a matmul
 * with one output row or column, where the GEMM's padded 6 x 2-vector tiles would mostly compute zeros.
 * (A single output row is the transposed problem.) Rows of M with unit stride are vector dot
 * products; columns with unit stride (a transposed M) are vector axpys into an accumulator row.
 * Either way each y[i] is summed in one fixed order, whatever the row range a task gets.
 */
final class GemvF {
    private GemvF() {}

    static void gemv(float[] mat, int mOff, int rs, int cs, float[] vec, int vOff, int vs, float[] y, int yOff, int ys,
                     int i0, int i1, int k) {
        float[] v = vec;
        int vo = vOff;
        if (vs != 1 && k > 1) {
            v = new float[k];
            for (int q = 0; q < k; q++) {
                v[q] = vec[vOff + q * vs];
            }
            vo = 0;
        }
        if (cs == 1 || k == 1) {
            for (int i = i0; i < i1; i++) {
                y[yOff + i * ys] = dot(mat, mOff + i * rs, v, vo, k);
            }
        } else if (rs == 1) {
            int n = i1 - i0;
            float[] acc = new float[n];
            for (int q = 0; q < k; q++) {
                axpy(v[vo + q], mat, mOff + i0 + q * cs, acc, n);
            }
            for (int i = 0; i < n; i++) {
                y[yOff + (i0 + i) * ys] = acc[i];
            }
        } else {
            for (int i = i0; i < i1; i++) {
                float s = 0f;
                for (int q = 0; q < k; q++) {
                    s = Math.fma(mat[mOff + i * rs + q * cs], v[vo + q], s);
                }
                y[yOff + i * ys] = s;
            }
        }
    }

    static float dot(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        float s = 0f;
        if (Simd.ENABLED) {
            VectorSpecies<Float> sp = Simd.F;
            int l = sp.length();
            int ub = sp.loopBound(n);
            FloatVector a0 = FloatVector.zero(sp);
            FloatVector a1 = a0;
            for (; i + 2 * l <= ub; i += 2 * l) {
                a0 = FloatVector.fromArray(sp, x, xo + i).fma(FloatVector.fromArray(sp, y, yo + i), a0);
                a1 = FloatVector.fromArray(sp, x, xo + i + l).fma(FloatVector.fromArray(sp, y, yo + i + l), a1);
            }
            for (; i < ub; i += l) {
                a0 = FloatVector.fromArray(sp, x, xo + i).fma(FloatVector.fromArray(sp, y, yo + i), a0);
            }
            s = VectorMath.sum(a0.add(a1));
        }
        for (; i < n; i++) {
            s = Math.fma(x[xo + i], y[yo + i], s);
        }
        return s;
    }

    /** acc[0..n) += alpha * x[xo..xo+n) */
    static void axpy(float alpha, float[] x, int xo, float[] acc, int n) {
        int i = 0;
        if (Simd.ENABLED) {
            VectorSpecies<Float> sp = Simd.F;
            FloatVector va = FloatVector.broadcast(sp, alpha);
            for (int ub = sp.loopBound(n); i < ub; i += sp.length()) {
                va.fma(FloatVector.fromArray(sp, x, xo + i), FloatVector.fromArray(sp, acc, i)).intoArray(acc, i);
            }
        }
        for (; i < n; i++) {
            acc[i] = Math.fma(alpha, x[xo + i], acc[i]);
        }
    }
}
