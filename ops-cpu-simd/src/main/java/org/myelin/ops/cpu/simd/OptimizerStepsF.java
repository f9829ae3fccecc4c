// Edit this file, not OptimizerStepsD.java: the build generates that FLOAT64 twin from it.
package org.myelin.ops.cpu.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.myelin.ops.cpu.simd.SimdOptimizerSteps.Mode;

/**
 * FLOAT32 SGD and Adam updates over the elements {@code from .. to-1} of contiguous arrays, for
 * {@link SimdOptimizerSteps}: the vector loops, then the same formulas in scalars for the tail (and
 * for all of it without the Vector API).
 */
// Results are cast back to the element type, which in the FLOAT64 twin is a cast that changes nothing.
@SuppressWarnings("cast")
final class OptimizerStepsF {
    private OptimizerStepsF() {}

    static void sgd(Mode mode, float[] p, int po, float[] g, int go, float[] b, int bo, int from, int to,
                    float lr, float mom, float keep, float wd) {
        int i = from;
        if (Simd.ENABLED) {
            VectorSpecies<Float> s = Simd.F;
            int step = s.length();
            int ub = from + s.loopBound(to - from);
            FloatVector vlr = FloatVector.broadcast(s, lr);
            FloatVector vmom = FloatVector.broadcast(s, mom);
            FloatVector vkeep = FloatVector.broadcast(s, keep);
            FloatVector vwd = FloatVector.broadcast(s, wd);
            switch (mode) {
                case PLAIN -> {
                    for (; i < ub; i += step) {
                        FloatVector pv = FloatVector.fromArray(s, p, po + i);
                        FloatVector d = FloatVector.fromArray(s, g, go + i).add(pv.mul(vwd));
                        pv.sub(d.mul(vlr)).intoArray(p, po + i);
                    }
                }
                case FIRST -> {
                    for (; i < ub; i += step) {
                        FloatVector pv = FloatVector.fromArray(s, p, po + i);
                        FloatVector d = FloatVector.fromArray(s, g, go + i).add(pv.mul(vwd));
                        d.intoArray(b, bo + i);
                        pv.sub(d.mul(vlr)).intoArray(p, po + i);
                    }
                }
                case FIRST_NESTEROV -> {
                    for (; i < ub; i += step) {
                        FloatVector pv = FloatVector.fromArray(s, p, po + i);
                        FloatVector d = FloatVector.fromArray(s, g, go + i).add(pv.mul(vwd));
                        d.intoArray(b, bo + i);
                        pv.sub(d.add(d.mul(vmom)).mul(vlr)).intoArray(p, po + i);
                    }
                }
                case LATER -> {
                    for (; i < ub; i += step) {
                        FloatVector pv = FloatVector.fromArray(s, p, po + i);
                        FloatVector d = FloatVector.fromArray(s, g, go + i).add(pv.mul(vwd));
                        FloatVector bv = FloatVector.fromArray(s, b, bo + i).mul(vmom).add(d.mul(vkeep));
                        bv.intoArray(b, bo + i);
                        pv.sub(bv.mul(vlr)).intoArray(p, po + i);
                    }
                }
                case LATER_NESTEROV -> {
                    for (; i < ub; i += step) {
                        FloatVector pv = FloatVector.fromArray(s, p, po + i);
                        FloatVector d = FloatVector.fromArray(s, g, go + i).add(pv.mul(vwd));
                        FloatVector bv = FloatVector.fromArray(s, b, bo + i).mul(vmom).add(d.mul(vkeep));
                        bv.intoArray(b, bo + i);
                        pv.sub(d.add(bv.mul(vmom)).mul(vlr)).intoArray(p, po + i);
                    }
                }
            }
        }
        for (; i < to; i++) {
            float pv = p[po + i];
            float d = g[go + i] + pv * wd;
            if (mode != Mode.PLAIN) {
                float bv = mode == Mode.FIRST || mode == Mode.FIRST_NESTEROV ? d : b[bo + i] * mom + d * keep;
                b[bo + i] = bv;
                d = mode == Mode.FIRST_NESTEROV || mode == Mode.LATER_NESTEROV ? d + bv * mom : bv;
            }
            p[po + i] = pv - d * lr;
        }
    }

    static void adam(boolean decoupled, float[] p, int po, float[] g, int go, float[] m, int mo, float[] v, int vo,
                     int from, int to, float b1, float c1, float b2, float c2, float eps, float wd, float pScale,
                     float stepSize, float bc2Sqrt) {
        int i = from;
        if (Simd.ENABLED) {
            VectorSpecies<Float> s = Simd.F;
            int step = s.length();
            int ub = from + s.loopBound(to - from);
            FloatVector vb1 = FloatVector.broadcast(s, b1);
            FloatVector vc1 = FloatVector.broadcast(s, c1);
            FloatVector vb2 = FloatVector.broadcast(s, b2);
            FloatVector vc2 = FloatVector.broadcast(s, c2);
            FloatVector veps = FloatVector.broadcast(s, eps);
            FloatVector vwd = FloatVector.broadcast(s, wd);
            FloatVector vscale = FloatVector.broadcast(s, pScale);
            FloatVector vstep = FloatVector.broadcast(s, stepSize);
            FloatVector vbc2 = FloatVector.broadcast(s, bc2Sqrt);
            if (decoupled) {
                for (; i < ub; i += step) {
                    FloatVector pv = FloatVector.fromArray(s, p, po + i).mul(vscale);
                    FloatVector gv = FloatVector.fromArray(s, g, go + i);
                    FloatVector mv = FloatVector.fromArray(s, m, mo + i).mul(vb1).add(gv.mul(vc1));
                    FloatVector vv = FloatVector.fromArray(s, v, vo + i).mul(vb2).add(gv.mul(gv).mul(vc2));
                    mv.intoArray(m, mo + i);
                    vv.intoArray(v, vo + i);
                    pv.sub(mv.div(vv.sqrt().div(vbc2).add(veps)).mul(vstep)).intoArray(p, po + i);
                }
            } else {
                for (; i < ub; i += step) {
                    FloatVector pv = FloatVector.fromArray(s, p, po + i);
                    FloatVector gv = FloatVector.fromArray(s, g, go + i).add(pv.mul(vwd));
                    FloatVector mv = FloatVector.fromArray(s, m, mo + i).mul(vb1).add(gv.mul(vc1));
                    FloatVector vv = FloatVector.fromArray(s, v, vo + i).mul(vb2).add(gv.mul(gv).mul(vc2));
                    mv.intoArray(m, mo + i);
                    vv.intoArray(v, vo + i);
                    pv.sub(mv.div(vv.sqrt().div(vbc2).add(veps)).mul(vstep)).intoArray(p, po + i);
                }
            }
        }
        for (; i < to; i++) {
            float pv = p[po + i];
            float gv = g[go + i];
            if (decoupled) {
                pv *= pScale;
            } else {
                gv += pv * wd;
            }
            float mv = m[mo + i] * b1 + gv * c1;
            float vv = v[vo + i] * b2 + gv * gv * c2;
            m[mo + i] = mv;
            v[vo + i] = vv;
            p[po + i] = pv - mv / ((float) Math.sqrt(vv) / bc2Sqrt + eps) * stepSize;
        }
    }
}
