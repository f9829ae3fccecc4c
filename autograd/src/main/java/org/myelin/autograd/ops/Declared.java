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
 * Declared.op(Op.LEAKY_RELU).floating(0).attr("slope", NUMBER, 0.01).define(forward, gradient)
 * }</pre>
 */
final class Declared implements Operator {
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

    private final OpSchema schema;
    private final Forward forward;
    private final Backward backward;

    private Declared(OpSchema schema, Forward forward, Backward backward) {
        this.schema = schema;
        this.forward = forward;
        this.backward = backward;
    }

    /** @param ref the operator's reference @return a builder of its declaration, one input by default */
    static Builder op(Op ref) {
        return new Builder(OpSchema.named(ref.name()));
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
    public OpSchema schema() {
        return schema;
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

    /** The schema's parts, then {@link #define}. */
    static final class Builder {
        private final OpSchema.Builder schema;

        private Builder(OpSchema.Builder schema) {
            this.schema = schema;
        }

        Builder inputs(int count) {
            schema.inputs(count);
            return this;
        }

        Builder inputs(int min, int max) {
            schema.inputs(min, max);
            return this;
        }

        Builder attr(String name, OpSchema.Attr type) {
            schema.attr(name, type);
            return this;
        }

        Builder attr(String name, OpSchema.Attr type, Object defaultValue) {
            schema.attr(name, type, defaultValue);
            return this;
        }

        Builder floating(int... positions) {
            schema.floating(positions);
            return this;
        }

        Builder mutates(int... positions) {
            schema.mutates(positions);
            return this;
        }

        Builder optional(String name, OpSchema.Attr type) {
            schema.optional(name, type);
            return this;
        }

        Builder usage(String inputs) {
            schema.usage(inputs);
            return this;
        }

        Builder title(String method) {
            schema.title(method);
            return this;
        }

        /** @param backward null for an operator with no gradient (an in-place update, an index) */
        Operator define(Forward forward, Backward backward) {
            return new Declared(schema.build(), forward, backward);
        }
    }
}
