package org.myelin.nn.loss;

import org.myelin.api.Tensor;
import org.myelin.api.OpContext;
import org.myelin.api.OpSchema;
import org.myelin.api.Operator;

/**
 * The elementwise binary cross-entropy -(y·log x + (1-y)·log(1-x)) with PyTorch's edge handling,
 * as one operator so its gradient is PyTorch's too: each log is clamped at -100 (so x = 0 or 1
 * gives a finite loss), and the input gradient is (x - y) / max(x(1-x), 1e-12). Differentiating the
 * clamped logs instead would give 0·∞ = NaN at x = 0 or 1.
 */
final class BinaryCrossEntropyOp implements Operator {
    /** PyTorch's floor for a log in binary_cross_entropy. */
    static final double LOG_FLOOR = -100;
    /**
     * PyTorch's floor for x(1-x) in the gradient's denominator. PyTorch declares it as a float, so
     * its value is 1e-12 rounded to float even in double precision; matching that keeps gradients
     * at x = 0 or 1 equal to PyTorch's to the last digit.
     */
    static final double EPSILON = 1e-12f;

    private static final OpSchema SCHEMA = OpSchema.named("binary_cross_entropy").inputs(2).floating(0, 1).build();

    @Override
    public String name() {
        return SCHEMA.name();
    }

    @Override
    public OpSchema schema() {
        return SCHEMA;
    }

    @Override
    public Tensor forward(OpContext ctx, Tensor... in) {
        Tensor x = in[0];
        Tensor y = in[1];
        ctx.saveForBackward(x, y);
        return y.mul(clampedLog(x)).add(y.rsub(1).mul(clampedLog(x.rsub(1)))).neg();
    }

    @Override
    public Tensor[] backward(OpContext ctx, Tensor g) {
        Tensor x = ctx.saved(0);
        Tensor y = ctx.saved(1);
        Tensor dx = ctx.needsInputGrad(0)
                ? g.mul(x.sub(y)).div(x.mul(x.rsub(1)).clamp(EPSILON, Double.POSITIVE_INFINITY))
                : null;
        Tensor dy = ctx.needsInputGrad(1) ? g.mul(clampedLog(x.rsub(1)).sub(clampedLog(x))) : null;
        return new Tensor[] {dx, dy};
    }

    private static Tensor clampedLog(Tensor t) {
        return t.log().clamp(LOG_FLOOR, Double.POSITIVE_INFINITY);
    }
}
