package org.myelin.ops.cpu.simd;

import java.util.Map;
import org.myelin.api.Op;
import org.myelin.api.spi.KernelProvider;

/** This pack's fused kernels, for the built-in operators that ask for them. */
public final class SimdFusedKernels implements KernelProvider {
    /** Made by ServiceLoader. */
    public SimdFusedKernels() {}

    @Override
    public String backend() {
        return "cpu-simd";
    }

    @Override
    public Map<String, Object> kernels() {
        if (VectorModule.MISSING != null) {
            return Map.of(); // the backend reports why; its kernels would not load
        }
        return Map.of(Op.SOFTMAX.name(), SimdSoftmax.INSTANCE, Op.LOG_SOFTMAX.name(), SimdSoftmax.INSTANCE,
                Op.SGD_STEP.name(), SimdOptimizerSteps.INSTANCE, Op.ADAM_STEP.name(), SimdOptimizerSteps.INSTANCE,
                Op.IM2COL.name(), SimdWindows.INSTANCE, Op.COL2IM.name(), SimdWindows.INSTANCE,
                Op.MAX_POOL2D.name(), SimdWindows.INSTANCE);
    }
}
