package org.myelin.testkit;

import java.util.Arrays;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.Strided;

/**
 * The reference fused optimizer updates, written as PyTorch's {@code torch.optim.SGD} and
 * {@code Adam}/{@code AdamW} document them, one element at a time in double precision.
 */
final class OptimizerKernels {
    private OptimizerKernels() {}

    static void sgd(Strided param, Strided grad, Strided buffer, double lr, double momentum, double dampening,
                    double weightDecay, boolean nesterov, boolean firstStep) {
        Views.requireShape("sgdStep", "gradient", grad, param.shape());
        boolean useMomentum = momentum != 0;
        if (useMomentum) {
            if (buffer == null) {
                throw new InvalidArgumentException("sgdStep: momentum " + momentum
                        + " needs a momentum buffer of shape " + Arrays.toString(param.shape()));
            }
            Views.requireShape("sgdStep", "momentum buffer", buffer, param.shape());
        }
        HeapBuffer p = Views.heap(param);
        HeapBuffer g = Views.heap(grad);
        HeapBuffer b = useMomentum ? Views.heap(buffer) : null;
        StridedIndex it = useMomentum
                ? StridedIndex.over("sgdStep", param, grad, buffer)
                : StridedIndex.over("sgdStep", param, grad);
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

    static void adam(Strided param, Strided grad, Strided m, Strided v, double lr, double beta1, double beta2,
                     double eps, double weightDecay, boolean decoupled, long step) {
        Views.requireShape("adamStep", "gradient", grad, param.shape());
        Views.requireShape("adamStep", "first moment", m, param.shape());
        Views.requireShape("adamStep", "second moment", v, param.shape());
        if (step < 1) {
            throw new InvalidArgumentException("adamStep: step must count from 1, got " + step);
        }
        double correction1 = 1 - Math.pow(beta1, step);
        double correction2 = 1 - Math.pow(beta2, step);
        HeapBuffer p = Views.heap(param);
        HeapBuffer g = Views.heap(grad);
        HeapBuffer mb = Views.heap(m);
        HeapBuffer vb = Views.heap(v);
        StridedIndex it = StridedIndex.over("adamStep", param, grad, m, v);
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
