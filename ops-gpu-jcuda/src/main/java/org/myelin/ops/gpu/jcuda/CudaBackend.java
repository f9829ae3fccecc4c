package org.myelin.ops.gpu.jcuda;

import java.util.Optional;
import org.myelin.api.DType;
import org.myelin.api.Device;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.spi.Backend;
import org.myelin.api.spi.Buffer;
import org.myelin.api.spi.Kernels;

/**
 * {@code cuda}: tensors in GPU memory and CUDA C kernels, through JCuda. Creating one is cheap and
 * touches no native code; the availability probe runs once per JVM on first use and turns every
 * failure, a missing driver included, into a reason such as {@code libcuda.so.1 not found}.
 */
public final class CudaBackend implements Backend {
    private static final Kernels KERNELS = new Kernels(ElementwiseLaunches.INSTANCE, ElementwiseLaunches.INSTANCE,
            ElementwiseLaunches.INSTANCE, ElementwiseLaunches.INSTANCE, ReductionLaunches.INSTANCE, MatmulLaunches.INSTANCE,
            RandomLaunches.INSTANCE, IndexLaunches.INSTANCE);

    /** Creates the backend; ServiceLoader may instantiate it freely. */
    public CudaBackend() {}

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public String deviceType() {
        return "cuda";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Optional<String> unavailableReason() {
        try {
            return Optional.ofNullable(CudaProbe.verdict().reason());
        } catch (Throwable t) {
            return Optional.of(NativeErrors.shortReason(t));
        }
    }

    @Override
    public String description() {
        CudaProbe.Verdict v = CudaProbe.verdict();
        return v.available() ? v.description() : "CUDA kernels through JCuda 12 (unavailable: " + v.reason() + ")";
    }

    @Override
    public Buffer allocate(DType dtype, long length, Device device) {
        return CudaMemory.allocate(CudaDevices.get(device), dtype, length, true);
    }

    @Override
    public Buffer upload(float[] data, Device device) {
        return CudaMemory.upload(data, CudaDevices.get(device));
    }

    @Override
    public Buffer upload(double[] data, Device device) {
        return CudaMemory.upload(data, CudaDevices.get(device));
    }

    @Override
    public Buffer upload(long[] data, Device device) {
        return CudaMemory.upload(data, CudaDevices.get(device));
    }

    @Override
    public double[] download(Buffer buffer, long offset, int length) {
        if (!(buffer instanceof CudaBuffer b)) {
            throw new InvalidArgumentException("cuda cannot download a buffer on " + buffer.device());
        }
        return CudaMemory.download(b, offset, length);
    }

    @Override
    public Kernels kernels() {
        return KERNELS;
    }

    @Override
    public String toString() {
        return name();
    }
}
