package org.myelin.ops.cpu.simd;

import java.util.Optional;
import org.myelin.api.DType;
import org.myelin.api.Device;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.spi.Backend;
import org.myelin.api.spi.Buffer;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.Kernels;

/**
 * {@code cpu-simd}: the default CPU backend, Vector API kernels with scalar tails. Tensors live in
 * {@link HeapBuffer}s, the type every CPU backend shares, so they move to and from the reference
 * backend without a copy. Available wherever the Vector API initialises; the probe runs once.
 */
public final class CpuSimdBackend implements Backend {
    /**
     * The kernels touch jdk.incubator.vector; held apart so that loading this class (ServiceLoader
     * does) works without the module, and the probe says it is missing rather than a
     * NoClassDefFoundError taking the whole engine down.
     */
    private static final class KernelSet {
        static final Kernels KERNELS = new Kernels(FillCopy.INSTANCE, SimdUnary.INSTANCE, SimdBinary.INSTANCE,
                CompareWhere.INSTANCE, SimdReductions.INSTANCE, SimdMatmul.INSTANCE, RandomFill.INSTANCE, IndexKernels.INSTANCE);
    }

    /** Creates the backend; cheap, so ServiceLoader may instantiate it freely. */
    public CpuSimdBackend() {}

    @Override
    public String name() {
        return "cpu-simd";
    }

    @Override
    public String deviceType() {
        return "cpu";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Optional<String> unavailableReason() {
        try {
            return Optional.ofNullable(Probe.REASON);
        } catch (Throwable t) {
            return Optional.of("Vector API cannot be initialised: " + t);
        }
    }

    /** Holds the probe's verdict; a class of its own so a failed initialisation is caught, not thrown. */
    private static final class Probe {
        static final String REASON = probe();

        private static String probe() {
            if (VectorModule.MISSING != null) {
                return VectorModule.MISSING;
            }
            try {
                return Simd.UNAVAILABLE;
            } catch (Throwable t) {
                return "Vector API cannot be initialised: " + t;
            }
        }
    }

    @Override
    public String description() {
        if (unavailableReason().isPresent()) {
            return unavailableReason().get();
        }
        int t = Parallel.THREADS;
        return Simd.describe() + ", " + t + (t == 1 ? " thread" : " threads");
    }

    @Override
    public Buffer allocate(DType dtype, long length, Device device) {
        checkDevice(device);
        return HeapBuffer.allocate(dtype, length);
    }

    @Override
    public Buffer upload(float[] data, Device device) {
        checkDevice(device);
        return HeapBuffer.wrap(data);
    }

    @Override
    public Buffer upload(double[] data, Device device) {
        checkDevice(device);
        return HeapBuffer.wrap(data);
    }

    @Override
    public Buffer upload(long[] data, Device device) {
        checkDevice(device);
        return HeapBuffer.wrap(data);
    }

    @Override
    public double[] download(Buffer buffer, long offset, int length) {
        HeapBuffer h = HeapBuffer.of(buffer);
        if (offset < 0 || length < 0 || offset + length > h.length()) {
            throw new InvalidArgumentException("download of " + length + " elements at " + offset
                    + " is outside a buffer of " + h.length());
        }
        double[] out = new double[length];
        int o = (int) offset;
        switch (h.dtype()) {
            case FLOAT32 -> {
                float[] a = h.floats();
                for (int i = 0; i < length; i++) {
                    out[i] = a[o + i];
                }
            }
            case FLOAT64 -> System.arraycopy(h.doubles(), o, out, 0, length);
            case INT64 -> {
                long[] a = h.longs();
                for (int i = 0; i < length; i++) {
                    out[i] = a[o + i];
                }
            }
        }
        return out;
    }

    @Override
    public Kernels kernels() {
        return KernelSet.KERNELS;
    }

    private void checkDevice(Device device) {
        if (device != null && !"cpu".equals(device.type())) {
            throw new InvalidArgumentException("cpu-simd allocates on the CPU, not on " + device);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
