package org.myelin.example.gelu;

import org.myelin.api.spi.KernelProvider;

/** Registers {@link GeluCpuKernel} as the {@code gelu} kernel of the {@code cpu-simd} backend. */
public final class GeluCpuKernelProvider implements KernelProvider {
    private static final GeluKernel KERNEL = new GeluCpuKernel();

    /** Made by ServiceLoader. */
    public GeluCpuKernelProvider() {
        // stateless
    }

    @Override
    public String operator() {
        return "gelu";
    }

    @Override
    public String backend() {
        return "cpu-simd";
    }

    @Override
    public Object kernel() {
        return KERNEL;
    }
}
