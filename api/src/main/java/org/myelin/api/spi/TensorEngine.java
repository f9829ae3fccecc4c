package org.myelin.api.spi;

import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.myelin.api.Attrs;
import org.myelin.api.BackendUnavailableException;
import org.myelin.api.DType;
import org.myelin.api.Operator;
import org.myelin.api.Device;
import org.myelin.api.Shape;
import org.myelin.api.Tensor;

/**
 * The engine behind {@link Tensor}'s static factories: tensor storage, graph recording and
 * dispatch to backends. Exactly one is expected on the module path ({@code org.myelin.autograd}).
 */
public interface TensorEngine {

    /**
     * @return the engine found with ServiceLoader
     * @throws BackendUnavailableException when there is none
     */
    static TensorEngine get() {
        return Holder.ENGINE;
    }

    /**
     * @param dtype  the element type
     * @param shape  the sizes
     * @param value  every element's value
     * @param device the device
     * @return a new tensor
     */
    Tensor full(DType dtype, Shape shape, double value, Device device);

    /**
     * @param dtype the type
     * @param shape the sizes
     * @param value the value
     * @return a new CPU tensor
     */
    default Tensor full(DType dtype, Shape shape, double value) {
        return full(dtype, shape, value, Device.CPU);
    }

    /**
     * @param dtype a floating type
     * @param shape the sizes
     * @return uniform values in [0, 1)
     */
    Tensor rand(DType dtype, Shape shape);

    /**
     * @param dtype a floating type
     * @param shape the sizes
     * @return standard normal values
     */
    Tensor randn(DType dtype, Shape shape);

    /**
     * @param dtype the type
     * @param start first
     * @param end exclusive end
     * @param step increment
     * @return the range
     */
    Tensor arange(DType dtype, double start, double end, double step);

    /**
     * @param data values (copied)
     * @param shape sizes
     * @return a FLOAT32 CPU tensor
     */
    Tensor of(float[] data, Shape shape);

    /**
     * @param data values (copied)
     * @param shape sizes
     * @return a FLOAT64 CPU tensor
     */
    Tensor of(double[] data, Shape shape);

    /**
     * @param data values (copied)
     * @param shape sizes
     * @return an INT64 CPU tensor
     */
    Tensor of(long[] data, Shape shape);

    /**
     * Takes {@code data} over without a copy where the engine can; this default copies.
     *
     * @param data values, no longer used by the caller
     * @param shape sizes
     * @return a FLOAT32 CPU tensor
     */
    default Tensor wrap(float[] data, Shape shape) {
        return of(data, shape);
    }

    /**
     * Takes {@code data} over without a copy where the engine can; this default copies.
     *
     * @param data values, no longer used by the caller
     * @param shape sizes
     * @return a FLOAT64 CPU tensor
     */
    default Tensor wrap(double[] data, Shape shape) {
        return of(data, shape);
    }

    /**
     * Takes {@code data} over without a copy where the engine can; this default copies.
     *
     * @param data values, no longer used by the caller
     * @param shape sizes
     * @return an INT64 CPU tensor
     */
    default Tensor wrap(long[] data, Shape shape) {
        return of(data, shape);
    }

    /** @param seed the new seed; resets the draw counter */
    void manualSeed(long seed);

    /**
     * Reserves {@code count} draws of the counter-based generator.
     *
     * @param count the number of draws
     * @return the seed and the first draw number, for {@link Kernels#randomUniform}
     */
    long[] reserveRandom(long count);

    /**
     * @param operator the operator's name
     * @param attrs    its attributes
     * @param inputs   its inputs
     * @return its output
     */
    Tensor apply(String operator, Attrs attrs, Tensor... inputs);

    /**
     * Runs an operator object directly, with no registration, as a PyTorch {@code autograd.Function}.
     *
     * @param operator the operator
     * @param attrs    its attributes
     * @param inputs   its inputs
     * @return its output, recorded in the graph when grad mode is on
     */
    Tensor apply(Operator operator, Attrs attrs, Tensor... inputs);

    /**
     * Makes an operator callable by name for the rest of this run, as if ServiceLoader had found it.
     *
     * @param operator the operator; it replaces one of the same name only with a higher priority
     */
    void register(Operator operator);

    /**
     * Adds what the modules defined in a plugin layer provide (its {@link Operator}s,
     * {@link KernelProvider}s and {@link Backend}s; not those of its parent layers, which are
     * already known), as if ServiceLoader had found them at start. A name that is already taken
     * goes to the higher priority; on a tie the one known first stays. Layers and optimizers are
     * not the engine's: pass their providers to {@code org.myelin.nn.Layers} and
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

    /** @return the names of every operator found */
    Set<String> operators();

    /** @return every backend found, with why each was picked or skipped */
    List<BackendReport> backends();

    /**
     * Uses the named backend for its device type from now on, as {@code --backend} does; tensors
     * already made keep their memory, which every backend of the same device type shares.
     *
     * @param name a backend's name, such as {@code reference}
     * @return the backend
     * @throws org.myelin.api.UnknownNameException when no backend has that name
     * @throws BackendUnavailableException when it cannot run here
     */
    Backend selectBackend(String name);

    /**
     * @param deviceType a device type
     * @return the backend used for it
     * @throws BackendUnavailableException when none can run
     */
    Backend backendFor(String deviceType);

    /** Lazily finds the engine, once. */
    final class Holder {
        private static final TensorEngine ENGINE = ServiceLoader.load(TensorEngine.class).findFirst()
                .orElseThrow(() -> new BackendUnavailableException("no Myelin tensor engine found: put module "
                        + "org.myelin.autograd (artifact myelin-autograd) on the module path"));

        private Holder() {}
    }
}
