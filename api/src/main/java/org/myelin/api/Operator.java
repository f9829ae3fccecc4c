package org.myelin.api;


/**
 * A differentiable operation, found by name with {@code ServiceLoader} and run with
 * {@link Tensor#apply(String, Tensor...)}. Its forward and its gradient stand side by side.
 *
 * <p>The engine runs {@link #forward} with grad mode off, then records one graph node for the
 * whole operator when an input requires a gradient. {@link #backward} also runs with grad mode off
 * and returns one gradient per input, written in tensor operations so it works on every backend.
 * A gradient of a broadcast input may have the broadcast shape: the engine sums it back.
 */
public interface Operator {

    /** @return the unique name, such as {@code gelu} */
    String name();

    /** @return when two operators share a name, the higher priority wins */
    default int priority() {
        return 0;
    }

    /**
     * @return how many input tensors it takes, or -1 when that varies. The conformance kit
     *         ({@code myelin plugin check}) makes this many random inputs of one shape; with -1 it
     *         tries one, two, then three inputs.
     */
    default int arity() {
        return -1;
    }

    /**
     * @param ctx    attributes, kernels, allocation, and what to save for backward
     * @param inputs the input tensors
     * @return the output
     */
    Tensor forward(OpContext ctx, Tensor... inputs);

    /**
     * @param ctx        the same context forward saw, with what it saved
     * @param gradOutput the gradient of the loss with respect to the output
     * @return the gradient for each input, null where an input takes none
     */
    Tensor[] backward(OpContext ctx, Tensor gradOutput);
}
