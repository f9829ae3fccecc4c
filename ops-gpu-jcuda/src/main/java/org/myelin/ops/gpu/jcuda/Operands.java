package org.myelin.ops.gpu.jcuda;

import java.util.Arrays;
import org.myelin.api.DTypeException;
import org.myelin.api.DeviceMismatchException;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.spi.Strided;

/** Checks shared by the kernels; each message names the kernel and the views. */
final class Operands {
    private Operands() {}

    /**
     * @param kernel the kernel, for messages
     * @param views  its operands (nulls skipped)
     * @return the device they all live on
     * @throws DeviceMismatchException when one is not on that CUDA device
     */
    static CudaDevice device(String kernel, Strided... views) {
        CudaDevice device = null;
        for (Strided v : views) {
            if (v == null) {
                continue;
            }
            if (!(v.buffer() instanceof CudaBuffer b)) {
                throw new DeviceMismatchException("cuda: " + kernel + " got a view on " + v.buffer().device()
                        + "; move every operand to the GPU first (tensor.to(Device.cuda(0)))");
            }
            if (device != null && device != b.cudaDevice()) {
                throw new DeviceMismatchException("cuda: " + kernel + " mixes " + device.device() + " and "
                        + b.cudaDevice().device() + "; move the operands to one device");
            }
            device = b.cudaDevice();
        }
        if (device == null) {
            throw new InvalidArgumentException("cuda: " + kernel + " got no operand");
        }
        return device;
    }
}
