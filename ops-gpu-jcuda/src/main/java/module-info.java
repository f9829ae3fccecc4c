/**
 * The CUDA backend, {@code cuda}: CUDA C kernels (PTX built by nvcc, else compiled at run time by
 * NVRTC) and cuBLAS where it loads, through JCuda's automatic modules. Exports nothing: it is found
 * with ServiceLoader, and on a machine without a driver it reports why it is unavailable.
 */
module org.myelin.ops.gpu.jcuda {
    requires org.myelin.api;
    requires jcuda;
    requires jcublas;

    provides org.myelin.api.spi.Backend with org.myelin.ops.gpu.jcuda.CudaBackend;
    provides org.myelin.api.spi.KernelProvider with org.myelin.ops.gpu.jcuda.CudaFusedKernels;
}
