package org.myelin.testkit;

import java.util.Optional;
import java.util.function.Function;
import org.myelin.api.DType;
import org.myelin.api.Device;
import org.myelin.api.spi.Backend;
import org.myelin.api.spi.Buffer;
import org.myelin.api.spi.FusedKernels;
import org.myelin.api.spi.Kernels;

/** The reference backend's memory with other kernels: how tests build a pack that is wrong in one place. */
class SwappedKernelsBackend implements Backend {
    private final Backend memory = KernelPack.reference().backend();
    private final ForwardingKernels families;
    private final Kernels kernels;

    /** @param kernels builds the kernels from the reference pack's */
    SwappedKernelsBackend(Function<KernelPack, ForwardingKernels> kernels) {
        this.families = kernels.apply(KernelPack.reference());
        this.kernels = families.kernels();
    }

    /** @return this backend with the swapped fused kernels too */
    KernelPack pack() {
        return KernelPack.of(this).withFused(FusedKernels.Softmax.class, families)
                .withFused(FusedKernels.SgdStep.class, families).withFused(FusedKernels.AdamStep.class, families);
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
