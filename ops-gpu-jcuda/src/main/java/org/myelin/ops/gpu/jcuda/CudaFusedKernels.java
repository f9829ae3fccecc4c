package org.myelin.ops.gpu.jcuda;

import java.util.Map;
import org.myelin.api.Op;
import org.myelin.api.spi.KernelProvider;

/** The softmax kernel of reduce.cu, the optimizer steps of optim.cu and im2col, col2im and max-pooling of window.cu, for the operators that ask for them. */
public final class CudaFusedKernels implements KernelProvider {
    /** Made by ServiceLoader. */
    public CudaFusedKernels() {}

    @Override
    public String backend() {
        return "cuda";
    }

    @Override
    public Map<String, Object> kernels() {
        return Map.of(Op.SOFTMAX.name(), ReductionLaunches.INSTANCE, Op.LOG_SOFTMAX.name(), ReductionLaunches.INSTANCE,
                Op.SGD_STEP.name(), OptimizerLaunches.INSTANCE, Op.ADAM_STEP.name(), OptimizerLaunches.INSTANCE,
                Op.IM2COL.name(), WindowLaunches.INSTANCE, Op.COL2IM.name(), WindowLaunches.INSTANCE,
                Op.MAX_POOL2D.name(), WindowLaunches.INSTANCE);
    }
}
