package org.myelin.api.spi;

import java.util.List;
import org.myelin.api.BackendUnavailableException;
import org.myelin.api.TensorEngine;

/**
 * The engine's run-time side, for the command line, conformance kits and plugin hosts: which
 * backends it found and uses, and the plugin layers it loads. The engine of
 * {@link TensorEngine#get()} implements it.
 */
public interface EngineRuntime {

    /**
     * @return the engine's run-time side
     * @throws BackendUnavailableException when the engine found does not have one
     */
    static EngineRuntime get() {
        TensorEngine engine = TensorEngine.get();
        if (engine instanceof EngineRuntime r) {
            return r;
        }
        throw new BackendUnavailableException("the tensor engine " + engine.getClass().getName()
                + " does not expose its backends; use org.myelin.autograd");
    }

    /**
     * Adds what the modules defined in a plugin layer provide (its {@code Operator}s,
     * {@link OperatorProvider}s, {@link KernelProvider}s and {@link Backend}s; not those of its
     * parent layers, which are already known), as if ServiceLoader had found them at start. A name
     * that is already taken goes to the higher priority; on a tie the one known first stays. Layers
     * and optimizers are not the engine's: pass their providers to {@code org.myelin.nn.Layers} and
     * {@code org.myelin.optim.Optimizers}.
     *
     * <p>Nothing is added unless every provider loads: a provider whose class or constructor
     * fails makes this throw, naming it, and leaves the engine as it was.
     *
     * @param layer a layer made from a plugin's jars, such as with
     *              {@link ModuleLayer#defineModulesWithOneLoader}
     * @throws org.myelin.api.InvalidArgumentException naming the provider that failed to load
     */
    void addPlugins(ModuleLayer layer);

    /** @return every backend found, with why each was picked or skipped */
    List<BackendReport> backends();

    /**
     * Uses the named backend for its device type from now on, on every thread, as {@code --backend}
     * does; tensors already made keep their memory, which every backend of a device type shares.
     *
     * @param name a backend's name, such as {@code reference}
     * @return the backend
     * @throws org.myelin.api.UnknownNameException when no backend has that name
     * @throws BackendUnavailableException when it cannot run here
     */
    Backend selectBackend(String name);

    /**
     * Uses the named backend on this thread only, until the scope is closed.
     *
     * @param name a backend's name
     * @return the scope, for try-with-resources
     * @throws org.myelin.api.UnknownNameException when no backend has that name
     * @throws BackendUnavailableException when it cannot run here
     */
    BackendScope useBackend(String name);

    /**
     * Caps the tensor memory this thread may allocate until the scope closes, so that building
     * something from a size a file or a user claims (a model spec in a checkpoint's metadata, a
     * {@code --model} of billions of weights) fails in one clear line before the memory is taken.
     *
     * @param bytes        the most this thread may allocate inside the scope, in bytes of tensor data
     * @param whenExceeded makes the error to throw, given how many bytes the scope would then hold
     * @return the scope, for try-with-resources
     */
    AllocationLimit limitAllocations(long bytes, java.util.function.LongFunction<? extends RuntimeException> whenExceeded);

    /** Ends an {@link EngineRuntime#limitAllocations} scope. */
    interface AllocationLimit extends AutoCloseable {
        /** @return the bytes allocated inside the scope so far */
        long allocated();

        /** Lifts the cap. */
        @Override
        void close();
    }

    /**
     * Runs operators on this thread without any pack's fused kernels ({@link FusedKernels}) until
     * the scope closes, so each computes in primitive tensor operations: how a pack's fused kernels
     * are checked against the fallbacks a pack without them gets. Scopes nest.
     *
     * @return the scope, for try-with-resources
     */
    FusedKernelsOff withoutFusedKernels();

    /** Ends an {@link EngineRuntime#withoutFusedKernels} scope. */
    interface FusedKernelsOff extends AutoCloseable {
        /** Lets the fused kernels back in, unless an outer scope is still open. */
        @Override
        void close();
    }

    /**
     * @param deviceType a device type, such as {@code cpu}
     * @return the backend this thread uses for it
     * @throws BackendUnavailableException when none can run
     */
    Backend backendFor(String deviceType);
}
