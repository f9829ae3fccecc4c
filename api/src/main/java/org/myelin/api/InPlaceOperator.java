package org.myelin.api;

/**
 * An {@link Operator} that changes some of its inputs in place instead of (or besides) making a new
 * tensor, such as the fused optimizer updates {@code sgd_step} and {@code adam_step}. The engine never
 * records it in the graph; it refuses to run while grad mode is on and a changed input requires a
 * gradient (as the in-place tensor methods do), and after the forward it bumps the version of every
 * changed input's storage, so a graph that saved one of them notices. A declared schema says the
 * same with {@link OpSchema.Builder#mutates}.
 *
 * <p>Use it under {@code GradMode.noGrad()}: {@code Tensor.apply(Op.SGD_STEP, attrs, param, grad, buffer)}.
 * Its {@link #backward} is never called.
 */
public interface InPlaceOperator extends Operator {

    /** @return the positions of the inputs that {@link #forward} changes in place */
    int[] mutatedInputs();

    /** @return an open schema of the name, arity and changed inputs */
    @Override
    default OpSchema schema() {
        OpSchema.Builder b = OpSchema.named(name()).mutates(mutatedInputs());
        if (arity() >= 0) {
            b.inputs(arity());
        } else {
            b.inputs(1, Integer.MAX_VALUE);
        }
        return b.open().build();
    }

    /** Never called: in-place operators are not recorded. */
    @Override
    default Tensor[] backward(OpContext ctx, Tensor gradOutput) {
        throw new UnsupportedOperationException(name() + " changes its inputs in place and has no gradient");
    }
}
