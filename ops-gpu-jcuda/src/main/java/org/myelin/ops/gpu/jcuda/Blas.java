package org.myelin.ops.gpu.jcuda;

import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasStatus;

/**
 * cuBLAS for one device, when its library loads. JCuda 12's binding links {@code libcublas.so.12};
 * where that is missing (a CUDA 13 machine, say) or {@code -Dmyelin.cuda.blas=off} is set, matmul uses
 * the built-in tiled kernel and this object says why.
 */
final class Blas {
    private final cublasHandle handle;
    private final String description;

    private Blas(cublasHandle handle, String description) {
        this.handle = handle;
        this.description = description;
    }

    /** Call with the device's context current. @param index the device @return cuBLAS, or why not */
    static Blas open(int index) {
        if ("off".equalsIgnoreCase(System.getProperty("myelin.cuda.blas", ""))) {
            return new Blas(null, "the built-in tiled kernel (cuBLAS turned off by -Dmyelin.cuda.blas=off)");
        }
        try {
            JCublas2.setExceptionsEnabled(false);
            cublasHandle h = new cublasHandle();
            int status = JCublas2.cublasCreate(h);
            if (status != cublasStatus.CUBLAS_STATUS_SUCCESS) {
                return new Blas(null, "the built-in tiled kernel (cublasCreate on cuda:" + index + " failed with "
                        + cublasStatus.stringFor(status) + ")");
            }
            int[] version = new int[1];
            JCublas2.cublasGetVersion(h, version);
            return new Blas(h, "cuBLAS " + version[0]);
        } catch (Throwable t) {
            return new Blas(null, "the built-in tiled kernel (cuBLAS unavailable: " + NativeErrors.shortReason(t) + ")");
        }
    }

    /** @param why why cuBLAS is not used @return the built-in kernel's stand-in */
    static Blas unavailable(String why) {
        return new Blas(null, "the built-in tiled kernel (" + why + ")");
    }

    /** @return true when cuBLAS is in use */
    boolean available() {
        return handle != null;
    }

    /** @return the handle; only when available */
    cublasHandle handle() {
        return handle;
    }

    /**
     * @param status a cuBLAS status
     * @param what   the operator and call
     */
    static void check(int status, String what) {
        if (status != cublasStatus.CUBLAS_STATUS_SUCCESS) {
            String name = cublasStatus.stringFor(status);
            throw new CudaException(name, "cuda: " + what + " failed with " + name + " (" + status + ")");
        }
    }

    String describe() {
        return description;
    }
}
