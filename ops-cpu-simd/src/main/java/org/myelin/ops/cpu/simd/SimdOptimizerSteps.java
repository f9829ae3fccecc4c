package org.myelin.ops.cpu.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.myelin.api.DType;
import org.myelin.api.DTypeException;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.FusedKernels;
import org.myelin.api.spi.Strided;

/**
 * Fused SGD and Adam updates: one pass over parameter, gradient and state, in vectors. Each option
 * that changes the formula (momentum on its first step or later, Nesterov, AdamW's decoupled decay)
 * picks its own loop outside the hot loop, so no vector value crosses a branch. Weight decay is
 * always applied, as the reference does (0 changes nothing for finite parameters). The scalar
 * tails and the scalar fallback compute the same formulas. Work splits over the pool by ranges.
 */
final class SimdOptimizerSteps implements FusedKernels.SgdStep, FusedKernels.AdamStep {
    static final SimdOptimizerSteps INSTANCE = new SimdOptimizerSteps();

    private SimdOptimizerSteps() {}

    private static void check(String op, Strided param, Strided... others) {
        if (!param.dtype().isFloatingPoint()) {
            throw new DTypeException(op + ": parameters must be FLOAT32 or FLOAT64, got " + param.dtype());
        }
        for (Strided s : others) {
            if (s != null && (s.dtype() != param.dtype() || s.numel() != param.numel())) {
                throw new InvalidArgumentException(op + ": every tensor must match the parameter " + param + ", got " + s);
            }
        }
        for (Strided s : others) {
            if (s != null && !s.isContiguous()) {
                throw new InvalidArgumentException(op + " needs contiguous tensors, got " + s);
            }
        }
        if (!param.isContiguous()) {
            throw new InvalidArgumentException(op + " needs contiguous tensors, got " + param);
        }
    }

    /** Runs {@code range(from, to)} over 0..n, split over the pool when large. */
    private static void ranges(long n, double costPerElement, Range range) {
        int tasks = (int) Math.max(1, Math.min(n / 64, Parallel.tasksFor(n * costPerElement, StridedLoops.GRAIN)));
        Parallel.forEach(tasks, t -> range.run((int) (n * t / tasks), (int) (n * (t + 1) / tasks)));
    }

    @FunctionalInterface
    private interface Range {
        void run(int from, int to);
    }

    /** How SGD's momentum applies: none, the first step (buffer = g), later steps, each plain or Nesterov. */
    private enum Mode { PLAIN, FIRST, FIRST_NESTEROV, LATER, LATER_NESTEROV }

    @Override
    public void sgdStep(Strided param, Strided grad, Strided buf, double lr, double momentum, double dampening,
                    double weightDecay, boolean nesterov, boolean firstStep) {
        check("sgdStep", param, grad, buf);
        if (momentum != 0 && buf == null) {
            throw new InvalidArgumentException("sgdStep: momentum " + momentum + " needs a momentum buffer");
        }
        Mode mode = momentum == 0 ? Mode.PLAIN
                : firstStep ? (nesterov ? Mode.FIRST_NESTEROV : Mode.FIRST)
                : (nesterov ? Mode.LATER_NESTEROV : Mode.LATER);
        long n = param.numel();
        int po = (int) param.offset();
        int go = (int) grad.offset();
        int bo = buf == null ? 0 : (int) buf.offset();
        if (param.dtype() == DType.FLOAT32) {
            float[] p = HeapBuffer.of(param.buffer()).floats();
            float[] g = HeapBuffer.of(grad.buffer()).floats();
            float[] b = mode == Mode.PLAIN ? null : HeapBuffer.of(buf.buffer()).floats();
            ranges(n, 4, (from, to) -> sgdF(mode, p, po, g, go, b, bo, from, to, (float) lr, (float) momentum,
                    (float) (1 - dampening), (float) weightDecay));
        } else {
            double[] p = HeapBuffer.of(param.buffer()).doubles();
            double[] g = HeapBuffer.of(grad.buffer()).doubles();
            double[] b = mode == Mode.PLAIN ? null : HeapBuffer.of(buf.buffer()).doubles();
            ranges(n, 4, (from, to) -> sgdD(mode, p, po, g, go, b, bo, from, to, lr, momentum, 1 - dampening, weightDecay));
        }
    }

