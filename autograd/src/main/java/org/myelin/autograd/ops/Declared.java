package org.myelin.autograd.ops;

import org.myelin.api.Op;
import org.myelin.api.OpContext;
import org.myelin.api.OpSchema;
import org.myelin.api.Operator;
import org.myelin.api.Tensor;
import org.myelin.api.spi.KernelContext;

/**
 * A built-in operator declared in one place: its schema, its forward and its gradient.
 *
 * <pre>{@code
 * define(schema(Op.LEAKY_RELU).floating(0).attr("slope", NUMBER, 0.01), forward, gradient)
 * }</pre>
 */
record Declared(OpSchema schema, Declared.Forward forward, Declared.Backward backward) implements Operator {
    /** Forward: the inputs (already promoted as the schema says) to the output. */
    @FunctionalInterface
    interface Forward {
        Tensor run(KernelContext ctx, Tensor[] in);
    }

    /** Backward: the output's gradient to one gradient per input, in tensor operations. */
    @FunctionalInterface
    interface Backward {
        Tensor[] run(OpContext ctx, Tensor g);
    }

    /** @param ref an operator's reference @return its schema, to fill in (one input unless told) */
    static OpSchema.Builder schema(Op ref) {
        return OpSchema.named(ref.name());
    }

    /**
     * @param schema   what it takes
     * @param forward  its forward
     * @param backward its gradient; null for an operator that is never recorded (it changes its inputs)
     * @return the operator
     */
    static Operator define(OpSchema.Builder schema, Forward forward, Backward backward) {
        return new Declared(schema.build(), forward, backward);
    }

    @Override
    public String name() {
        return schema.name();
    }

    @Override
    public int arity() {
        return schema.arity();
    }

    @Override
    public Tensor forward(OpContext ctx, Tensor... inputs) {
        return forward.run(KernelContext.of(ctx), inputs);
    }

    @Override
    public Tensor[] backward(OpContext ctx, Tensor g) {
        if (backward == null) {
            throw new UnsupportedOperationException(schema.name() + " has no gradient");
        }
        return backward.run(ctx, g);
    }

    @Override
    public String toString() {
        return schema.signature();
    }
}
