package org.myelin.distributed;

import org.myelin.api.DType;
import org.myelin.api.Device;
import org.myelin.api.GradMode;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Tensor;

/** The float values of the tensors a collective takes, and writing them back in place. */
final class TensorBuffers {
    private TensorBuffers() {}

    static float[] values(String collective, Tensor t) {
        if (t.dtype() != DType.FLOAT32 || !t.device().equals(Device.CPU)) {
            throw new InvalidArgumentException(collective + ": takes a FLOAT32 tensor on the CPU, got " + t.dtype() + " on "
                    + t.device() + "; move it with to(Device.CPU) and to(DType.FLOAT32) first");
        }
        return t.toFloatArray();
    }

    static void write(Tensor t, float[] values) {
        try (var g = GradMode.noGrad()) {
            t.copyFrom(Tensor.of(values, t.shape().toArray()));
        }
    }
}
