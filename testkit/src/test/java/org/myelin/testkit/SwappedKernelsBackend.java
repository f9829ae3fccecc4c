package org.myelin.testkit;

import java.util.Optional;
import java.util.function.Function;
import org.myelin.api.DType;
import org.myelin.api.Device;
import org.myelin.api.spi.Backend;
import org.myelin.api.spi.Buffer;
import org.myelin.api.spi.Kernels;

/** The reference backend's memory with other kernels: how tests build a backend that is wrong in one place. */
class SwappedKernelsBackend implements Backend {
    private final Backend memory = new ReferenceBackend();
    private final Kernels kernels;

    /** @param kernels builds the kernels from the reference's */
    SwappedKernelsBackend(Function<Kernels, Kernels> kernels) {
        this.kernels = kernels.apply(memory.kernels());
    }

    @Override public String name() { return "swapped"; }
    @Override public String deviceType() { return "cpu"; }
    @Override public int priority() { return -1; }
    @Override public Optional<String> unavailableReason() { return Optional.empty(); }
    @Override public Buffer allocate(DType d, long n, Device device) { return memory.allocate(d, n, device); }
    @Override public Buffer upload(float[] data, Device device) { return memory.upload(data, device); }
    @Override public Buffer upload(double[] data, Device device) { return memory.upload(data, device); }
    @Override public Buffer upload(long[] data, Device device) { return memory.upload(data, device); }
    @Override public double[] download(Buffer b, long offset, int length) { return memory.download(b, offset, length); }
    @Override public Kernels kernels() { return kernels; }
}
