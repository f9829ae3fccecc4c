package org.myelin.ops.gpu.jcuda;

import org.myelin.api.Device;

/**
 * One GPU: its number, name and compute capability, the driver's handle for its context, and its
 * cuBLAS (opened on first use). Driver calls act on the calling thread's current context, so every
 * entry point calls {@link #makeCurrent()} first; that is what lets any thread, the Cleaner's
 * included, use the device.
 */
final class CudaDevice {
    private final int index;
    private final String name;
    private final int major;
    private final int minor;
    private final long totalBytes;
    private final Object context;
    private volatile Blas blas;

    /**
     * @param index      the device number
     * @param name       the device's name
     * @param major      compute capability, major
     * @param minor      compute capability, minor
     * @param totalBytes its memory
     * @param context    the driver's handle for its context
     */
    CudaDevice(int index, String name, int major, int minor, long totalBytes, Object context) {
        this.index = index;
        this.name = name;
        this.major = major;
        this.minor = minor;
        this.totalBytes = totalBytes;
        this.context = context;
    }

    /** Makes this device's context current on the calling thread. */
    void makeCurrent() {
        Driver.current().makeCurrent(this);
    }

    int index() {
        return index;
    }

    Object context() {
        return context;
    }

    /** @return the Myelin device */
    Device device() {
        return Device.cuda(index);
    }

    int computeMajor() {
        return major;
    }

    int computeMinor() {
        return minor;
    }

    /** @return the device's name, compute capability and memory */
    String describe() {
        return name + ", compute " + major + "." + minor + ", " + (totalBytes >> 30) + " GiB";
    }

    /** @param program a kernel program @return where its code came from: bundled PTX or NVRTC */
    String kernelOrigin(String program) {
        return Driver.current().kernelOrigin(this, program);
    }

    /** @return cuBLAS for this device, or the reason it is not used */
    Blas blas() {
        Blas b = blas;
        if (b == null) {
            synchronized (this) {
                if (blas == null) {
                    makeCurrent();
                    blas = Driver.current().openBlas(this);
                }
                b = blas;
            }
        }
        return b;
    }

    /** @return what runs float matmuls: cuBLAS with its version, or the built-in kernel and why */
    String matmulEngine() {
        return blas().describe();
    }
}
