package org.myelin.ops.gpu.jcuda;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jcuda.driver.CUresult;
import jcuda.jcublas.cublasStatus;
import org.junit.jupiter.api.Test;
import org.myelin.api.MyelinException;

/** CUDA and cuBLAS errors become MyelinExceptions that name the error and the operator. */
class CudaExceptionTest {

    @Test
    void successPasses() {
        assertDoesNotThrow(() -> CudaException.check(CUresult.CUDA_SUCCESS, "fill: launch fill_kernel"));
    }

    @Test
    void driverErrorNamesErrorAndOperator() {
        CudaException e = assertThrows(CudaException.class,
                () -> CudaException.check(CUresult.CUDA_ERROR_LAUNCH_FAILED, "matmul: launch sgemm_kernel"));
        assertTrue(e.getMessage().contains("(" + CUresult.CUDA_ERROR_LAUNCH_FAILED + ")"), "the numeric code too: " + e.getMessage());
        assertEquals("CUDA_ERROR_LAUNCH_FAILED", e.cudaError());
        assertTrue(e.getMessage().contains("CUDA_ERROR_LAUNCH_FAILED"), e.getMessage());
        assertTrue(e.getMessage().contains("matmul: launch sgemm_kernel"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dmyelin.cuda.sync=true"), "asynchronous errors say how to pin them down");
    }

    @Test
    void outOfMemoryNeedsNoSyncHint() {
        CudaException e = assertThrows(CudaException.class,
                () -> CudaException.check(CUresult.CUDA_ERROR_OUT_OF_MEMORY, "allocate 64 bytes"));
        assertTrue(e.getMessage().contains("CUDA_ERROR_OUT_OF_MEMORY") && !e.getMessage().contains("sync"), e.getMessage());
    }

    @Test
    void cublasErrorNamesStatusAndCall() {
        CudaException e = assertThrows(CudaException.class,
                () -> Blas.check(cublasStatus.CUBLAS_STATUS_EXECUTION_FAILED, "matmul: cublasSgemm 4x5x6"));
        assertEquals("CUBLAS_STATUS_EXECUTION_FAILED", e.cudaError());
        assertTrue(e.getMessage().contains("cublasSgemm"), e.getMessage());
    }
}
