/**
 * An example third-party plugin: the GELU operator (forward and gradient side by side), its own CPU
 * kernel for the {@code cpu-simd} backend, and a {@code gelu} layer for model specs. It is compiled
 * against {@code org.myelin.api} only and loaded from a plugins folder into its own module layer.
 */
module org.myelin.example.gelu {
    requires org.myelin.api;

    provides org.myelin.api.Operator with org.myelin.example.gelu.Gelu;
    provides org.myelin.api.spi.KernelProvider with org.myelin.example.gelu.GeluCpuKernelProvider;
    provides org.myelin.api.spi.LayerProvider with org.myelin.example.gelu.GeluLayerProvider;
}
