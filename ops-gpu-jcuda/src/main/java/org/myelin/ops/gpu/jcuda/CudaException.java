package org.myelin.ops.gpu.jcuda;

import jcuda.driver.CUresult;
import org.myelin.api.MyelinException;

/**
 * A CUDA call that failed: the message names the CUDA error (such as {@code CUDA_ERROR_OUT_OF_MEMORY})
 * and the operator or kernel that made the call, so a user can tell what went wrong where.
 */
public final class CudaException extends MyelinException {
    private static final long serialVersionUID = 1L;

    /** Set when every launch is followed by a synchronize, so an error names the kernel that caused it. */
    static final boolean SYNCHRONOUS = Boolean.getBoolean("myelin.cuda.sync");

    private final String cudaError;

    CudaException(String cudaError, String message) {
        super(message);
        this.cudaError = cudaError;
    }

    /** @return the CUDA error's name, such as {@code CUDA_ERROR_LAUNCH_FAILED} */
    public String cudaError() {
        return cudaError;
    }

    /**
     * @param result a driver API result
     * @param what   the operator and step, such as {@code matmul: launch sgemm_kernel}
     * @throws CudaException unless the result is CUDA_SUCCESS
     */
    static void check(int result, String what) {
        if (result != CUresult.CUDA_SUCCESS) {
            throw fromDriver(result, what);
        }
    }

    /**
     * @param result a failed driver API result
     * @param what   the operator and step
     * @return the exception to throw
     */
    static CudaException fromDriver(int result, String what) {
        String name = CUresult.stringFor(result);
        String hint = SYNCHRONOUS || result == CUresult.CUDA_ERROR_OUT_OF_MEMORY ? ""
                : "; kernels run asynchronously, so an earlier launch may be the cause: run with -Dmyelin.cuda.sync=true"
                        + " to stop at the first failing kernel";
        return new CudaException(name, "cuda: " + what + " failed with " + name + " (" + result + ")" + hint);
    }
}
