package org.myelin.ops.cpu.reference;

import java.util.Map;
import org.myelin.api.Op;
import java.util.Optional;
import org.myelin.api.DType;
import org.myelin.api.Device;
import org.myelin.api.DeviceMismatchException;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.spi.Backend;
import org.myelin.api.spi.Buffer;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.Kernels;
import org.myelin.api.spi.KernelProvider;

/**
 * The reference CPU backend: plain double-precision loops that are obviously right, against which
 * the testkit's {@code BackendConformance} checks every other backend. It has the lowest priority, so the engine
 * picks it only when nothing faster is available or when a user names it ({@code reference}).
 * Its tensors live in {@link HeapBuffer}s, so they move to and from any other CPU backend without a copy.
 */
public final class ReferenceBackend implements Backend {
    private static final ElementwiseKernels ELEMENTWISE = ElementwiseKernels.INSTANCE;
    private final Kernels kernels = new Kernels(ELEMENTWISE, ELEMENTWISE, ELEMENTWISE, ELEMENTWISE,
            ReductionKernels.INSTANCE, MatmulKernel.INSTANCE, RandomKernels.INSTANCE, IndexKernels.INSTANCE);

    /** Creates the backend; it holds no state beyond its kernels. */
    public ReferenceBackend() {}

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public String deviceType() {
        return "cpu";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public String description() {
        return "reference: plain scalar loops in double precision, for checking other backends";
    }

    @Override
    public Buffer allocate(DType dtype, long length, Device device) {
        requireCpu(device);
        return HeapBuffer.allocate(dtype, length);
    }

    // Uploads copy, so a caller that changes its array afterwards does not change the tensor.
    @Override
    public Buffer upload(float[] data, Device device) {
        requireCpu(device);
        return HeapBuffer.wrap(data.clone());
    }

    @Override
    public Buffer upload(double[] data, Device device) {
        requireCpu(device);
        return HeapBuffer.wrap(data.clone());
    }

    @Override
    public Buffer upload(long[] data, Device device) {
        requireCpu(device);
        return HeapBuffer.wrap(data.clone());
    }

    @Override
    public double[] download(Buffer buffer, long offset, int length) {
        HeapBuffer heap = HeapBuffer.of(buffer);
        if (offset < 0 || length < 0 || offset + length > heap.length()) {
            throw new InvalidArgumentException("download of elements " + offset + ".." + (offset + length)
                    + " is outside a buffer of " + heap.length());
        }
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = heap.get(offset + i);
        }
        return out;
    }

    @Override
    public Kernels kernels() {
        return kernels;
    }

    private static void requireCpu(Device device) {
        if (!device.type().equals("cpu")) {
            throw new DeviceMismatchException("the reference backend holds memory on the cpu only, not on " + device);
        }
    }

    /** The reference's fused kernels, the oracle for every pack's. */
    public static final class FusedKernels implements KernelProvider {
        /** Made by ServiceLoader. */
        public FusedKernels() {}

        @Override
        public String backend() {
            return "reference";
        }

        @Override
        public Map<String, Object> kernels() {
            return Map.of(Op.SOFTMAX.name(), ReductionKernels.INSTANCE, Op.LOG_SOFTMAX.name(), ReductionKernels.INSTANCE,
                    Op.SGD_STEP.name(), OptimizerKernels.INSTANCE, Op.ADAM_STEP.name(), OptimizerKernels.INSTANCE,
                    Op.IM2COL.name(), WindowKernels.INSTANCE, Op.COL2IM.name(), WindowKernels.INSTANCE,
                    Op.MAX_POOL2D.name(), WindowKernels.INSTANCE);
        }
    }
}
