package org.myelin.ops.gpu.jcuda;

import java.lang.ref.Cleaner;
import org.myelin.api.DType;
import org.myelin.api.Device;
import org.myelin.api.spi.Buffer;

/**
 * Device memory holding a tensor's elements. It is freed when the garbage collector finds the buffer
 * unreachable (through a {@link Cleaner}), or earlier when the {@link CudaScope} it was made in
 * closes; after that, any kernel given it fails with a message rather than touching freed memory.
 */
final class CudaBuffer implements Buffer {
    private final DType dtype;
    private final long length;
    private final CudaDevice device;
    private final Driver.Memory memory;
    private final CudaMemory.Release release;
    private final Cleaner.Cleanable cleanable;

    CudaBuffer(DType dtype, long length, CudaDevice device, Driver.Memory memory, CudaMemory.Release release) {
        this.dtype = dtype;
        this.length = length;
        this.device = device;
        this.memory = memory;
        this.release = release;
        this.cleanable = CudaMemory.watch(this, release);
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public Device device() {
        return device.device();
    }

    CudaDevice cudaDevice() {
        return device;
    }

    /** @return the bytes it holds */
    long bytes() {
        return length * dtype.byteSize();
    }

    /**
     * @param what the operator that wants the memory, for the message
     * @return the device memory (null for an empty buffer)
     * @throws CudaException when the buffer's scope has already released it
     */
    Driver.Memory memory(String what) {
        if (release.isDone()) {
            throw new CudaException("RELEASED", "cuda: " + what + " was given a " + dtype + " buffer of " + length
                    + " elements that its CudaScope already released; keep tensors used later out of the scope");
        }
        return memory;
    }

    /** Frees the memory now; idempotent. */
    void release() {
        cleanable.clean();
    }

    /** @return true once freed */
    boolean isReleased() {
        return release.isDone();
    }

    @Override
    public String toString() {
        return "CudaBuffer[" + dtype + " x " + length + " on " + device() + (isReleased() ? ", released" : "") + "]";
    }
}
