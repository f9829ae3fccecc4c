package org.myelin.ops.gpu.jcuda;

import java.util.Arrays;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.spi.Strided;

/** The fused SGD and Adam/AdamW steps of optim.cu, in place. */
final class OptimizerLaunches {
    private static final String PROGRAM = "optim";

    private OptimizerLaunches() {}

    static void sgd(Strided param, Strided grad, Strided buffer, double lr, double momentum, double dampening,
                    double weightDecay, boolean nesterov, boolean firstStep) {
        Operands.requireShape("sgdStep", "gradient", grad, param.shape());
        boolean useMomentum = momentum != 0;
        if (useMomentum) {
            if (buffer == null) {
                throw new InvalidArgumentException("sgdStep: momentum " + momentum
                        + " needs a momentum buffer of shape " + Arrays.toString(param.shape()));
            }
            Operands.requireShape("sgdStep", "momentum buffer", buffer, param.shape());
        }
        CudaDevice d = Operands.device("sgdStep", param, grad, useMomentum ? buffer : null);
        Geometry g = useMomentum ? Geometry.over("sgdStep", param.shape(), param, grad, buffer)
                : Geometry.over("sgdStep", param.shape(), param, grad);
        // Without momentum the kernel never touches the buffer argument; the gradient stands in for it.
        Object bufferArg = useMomentum ? buffer.buffer() : grad.buffer();
        Launch.elementwise(d, PROGRAM, "sgd_kernel", "sgdStep", g.count(), g, param.buffer(), grad.buffer(), bufferArg,
                lr, momentum, dampening, weightDecay, nesterov ? 1 : 0, firstStep ? 1 : 0, useMomentum ? 1 : 0);
    }

    static void adam(Strided param, Strided grad, Strided m, Strided v, double lr, double beta1, double beta2,
                     double eps, double weightDecay, boolean decoupled, long step) {
        Operands.requireShape("adamStep", "gradient", grad, param.shape());
        Operands.requireShape("adamStep", "first moment", m, param.shape());
        Operands.requireShape("adamStep", "second moment", v, param.shape());
        if (step < 1) {
            throw new InvalidArgumentException("adamStep: step must count from 1, got " + step);
        }
        CudaDevice d = Operands.device("adamStep", param, grad, m, v);
        Geometry g = Geometry.over("adamStep", param.shape(), param, grad, m, v);
        double correction1 = 1 - Math.pow(beta1, step);
        double correction2 = 1 - Math.pow(beta2, step);
        Launch.elementwise(d, PROGRAM, "adam_kernel", "adamStep", g.count(), g, param.buffer(), grad.buffer(), m.buffer(),
                v.buffer(), lr, beta1, beta2, eps, weightDecay, decoupled ? 1 : 0, correction1, correction2);
    }
}
