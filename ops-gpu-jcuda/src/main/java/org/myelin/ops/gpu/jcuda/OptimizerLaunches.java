package org.myelin.ops.gpu.jcuda;

import java.util.Arrays;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.spi.KernelChecks;
import org.myelin.api.spi.Kernels;
import org.myelin.api.spi.FusedKernels;
import org.myelin.api.spi.Strided;

/** The fused SGD and Adam/AdamW steps of optim.cu, in place. */
final class OptimizerLaunches implements FusedKernels.SgdStep, FusedKernels.AdamStep {
    static final OptimizerLaunches INSTANCE = new OptimizerLaunches();
    private static final String PROGRAM = "optim";

    private OptimizerLaunches() {}

    @Override
    public void sgdStep(Strided param, Strided grad, Strided buffer, double lr, double momentum, double dampening,
                    double weightDecay, boolean nesterov, boolean firstStep) {
        boolean useMomentum = KernelChecks.sgdOperands(param, grad, buffer, momentum);
        CudaDevice d = Operands.device("sgdStep", param, grad, useMomentum ? buffer : null);
        Geometry g = useMomentum ? Geometry.over("sgdStep", param.shape(), param, grad, buffer)
                : Geometry.over("sgdStep", param.shape(), param, grad);
        // Without momentum the kernel never touches the buffer argument; the gradient stands in for it.
        Object bufferArg = useMomentum ? buffer.buffer() : grad.buffer();
        Launch.elementwise(d, PROGRAM, "sgd_kernel", "sgdStep", g.count(), g, param.buffer(), grad.buffer(), bufferArg,
                lr, momentum, dampening, weightDecay, nesterov ? 1 : 0, firstStep ? 1 : 0, useMomentum ? 1 : 0);
    }

    @Override
    public void adamStep(Strided param, Strided grad, Strided m, Strided v, double lr, double beta1, double beta2,
                     double eps, double weightDecay, boolean decoupled, long step) {
        KernelChecks.adamOperands(param, grad, m, v, step);
        CudaDevice d = Operands.device("adamStep", param, grad, m, v);
        Geometry g = Geometry.over("adamStep", param.shape(), param, grad, m, v);
        double correction1 = 1 - Math.pow(beta1, step);
        double correction2 = 1 - Math.pow(beta2, step);
        Launch.elementwise(d, PROGRAM, "adam_kernel", "adamStep", g.count(), g, param.buffer(), grad.buffer(), m.buffer(),
                v.buffer(), lr, beta1, beta2, eps, weightDecay, decoupled ? 1 : 0, correction1, correction2);
    }
}
