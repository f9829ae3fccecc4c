package org.myelin.ops.cpu.simd;

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
 * tails and the scalar fallback compute the same formulas. Work splits over the pool by ranges;
 * {@link OptimizerStepsF} and its generated twin {@link OptimizerStepsD} run each range.
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
    enum Mode { PLAIN, FIRST, FIRST_NESTEROV, LATER, LATER_NESTEROV }

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
            ranges(n, 4, (from, to) -> OptimizerStepsF.sgd(mode, p, po, g, go, b, bo, from, to, (float) lr, (float) momentum,
                    (float) (1 - dampening), (float) weightDecay));
        } else {
            double[] p = HeapBuffer.of(param.buffer()).doubles();
            double[] g = HeapBuffer.of(grad.buffer()).doubles();
            double[] b = mode == Mode.PLAIN ? null : HeapBuffer.of(buf.buffer()).doubles();
            ranges(n, 4, (from, to) -> OptimizerStepsD.sgd(mode, p, po, g, go, b, bo, from, to, lr, momentum, 1 - dampening, weightDecay));
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
            ranges(n, 8, (from, to) -> OptimizerStepsF.adam(decoupled, p, po, g, go, ma, mo, va, vo, from, to, (float) beta1,
                    (float) (1 - beta1), (float) beta2, (float) (1 - beta2), (float) eps, (float) weightDecay,
                    (float) pScale, (float) stepSize, (float) bc2Sqrt));
        } else {
            double[] p = HeapBuffer.of(param.buffer()).doubles();
            double[] g = HeapBuffer.of(grad.buffer()).doubles();
            double[] ma = HeapBuffer.of(m.buffer()).doubles();
            double[] va = HeapBuffer.of(v.buffer()).doubles();
            ranges(n, 8, (from, to) -> OptimizerStepsD.adam(decoupled, p, po, g, go, ma, mo, va, vo, from, to, beta1, 1 - beta1, beta2,
                    1 - beta2, eps, weightDecay, pScale, stepSize, bc2Sqrt));
        }
    }
}
