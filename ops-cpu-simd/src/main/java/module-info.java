/** The default CPU backend, {@code cpu-simd}: Vector API kernels with scalar tails. Exports nothing. */
module org.myelin.ops.cpu.simd {
    requires org.myelin.api;
    requires jdk.incubator.vector;

    provides org.myelin.api.spi.Backend with org.myelin.ops.cpu.simd.CpuSimdBackend;
    provides org.myelin.api.spi.KernelProvider with org.myelin.ops.cpu.simd.SimdFusedKernels;
}
