package org.myelin.ops.gpu.jcuda;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicLong;
import org.myelin.api.DType;
import org.myelin.api.InvalidArgumentException;

/** Allocation, upload and download of device buffers, and their release. */
final class CudaMemory {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicLong LIVE_BYTES = new AtomicLong();

    private CudaMemory() {}

    /**
     * What frees one allocation. It must not refer to the buffer, or the buffer would never become
     * unreachable; it holds only the device and the memory.
     */
    static final class Release implements Runnable {
        private final CudaDevice device;
        private final Driver.Memory memory;
        private final long bytes;
        private volatile boolean done;

        Release(CudaDevice device, Driver.Memory memory, long bytes) {
            this.device = device;
            this.memory = memory;
            this.bytes = bytes;
        }

        @Override
        public void run() {
            done = true;
            if (memory == null) {
                return;
            }
            LIVE_BYTES.addAndGet(-bytes);
            try {
                Driver.current().free(device, memory);
            } catch (Throwable ignored) {
                // At shutdown the driver may be gone already, and the process frees everything anyway.
            }
        }

        boolean isDone() {
            return done;
        }
    }

    /** @return bytes held by live buffers of this JVM, on all devices */
    static long liveBytes() {
        return LIVE_BYTES.get();
    }

    /** @param buffer a new buffer @param release what frees it @return the Cleaner's handle */
    static Cleaner.Cleanable watch(CudaBuffer buffer, Release release) {
        return CLEANER.register(buffer, release);
    }

    /**
     * @param device the device
     * @param dtype  the element type
     * @param length the number of elements
     * @param zero   whether to zero it (uploads overwrite it anyway)
     * @return the buffer
     */
    static CudaBuffer allocate(CudaDevice device, DType dtype, long length, boolean zero) {
        if (length < 0) {
            throw new InvalidArgumentException("cannot allocate " + length + " elements");
        }
        long bytes = Math.multiplyExact(length, (long) dtype.byteSize());
        Driver driver = Driver.current();
        device.makeCurrent();
        Driver.Memory memory = null;
        if (bytes > 0) {
            memory = driver.allocate(device, bytes);
            if (memory == null) {
                // Unreachable buffers wait for the collector; give it one chance to hand their memory back.
                System.gc();
                waitForCleaner();
                memory = driver.allocate(device, bytes);
            }
            if (memory == null) {
                throw new CudaException("CUDA_ERROR_OUT_OF_MEMORY", "cuda: allocate " + bytes + " bytes (" + length + " x "
                        + dtype + ") on " + device.device() + " failed with CUDA_ERROR_OUT_OF_MEMORY, with " + liveBytes()
                        + " bytes held by live buffers; use smaller batches or free tensors early with a CudaScope");
            }
            LIVE_BYTES.addAndGet(bytes);
            if (zero) {
                driver.zero(memory, bytes);
            }
        }
        CudaBuffer buffer = new CudaBuffer(dtype, length, device, memory, new Release(device, memory, bytes));
        CudaScope.adopt(buffer);
        return buffer;
    }

    private static void waitForCleaner() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @param data values @param device where @return a buffer holding them */
    static CudaBuffer upload(float[] data, CudaDevice device) {
        return copyIn(allocate(device, DType.FLOAT32, data.length, false), data);
    }

    /** @param data values @param device where @return a buffer holding them */
    static CudaBuffer upload(double[] data, CudaDevice device) {
        return copyIn(allocate(device, DType.FLOAT64, data.length, false), data);
    }

    /** @param data values @param device where @return a buffer holding them */
    static CudaBuffer upload(long[] data, CudaDevice device) {
        return copyIn(allocate(device, DType.INT64, data.length, false), data);
    }

    private static CudaBuffer copyIn(CudaBuffer b, Object host) {
        if (b.bytes() > 0) {
            Driver.current().copyIn(b.memory("upload"), host, b.bytes());
        }
        return b;
    }

    /**
     * @param b      a buffer
     * @param offset the first element
     * @param length how many
     * @return them as doubles
     */
    static double[] download(CudaBuffer b, long offset, int length) {
        if (offset < 0 || length < 0 || offset + length > b.length()) {
            throw new InvalidArgumentException("download of " + length + " elements at " + offset
                    + " is outside a buffer of " + b.length());
        }
        double[] out = new double[length];
        if (length == 0) {
            return out;
        }
        b.cudaDevice().makeCurrent();
        long size = b.dtype().byteSize();
        Driver driver = Driver.current();
        Driver.Memory memory = b.memory("download");
        switch (b.dtype()) {
            case FLOAT32 -> {
                float[] f = new float[length];
                driver.copyOut(f, memory, offset * size, length * size);
                for (int i = 0; i < length; i++) {
                    out[i] = f[i];
                }
            }
            case FLOAT64 -> driver.copyOut(out, memory, offset * size, length * size);
            case INT64 -> {
                long[] l = new long[length];
                driver.copyOut(l, memory, offset * size, length * size);
                for (int i = 0; i < length; i++) {
                    out[i] = l[i];
                }
            }
        }
        return out;
    }
}
