package org.myelin.api.spi;

/**
 * Contributes an operator's kernel for one backend, so a plugin operator can run natively on a
 * backend it was not built into. The operator asks for it with {@link org.myelin.api.OpContext#kernel(Class)}.
 */
public interface KernelProvider {

    /** @return the operator's name */
    String operator();

    /** @return the backend's name, such as {@code cpu-simd}, or {@code *} for every backend of a device type */
    String backend();

    /** @return the kernel object, an instance of the interface the operator asks for */
    Object kernel();
}
