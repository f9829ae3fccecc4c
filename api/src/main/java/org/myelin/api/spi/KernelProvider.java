package org.myelin.api.spi;

import java.util.Map;

/**
 * Contributes operators' kernels for one backend, so an operator can run natively on a backend it
 * was not built into: a plugin's operator on {@code cpu-simd}, or a pack's fused kernels
 * ({@link FusedKernels}) for the built-in operators. The operator asks for its kernel with
 * {@link KernelContext#kernel(Class)}; for one operator and backend, the first kernel found is used.
 */
public interface KernelProvider {

    /**
     * @return the backend's name, such as {@code cpu-simd}; {@code *:cpu} for every backend of a
     *         device type, or {@code *} for every backend
     */
    String backend();

    /** @return each operator's name with its kernel, an instance of the interface that operator asks for */
    Map<String, Object> kernels();
}
