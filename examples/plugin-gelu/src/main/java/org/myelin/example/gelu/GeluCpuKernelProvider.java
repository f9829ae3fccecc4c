package org.myelin.example.gelu;

import java.util.Map;
import org.myelin.api.spi.KernelProvider;

/** Registers {@link GeluCpuKernel} as the {@code gelu} kernel of the {@code cpu-simd} backend. */
public final class GeluCpuKernelProvider implements KernelProvider {
    private static final GeluKernel KERNEL = new GeluCpuKernel();

    /** Made by ServiceLoader. */
    public GeluCpuKernelProvider() {
        // stateless
    }

    @Override
    public String backend() {
        return "cpu-simd";
    }

    @Override
    public Map<String, Object> kernels() {
        return Map.of("gelu", KERNEL);
    }
}
