package org.myelin.ops.gpu.jcuda;

import java.util.Map;
import org.myelin.api.spi.KernelProvider;

/** The softmax kernel of reduce.cu and the optimizer steps of optim.cu, for the operators that ask for them. */
public final class CudaFusedKernels implements KernelProvider {
    /** Made by ServiceLoader. */
    public CudaFusedKernels() {}

    @Override
    public String backend() {
        return "cuda";
    }

    @Override
    public Map<String, Object> kernels() {
        return Map.of("softmax", ReductionLaunches.INSTANCE, "log_softmax", ReductionLaunches.INSTANCE,
                "sgd_step", OptimizerLaunches.INSTANCE, "adam_step", OptimizerLaunches.INSTANCE);
    }
}
