// Edit this file, not FillCopyD.java: the build generates that FLOAT64 twin from it.
package org.myelin.ops.cpu.simd;

import java.util.Arrays;

/** FLOAT32 fill and same-type copies, for {@link FillCopy}. */
final class FillCopyF {
    private FillCopyF() {}

    /** Every element of the walk's one operand becomes v. */
    static void fill(StridedLoops.Walk w, float[] a, float v) {
        StridedLoops.forEachRun(w, 0.5, (off, st, n) -> {
            if (st[0] == 1) {
                Arrays.fill(a, off[0], off[0] + n, v);
            } else {
                for (int i = 0; i < n; i++) {
                    a[off[0] + i * st[0]] = v;
                }
            }
        });
    }

    /** One run: {@code o[dOff + i*ds] = x[so + i*ss]} for i below n. */
    static void copy(float[] x, int so, int ss, float[] o, int dOff, int ds, int n) {
        if (ss == 1 && ds == 1) {
            System.arraycopy(x, so, o, dOff, n);
        } else {
            for (int i = 0; i < n; i++) {
                o[dOff + i * ds] = x[so + i * ss];
            }
        }
    }

    /** One tile of a transposing copy: columns ib..ie-1 of the g rows at dOff (from sOff, by ss). */
    static void transposeTile(float[] x, int[] sOff, int ss, float[] o, int[] dOff, int g, int ib, int ie) {
        for (int j = 0; j < g; j++) {
            for (int i = ib, dj = dOff[j], sj = sOff[j]; i < ie; i++) {
                o[dj + i] = x[sj + i * ss];
            }
        }
    }
}
