package org.myelin.autograd.ops;

import org.myelin.api.DType;
import org.myelin.api.Shape;
import org.myelin.api.Tensor;
import org.myelin.api.spi.CompareOp;
import org.myelin.api.OpContext;

/** Comparisons and {@code where}: the choosing operators. Comparisons carry no gradient. */
public final class Selection {
    private Selection() {}

    /**
     * Elementwise comparison (attribute {@code op}: EQ, NE, LT, LE, GT, GE). The result is 1 or 0 in
     * the inputs' floating type, or FLOAT32 when both are integers, so it can be summed or multiplied.
     */
    public static final class Compare extends NamedOperator {
        /** Creates the operator. */
        public Compare() {
            super("compare");
        }

        @Override
        public Tensor forward(OpContext ctx, Tensor... in) {
            CompareOp kind = CompareOp.valueOf(ctx.attrs().getString("op"));
            DType common = DType.promote(in[0].dtype(), in[1].dtype());
            Tensor a = OpSupport.as(in[0], common);
            Tensor b = OpSupport.as(in[1], common);
            Shape shape = Shape.broadcast(name() + " " + kind, a.shape(), b.shape());
            Tensor out = ctx.allocate(common.isFloatingPoint() ? common : DType.FLOAT32, shape);
            ctx.kernels().compare(kind, OpSupport.viewAs(ctx, a, shape), OpSupport.viewAs(ctx, b, shape), ctx.strided(out));
            return out;
        }

        @Override
        public Tensor[] backward(OpContext ctx, Tensor g) {
            return new Tensor[] {null, null};
        }
    }

    /** where(condition, a, b): a where the condition is non-zero, else b; all three broadcast. */
    public static final class Where extends NamedOperator {
        /** Creates the operator. */
        public Where() {
            super("where");
        }

        @Override
        public Tensor forward(OpContext ctx, Tensor... in) {
            DType d = DType.promote(in[1].dtype(), in[2].dtype());
            Tensor a = OpSupport.as(in[1], d);
            Tensor b = OpSupport.as(in[2], d);
            Shape shape = Shape.broadcast("where", Shape.broadcast("where", in[0].shape(), a.shape()), b.shape());
            Tensor out = ctx.allocate(d, shape);
            ctx.kernels().where(OpSupport.viewAs(ctx, in[0], shape), OpSupport.viewAs(ctx, a, shape),
                    OpSupport.viewAs(ctx, b, shape), ctx.strided(out));
            ctx.saveForBackward(in[0]);
            return out;
        }

        @Override
        public Tensor[] backward(OpContext ctx, Tensor g) {
            Tensor cond = ctx.saved(0);
            Tensor zero = OpSupport.scalarLike(ctx, g, 0);
            return new Tensor[] {
                null,
                ctx.needsInputGrad(1) ? Tensor.where(cond, g, zero) : null,
                ctx.needsInputGrad(2) ? Tensor.where(cond, zero, g) : null};
        }
    }
}