    private static void sgdF(Mode mode, float[] p, int po, float[] g, int go, float[] b, int bo, int from, int to,
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

    private static void sgdD(Mode mode, double[] p, int po, double[] g, int go, double[] b, int bo, int from, int to,
                             double lr, double mom, double keep, double wd) {
        int i = from;
        if (Simd.ENABLED) {
            VectorSpecies<Double> s = Simd.D;
            int step = s.length();
            int ub = from + s.loopBound(to - from);
            DoubleVector vlr = DoubleVector.broadcast(s, lr);
            DoubleVector vmom = DoubleVector.broadcast(s, mom);
            DoubleVector vkeep = DoubleVector.broadcast(s, keep);
            DoubleVector vwd = DoubleVector.broadcast(s, wd);
            switch (mode) {
                case PLAIN -> {
                    for (; i < ub; i += step) {
                        DoubleVector pv = DoubleVector.fromArray(s, p, po + i);
                        DoubleVector d = DoubleVector.fromArray(s, g, go + i).add(pv.mul(vwd));
                        pv.sub(d.mul(vlr)).intoArray(p, po + i);
                    }
                }
                case FIRST -> {
                    for (; i < ub; i += step) {
                        DoubleVector pv = DoubleVector.fromArray(s, p, po + i);
                        DoubleVector d = DoubleVector.fromArray(s, g, go + i).add(pv.mul(vwd));
                        d.intoArray(b, bo + i);
                        pv.sub(d.mul(vlr)).intoArray(p, po + i);
                    }
                }
                case FIRST_NESTEROV -> {
                    for (; i < ub; i += step) {
                        DoubleVector pv = DoubleVector.fromArray(s, p, po + i);
                        DoubleVector d = DoubleVector.fromArray(s, g, go + i).add(pv.mul(vwd));
                        d.intoArray(b, bo + i);
                        pv.sub(d.add(d.mul(vmom)).mul(vlr)).intoArray(p, po + i);
                    }
                }
                case LATER -> {
                    for (; i < ub; i += step) {
                        DoubleVector pv = DoubleVector.fromArray(s, p, po + i);
                        DoubleVector d = DoubleVector.fromArray(s, g, go + i).add(pv.mul(vwd));
                        DoubleVector bv = DoubleVector.fromArray(s, b, bo + i).mul(vmom).add(d.mul(vkeep));
                        bv.intoArray(b, bo + i);
                        pv.sub(bv.mul(vlr)).intoArray(p, po + i);
                    }
                }
                case LATER_NESTEROV -> {
                    for (; i < ub; i += step) {
                        DoubleVector pv = DoubleVector.fromArray(s, p, po + i);
                        DoubleVector d = DoubleVector.fromArray(s, g, go + i).add(pv.mul(vwd));
                        DoubleVector bv = DoubleVector.fromArray(s, b, bo + i).mul(vmom).add(d.mul(vkeep));
                        bv.intoArray(b, bo + i);
                        pv.sub(d.add(bv.mul(vmom)).mul(vlr)).intoArray(p, po + i);
                    }
                }
            }
        }
        for (; i < to; i++) {
            double pv = p[po + i];
            double d = g[go + i] + pv * wd;
            if (mode != Mode.PLAIN) {
                double bv = mode == Mode.FIRST || mode == Mode.FIRST_NESTEROV ? d : b[bo + i] * mom + d * keep;
                b[bo + i] = bv;
                d = mode == Mode.FIRST_NESTEROV || mode == Mode.LATER_NESTEROV ? d + bv * mom : bv;
            }
            p[po + i] = pv - d * lr;
        }
    }

    @Override
    public void adamStep(Strided param, Strided grad, Strided m, Strided v, double lr, double beta1, double beta2,
                     double eps, double weightDecay, boolean decoupled, long step) {
        if (m == null || v == null) {
            throw new InvalidArgumentException("adamStep needs both moment buffers");
        }
        if (step < 1) {
            throw new InvalidArgumentException("adamStep: step must count from 1, got " + step);
        }
        check("adamStep", param, grad, m, v);
        long n = param.numel();
        int po = (int) param.offset();
        int go = (int) grad.offset();
        int mo = (int) m.offset();
        int vo = (int) v.offset();
        // PyTorch's form: p -= (lr / bc1) * m / (sqrt(v) / sqrt(bc2) + eps)
        double stepSize = lr / (1 - Math.pow(beta1, step));
        double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
        double pScale = decoupled ? 1 - lr * weightDecay : 1;
        if (param.dtype() == DType.FLOAT32) {
            float[] p = HeapBuffer.of(param.buffer()).floats();
            float[] g = HeapBuffer.of(grad.buffer()).floats();
            float[] ma = HeapBuffer.of(m.buffer()).floats();
            float[] va = HeapBuffer.of(v.buffer()).floats();
            ranges(n, 8, (from, to) -> adamF(decoupled, p, po, g, go, ma, mo, va, vo, from, to, (float) beta1,
                    (float) (1 - beta1), (float) beta2, (float) (1 - beta2), (float) eps, (float) weightDecay,
                    (float) pScale, (float) stepSize, (float) bc2Sqrt));
        } else {
            double[] p = HeapBuffer.of(param.buffer()).doubles();
            double[] g = HeapBuffer.of(grad.buffer()).doubles();
            double[] ma = HeapBuffer.of(m.buffer()).doubles();
            double[] va = HeapBuffer.of(v.buffer()).doubles();
            ranges(n, 8, (from, to) -> adamD(decoupled, p, po, g, go, ma, mo, va, vo, from, to, beta1, 1 - beta1, beta2,
                    1 - beta2, eps, weightDecay, pScale, stepSize, bc2Sqrt));
        }
    }

    private static void adamF(boolean decoupled, float[] p, int po, float[] g, int go, float[] m, int mo, float[] v, int vo,
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

    private static void adamD(boolean decoupled, double[] p, int po, double[] g, int go, double[] m, int mo, double[] v,
                              int vo, int from, int to, double b1, double c1, double b2, double c2, double eps, double wd,
                              double pScale, double stepSize, double bc2Sqrt) {
        int i = from;
        if (Simd.ENABLED) {
            VectorSpecies<Double> s = Simd.D;
            int step = s.length();
            int ub = from + s.loopBound(to - from);
            DoubleVector vb1 = DoubleVector.broadcast(s, b1);
            DoubleVector vc1 = DoubleVector.broadcast(s, c1);
            DoubleVector vb2 = DoubleVector.broadcast(s, b2);
            DoubleVector vc2 = DoubleVector.broadcast(s, c2);
            DoubleVector veps = DoubleVector.broadcast(s, eps);
            DoubleVector vwd = DoubleVector.broadcast(s, wd);
            DoubleVector vscale = DoubleVector.broadcast(s, pScale);
            DoubleVector vstep = DoubleVector.broadcast(s, stepSize);
            DoubleVector vbc2 = DoubleVector.broadcast(s, bc2Sqrt);
            if (decoupled) {
                for (; i < ub; i += step) {
                    DoubleVector pv = DoubleVector.fromArray(s, p, po + i).mul(vscale);
                    DoubleVector gv = DoubleVector.fromArray(s, g, go + i);
                    DoubleVector mv = DoubleVector.fromArray(s, m, mo + i).mul(vb1).add(gv.mul(vc1));
                    DoubleVector vv = DoubleVector.fromArray(s, v, vo + i).mul(vb2).add(gv.mul(gv).mul(vc2));
                    mv.intoArray(m, mo + i);
                    vv.intoArray(v, vo + i);
                    pv.sub(mv.div(vv.sqrt().div(vbc2).add(veps)).mul(vstep)).intoArray(p, po + i);
                }
            } else {
                for (; i < ub; i += step) {
                    DoubleVector pv = DoubleVector.fromArray(s, p, po + i);
                    DoubleVector gv = DoubleVector.fromArray(s, g, go + i).add(pv.mul(vwd));
                    DoubleVector mv = DoubleVector.fromArray(s, m, mo + i).mul(vb1).add(gv.mul(vc1));
                    DoubleVector vv = DoubleVector.fromArray(s, v, vo + i).mul(vb2).add(gv.mul(gv).mul(vc2));
                    mv.intoArray(m, mo + i);
                    vv.intoArray(v, vo + i);
                    pv.sub(mv.div(vv.sqrt().div(vbc2).add(veps)).mul(vstep)).intoArray(p, po + i);
                }
            }
        }
        for (; i < to; i++) {
            double pv = p[po + i];
            double gv = g[go + i];
            if (decoupled) {
                pv *= pScale;
            } else {
                gv += pv * wd;
            }
            double mv = m[mo + i] * b1 + gv * c1;
            double vv = v[vo + i] * b2 + gv * gv * c2;
            m[mo + i] = mv;
            v[vo + i] = vv;
            p[po + i] = pv - mv / (Math.sqrt(vv) / bc2Sqrt + eps) * stepSize;
        }
    }
}
