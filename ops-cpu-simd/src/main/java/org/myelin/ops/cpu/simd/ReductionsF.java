// Edit this file, not ReductionsD.java: the build generates that FLOAT64 twin from it.
package org.myelin.ops.cpu.simd;

import static jdk.incubator.vector.VectorOperators.MAX;
import static jdk.incubator.vector.VectorOperators.MIN;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.myelin.ops.cpu.simd.SimdReductions.Plan;

/**
 * FLOAT32 reductions of kept elements, for {@link SimdReductions}, which keeps the parts where float
 * and double differ (the blocked float sums) as overloads of {@code sum} and {@code columns}.
 */
// Results are cast back to the element type, which in the FLOAT64 twin is a cast that changes nothing.
@SuppressWarnings("cast")
final class ReductionsF {
    private ReductionsF() {}

    /**
     * Reduces {@code n} kept elements, at {@code xo + i*xs} in x and {@code oo + i*os} in o: all at
     * once with vectors across them when they are contiguous but the reduced region is not.
     */
    static void keptRun(Plan p, float[] x, int xo, int xs, float[] o, int oo, int os, int n) {
        if (p.stride() != 1 && xs == 1 && n >= 4) {
            SimdReductions.columns(p, x, xo, n, o, oo, os);
        } else {
            for (int i = 0; i < n; i++) {
                o[oo + i * os] = (float) p.finish(one(p, x, xo + i * xs));
            }
        }
    }

    /** Reduces the region of one kept element starting at {@code base}. */
    private static double one(Plan p, float[] x, int base) {
        double acc = p.identity();
        for (int run : p.runs()) {
            int o = base + run;
            double v = switch (p.op()) {
                case SUM, MEAN -> SimdReductions.sum(x, o, p.stride(), p.inner());
                case MAX -> extreme(true, x, o, p.stride(), p.inner());
                case MIN -> extreme(false, x, o, p.stride(), p.inner());
            };
            acc = p.combine(acc, v);
        }
        return acc;
    }

    /** Lane MAX/MIN propagate NaN like Math.max/min, so NaN wins as the contract requires. */
    static double extreme(boolean max, float[] x, int off, int stride, int n) {
        float acc = max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        int i = 0;
        if (Simd.ENABLED && stride == 1) {
            VectorSpecies<Float> s = Simd.F;
            int ub = s.loopBound(n);
            if (ub > 0) {
                FloatVector a = FloatVector.broadcast(s, acc);
                if (max) {
                    for (; i < ub; i += s.length()) {
                        a = a.lanewise(MAX, FloatVector.fromArray(s, x, off + i));
                    }
                    acc = a.reduceLanes(MAX);
                } else {
                    for (; i < ub; i += s.length()) {
                        a = a.lanewise(MIN, FloatVector.fromArray(s, x, off + i));
                    }
                    acc = a.reduceLanes(MIN);
                }
            }
        }
        for (; i < n; i++) {
            float v = x[off + i * stride];
            acc = max ? Math.max(acc, v) : Math.min(acc, v);
        }
        return acc;
    }
}
