package org.myelin.testkit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.myelin.api.BackendUnavailableException;
import org.myelin.api.spi.Backend;
import org.myelin.api.spi.FusedKernels;
import org.myelin.api.spi.KernelProvider;

/**
 * What the conformance suite checks of a kernel pack: its {@link Backend} (memory and primitive
 * kernels) and the fused kernels it registers for the built-in operators through
 * {@link KernelProvider}s. A pack without a fused kernel is not wrong: its operators fall back to
 * primitive tensor operations, and the fused cases pass it by.
 */
public final class KernelPack {
    private static final List<Class<?>> FUSED = List.of(FusedKernels.Softmax.class, FusedKernels.SgdStep.class,
            FusedKernels.AdamStep.class, FusedKernels.Im2col.class, FusedKernels.MaxPool2d.class);

    private final Backend backend;
    private final Map<Class<?>, Object> fused;

    private KernelPack(Backend backend, Map<Class<?>, Object> fused) {
        this.backend = backend;
        this.fused = Map.copyOf(fused);
    }

    /**
     * @param backend a pack's backend
     * @return it with the fused kernels that ServiceLoader finds registered for its name
     */
    public static KernelPack of(Backend backend) {
        Map<Class<?>, Object> found = new HashMap<>();
        for (KernelProvider p : ServiceLoader.load(KernelProvider.class)) {
            if (p.backend().equals(backend.name())) {
                for (Object kernel : p.kernels().values()) {
                    for (Class<?> type : FUSED) {
                        if (type.isInstance(kernel)) {
                            found.putIfAbsent(type, kernel);
                        }
                    }
                }
            }
        }
        return new KernelPack(backend, found);
    }

    /**
     * @return the {@code reference} backend, the suite's oracle, with its fused kernels
     * @throws BackendUnavailableException when module {@code org.myelin.ops.cpu.reference} is missing
     */
    public static KernelPack reference() {
        for (Backend b : ServiceLoader.load(Backend.class)) {
            if (b.name().equals("reference")) {
                return of(b);
            }
        }
        throw new BackendUnavailableException("the conformance kit needs the reference backend: put module "
                + "org.myelin.ops.cpu.reference (artifact myelin-ops-cpu-reference) on the module path");
    }

    /** @return the backend */
    public Backend backend() {
        return backend;
    }

    /**
     * @param type a {@link FusedKernels} interface
     * @param <K>  that type
     * @return the pack's kernel of that type, or null when it has none
     */
    public <K> K fused(Class<K> type) {
        return type.cast(fused.get(type));
    }

    /**
     * @param other a backend (the same memory, other kernels)
     * @return this pack's fused kernels with that backend
     */
    public KernelPack withBackend(Backend other) {
        return new KernelPack(other, fused);
    }

    /**
     * @param type   a {@link FusedKernels} interface
     * @param kernel the kernel to use instead
     * @param <K>    that type
     * @return a copy with that fused kernel replaced
     */
    public <K> KernelPack withFused(Class<K> type, K kernel) {
        Map<Class<?>, Object> copy = new HashMap<>(fused);
        copy.put(type, kernel);
        return new KernelPack(backend, copy);
    }

    @Override
    public String toString() {
        return backend.name() + " (fused: " + fused.keySet().stream().map(Class::getSimpleName).sorted().toList() + ")";
    }
}
