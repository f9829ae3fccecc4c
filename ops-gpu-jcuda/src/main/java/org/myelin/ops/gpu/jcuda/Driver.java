package org.myelin.ops.gpu.jcuda;

/**
 * Everything the pack asks of the CUDA driver, in one place: devices, memory, kernel launches. The
 * pack runs on {@link JCudaCalls}; a test installs a host emulation (the same CUDA C compiled for the
 * CPU) through {@link #use}, so the Java side and the kernels' logic run the conformance suite on a
 * machine without a GPU.
 */
interface Driver {

    /** Device memory as the driver knows it. */
    interface Memory {}

    /** @return the verdict of probing this driver (reason null when it can run) */
    CudaProbe.Verdict probe();

    /** @param index a device number @return it, opened */
    CudaDevice open(int index);

    /** @param device makes its context current on the calling thread */
    void makeCurrent(CudaDevice device);

    /**
     * @param device where
     * @param bytes  how much, more than 0
     * @return the memory, or null when the device is out of memory
     */
    Memory allocate(CudaDevice device, long bytes);

    /** @param device where it lives @param memory memory to free; must not throw */
    void free(CudaDevice device, Memory memory);

    /** @param memory memory @param bytes how many bytes to zero from its start */
    void zero(Memory memory, long bytes);

    /** @param memory destination @param host a float[], double[] or long[] @param bytes how many */
    void copyIn(Memory memory, Object host, long bytes);

    /** @param host a float[], double[] or long[] @param memory source @param byteOffset where to start @param bytes how many */
    void copyOut(Object host, Memory memory, long byteOffset, long bytes);

    /**
     * @param device  the device
     * @param program the kernel program
     * @param kernel  the kernel
     * @param what    the operator, for errors
     * @param gridX   blocks along x
     * @param gridY   blocks along y
     * @param threads threads per block
     * @param args    the arguments, converted as {@link Launch} describes
     */
    void launch(CudaDevice device, String program, String kernel, String what, int gridX, int gridY, int threads,
                Object[] args);

    /** @param what the step, for errors: waits for every launched kernel */
    void synchronize(String what);

    /** @param device the device @return cuBLAS for it, or why not */
    Blas openBlas(CudaDevice device);

    /** @param device the device @param program a program @return where its code comes from */
    String kernelOrigin(CudaDevice device, String program);

    /** @return the driver in use */
    static Driver current() {
        return Holder.current;
    }

    /** Installs another driver; for tests, before the first use of the backend in the JVM. */
    static void use(Driver driver) {
        Holder.current = driver;
    }

    /** Holds the installed driver. */
    final class Holder {
        static volatile Driver current = new JCudaCalls();

        private Holder() {}
    }
}
