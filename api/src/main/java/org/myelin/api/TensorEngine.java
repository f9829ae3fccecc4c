package org.myelin.api;

import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The engine behind {@link Tensor}: it makes tensors, runs operators (recording the graph) and
 * runs backward. Exactly one is expected on the module path ({@code org.myelin.autograd}); every
 * tensor knows the engine that made it ({@link Tensor#engine()}), and the static factories use
 * {@link #get()}. Its backends and plugin layers are reached through
 * {@code org.myelin.api.spi.EngineRuntime}.
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
     * @param dtype     a floating type
     * @param shape     the sizes
     * @param generator where the draws come from
     * @return uniform values in [0, 1)
     */
    Tensor rand(DType dtype, Shape shape, Generator generator);

    /**
     * @param dtype     a floating type
     * @param shape     the sizes
     * @param generator where the draws come from
     * @return standard normal values
     */
    Tensor randn(DType dtype, Shape shape, Generator generator);

    /** @return this thread's default generator, which {@link #manualSeed} seeds */
    Generator defaultGenerator();

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

    /**
     * Seeds the current thread's default generator; other threads keep theirs.
     *
     * @param seed the new seed; the draw count starts again at 0
     */
    default void manualSeed(long seed) {
        defaultGenerator().manualSeed(seed);
    }

    /**
     * @param op     a reference to an operator, such as {@link Op#ADD}
     * @param attrs  its attributes
     * @param inputs its inputs
     * @return its output, recorded in the graph when grad mode is on
     * @throws UnknownNameException when no operator has that name
     */
    Tensor apply(Op op, Attrs attrs, Tensor... inputs);

    /**
     * @param operator the operator's name
     * @param attrs    its attributes
     * @param inputs   its inputs
     * @return its output
     * @throws UnknownNameException when no operator has that name
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
     * @param name an operator's name
     * @return the operator registered under it
     * @throws UnknownNameException when there is none
     */
    Operator operator(String name);

    /** @return the names of every operator found */
    Set<String> operators();

    /**
     * Backpropagates from {@code root}, accumulating into the leaves' {@link Tensor#grad()}.
     *
     * @param root        the tensor to differentiate
     * @param gradient    d(something)/d(root), or null for a scalar root
     * @param retainGraph keep the graph for another backward
     * @param createGraph record the backward pass itself, so the gradients can be differentiated again;
     *                    the graph is then kept, as if {@code retainGraph} were true
     */
    void backward(Tensor root, Tensor gradient, boolean retainGraph, boolean createGraph);

    /**
     * Backs {@link Tensor#registerPostAccumulateGradHook}.
     *
     * @param leaf a leaf that requires grad, made by this engine
     * @param hook what to run after each backward pass has accumulated its gradient
     * @return the handle that unregisters the hook
     */
    Tensor.HookHandle registerPostAccumulateGradHook(Tensor leaf, java.util.function.Consumer<Tensor> hook);

    /**
     * The gradients of {@code outputs} with respect to {@code inputs}, returned instead of
     * accumulated into any {@link Tensor#grad()}, as {@code torch.autograd.grad}.
     *
     * @param outputs     the tensors to differentiate
     * @param inputs      the tensors to differentiate with respect to (leaves or not)
     * @param gradOutputs d(something)/d(output) for each output; null entries (or a null list) for scalars
     * @param retainGraph keep the graph for another backward
     * @param createGraph record the backward pass, for higher derivatives
     * @param allowUnused give null for an input the outputs do not depend on, instead of failing
     * @return one gradient per input, in order
     */
    List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs, boolean retainGraph,
                      boolean createGraph, boolean allowUnused);

    /** Lazily finds the engine, once. */
    final class Holder {
        private static final TensorEngine ENGINE = ServiceLoader.load(TensorEngine.class).findFirst()
                .orElseThrow(() -> new BackendUnavailableException("no Myelin tensor engine found: put module "
                        + "org.myelin.autograd (artifact myelin-autograd) on the module path"));

        private Holder() {}
    }
}
