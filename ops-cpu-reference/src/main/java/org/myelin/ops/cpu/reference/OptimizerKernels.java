package org.myelin.ops.cpu.reference;

import org.myelin.api.spi.FusedKernels;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.KernelChecks;
import org.myelin.api.spi.Strided;
import org.myelin.api.spi.StridedWalk;

/**
 * The reference fused optimizer updates, written as PyTorch's {@code torch.optim.SGD} and
 * {@code Adam}/{@code AdamW} document them, one element at a time in double precision.
 */
final class OptimizerKernels implements FusedKernels.SgdStep, FusedKernels.AdamStep {
    static final OptimizerKernels INSTANCE = new OptimizerKernels();

    private OptimizerKernels() {}

    @Override
    public void sgdStep(Strided param, Strided grad, Strided buffer, double lr, double momentum, double dampening,
                    double weightDecay, boolean nesterov, boolean firstStep) {
        boolean useMomentum = KernelChecks.sgdOperands(param, grad, buffer, momentum);
        HeapBuffer p = HeapBuffer.of(param.buffer());
        HeapBuffer g = HeapBuffer.of(grad.buffer());
        HeapBuffer b = useMomentum ? HeapBuffer.of(buffer.buffer()) : null;
        StridedWalk it = useMomentum
                ? StridedWalk.over("sgdStep", param, grad, buffer)
                : StridedWalk.over("sgdStep", param, grad);
        for (long n = it.count(); n > 0; n--, it.next()) {
            double pv = p.get(it.position(0));
            double d = g.get(it.position(1)) + weightDecay * pv;
            if (useMomentum) {
                long bi = it.position(2);
                double bv = firstStep ? d : momentum * b.get(bi) + (1 - dampening) * d;
                b.set(bi, bv);
                // The update uses the buffer as stored, so a FLOAT32 buffer steps exactly as it is kept.
                bv = b.get(bi);
                d = nesterov ? d + momentum * bv : bv;
            }
            p.set(it.position(0), pv - lr * d);
        }
    }

    @Override
    public void adamStep(Strided param, Strided grad, Strided m, Strided v, double lr, double beta1, double beta2,
                     double eps, double weightDecay, boolean decoupled, long step) {
        KernelChecks.adamOperands(param, grad, m, v, step);
        double correction1 = 1 - Math.pow(beta1, step);
        double correction2 = 1 - Math.pow(beta2, step);
        HeapBuffer p = HeapBuffer.of(param.buffer());
        HeapBuffer g = HeapBuffer.of(grad.buffer());
        HeapBuffer mb = HeapBuffer.of(m.buffer());
        HeapBuffer vb = HeapBuffer.of(v.buffer());
        StridedWalk it = StridedWalk.over("adamStep", param, grad, m, v);
        for (long n = it.count(); n > 0; n--, it.next()) {
            double pv = p.get(it.position(0));
            double gv = g.get(it.position(1));
            if (decoupled) {
                pv *= 1 - lr * weightDecay;
            } else {
                gv += weightDecay * pv;
            }
            double mv = beta1 * mb.get(it.position(2)) + (1 - beta1) * gv;
            double vv = beta2 * vb.get(it.position(3)) + (1 - beta2) * gv * gv;
            mb.set(it.position(2), mv);
            vb.set(it.position(3), vv);
            double mHat = mb.get(it.position(2)) / correction1;
            double vHat = vb.get(it.position(3)) / correction2;
            p.set(it.position(0), pv - lr * mHat / (Math.sqrt(vHat) + eps));
        }
    }
}
