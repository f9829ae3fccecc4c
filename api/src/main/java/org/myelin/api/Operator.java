package org.myelin.api;

import java.util.function.UnaryOperator;

/**
 * A differentiable operation: its schema, its forward and its gradient side by side. Run one with
 * {@link Tensor#apply(Operator, Tensor...)}, with no registration, or register it (a plugin's
 * {@code provides org.myelin.api.Operator with ...}) and call it by name.
 *
 * <p>The engine checks each call against {@link #schema()}, runs {@link #forward} with grad mode
 * off, then records one graph node for the whole operator when an input requires a gradient.
 * {@link #backward} returns one gradient per input, written in tensor operations so it works on
 * every backend. It runs with grad mode on only under {@code backward(..., createGraph=true)}:
 * then its tensor operations are recorded in turn, and a second derivative can be taken. For that,
 * compute gradients from the saved inputs and outputs ({@link OpContext#saveForBackward}), which
 * keep their place in the graph, not from other values made inside forward. A gradient of a
 * broadcast input may have the broadcast shape: the engine sums it back.
 */
public interface Operator {

    /** @return the unique name, such as {@code gelu} */
    String name();

    /** @return among operators of one name that declare {@link #replaces()}, the higher priority wins */
    default int priority() {
        return 0;
    }

    /**
     * @return true when this operator means to take the place of an installed one of the same name
     *         (a built-in such as {@code sigmoid} included); it must then also have a higher
     *         {@link #priority()}. Without it the installed operator stays in use and the plugin gets
     *         a warning, so a plugin cannot change what a built-in computes by accident.
     *         {@code myelin plugin check} runs the replaced operator's checks against the replacement.
     */
    default boolean replaces() {
        return false;
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
     * Asked once when the operator is registered, and on every call made with the operator object
     * itself, so return a constant.
     *
     * @return what it takes; by default an open schema of {@link #name()} and {@link #arity()}
     *         that accepts any attributes
     */
    default OpSchema schema() {
        return OpSchema.of(name(), arity());
    }

    /**
     * @param ctx    attributes, and what to save for backward
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

    /** The local gradient of an elementwise function: from x, y = f(x) and dL/dy, dL/dx. */
    @FunctionalInterface
    interface ElementwiseGradient {
        /**
         * @param x the input
         * @param y the output
         * @param g the output's gradient
         * @return the input's gradient
         */
        Tensor apply(Tensor x, Tensor y, Tensor g);
    }

    /**
     * An elementwise operator of one tensor in one declaration: its forward in tensor operations and
     * its local gradient beside it.
     *
     * <pre>{@code
     * Operator cube = Operator.elementwise("cube", x -> x.pow(3), (x, y, g) -> g.mul(x.square().mul(3)));
     * Tensor y = Tensor.apply(cube, x);
     * }</pre>
     *
     * @param name     its name
     * @param forward  y = f(x)
     * @param gradient dL/dx from x, y and dL/dy
     * @return the operator
     */
    static Operator elementwise(String name, UnaryOperator<Tensor> forward, ElementwiseGradient gradient) {
        OpSchema schema = OpSchema.named(name).inputs(1).floating(0).build();
        return new Operator() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int arity() {
                return 1;
            }

            @Override
            public OpSchema schema() {
                return schema;
            }

            @Override
            public Tensor forward(OpContext ctx, Tensor... in) {
                Tensor y = forward.apply(in[0]);
                ctx.saveForBackward(in[0], y);
                return y;
            }

            @Override
            public Tensor[] backward(OpContext ctx, Tensor g) {
                return new Tensor[] {gradient.apply(ctx.saved(0), ctx.saved(1), g)};
            }

            @Override
            public String toString() {
                return "Operator(" + name + ")";
            }
        };
    }
}
