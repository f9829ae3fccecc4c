package org.myelin.autograd.ops;

import org.myelin.api.Tensor;
import org.myelin.api.spi.BinaryOp;
import org.myelin.api.OpContext;

/** Elementwise operators of a tensor and a number (attribute {@code value}), with their gradients. */
public final class ScalarArithmetic {
    private ScalarArithmetic() {}

    /** Shared forward: run the scalar kernel in the tensor's own type. */
    abstract static class WithScalar extends NamedOperator {
        private final BinaryOp kind;

        WithScalar(String name, BinaryOp kind) {
            super(name);
            this.kind = kind;
        }

        @Override
        public Tensor forward(OpContext ctx, Tensor... in) {
            Tensor x = OpSupport.as(in[0], OpSupport.floatingType(name(), in[0]));
            Tensor out = ctx.allocate(x.dtype(), x.shape());
            ctx.kernels().binaryScalar(kind, ctx.strided(x), value(ctx), ctx.strided(out));
            ctx.saveForBackward(x);
            return out;
        }

        double value(OpContext ctx) {
            return ctx.attrs().getDouble("value");
        }
    }

    /** x + value */
    public static final class AddScalar extends WithScalar {
        /** Creates the operator. */
        public AddScalar() {
            super("add_scalar", BinaryOp.ADD);
        }

        @Override
        public Tensor[] backward(OpContext ctx, Tensor g) {
            return new Tensor[] {g};
        }
    }

    /** x * value */
    public static final class MulScalar extends WithScalar {
        /** Creates the operator. */
        public MulScalar() {
            super("mul_scalar", BinaryOp.MUL);
        }

        @Override
        public Tensor[] backward(OpContext ctx, Tensor g) {
            return new Tensor[] {g.mul(value(ctx))};
        }
    }

    /** x / value */
    public static final class DivScalar extends WithScalar {
        /** Creates the operator. */
        public DivScalar() {
            super("div_scalar", BinaryOp.DIV);
        }

        @Override
        public Tensor[] backward(OpContext ctx, Tensor g) {
            return new Tensor[] {g.div(value(ctx))};
        }
    }

    /** x raised to value */
    public static final class PowScalar extends WithScalar {
        /** Creates the operator. */
        public PowScalar() {
            super("pow_scalar", BinaryOp.POW);
        }

        @Override
        public Tensor[] backward(OpContext ctx, Tensor g) {
            double p = value(ctx);
            Tensor x = ctx.saved(0);
            return new Tensor[] {p == 0 ? g.mul(0) : g.mul(x.pow(p - 1).mul(p))};
        }
    }

    /** value - x */
    public static final class RsubScalar extends NamedOperator {
        /** Creates the operator. */
        public RsubScalar() {
            super("rsub_scalar");
        }

        @Override
        public Tensor forward(OpContext ctx, Tensor... in) {
            Tensor x = OpSupport.as(in[0], OpSupport.floatingType(name(), in[0]));
            Tensor out = ctx.allocate(x.dtype(), x.shape());
            ctx.kernels().unary(org.myelin.api.spi.UnaryOp.NEG, ctx.strided(x), ctx.strided(out));
            ctx.kernels().binaryScalar(BinaryOp.ADD, ctx.strided(out), ctx.attrs().getDouble("value"), ctx.strided(out));
            return out;
        }

        @Override
        public Tensor[] backward(OpContext ctx, Tensor g) {
            return new Tensor[] {g.neg()};
        }
    }

    /** min(max(x, min), max): the gradient passes where min &lt;= x &lt;= max, as in PyTorch. */
    public static final class Clamp extends NamedOperator {
        /** Creates the operator. */
        public Clamp() {
            super("clamp");
        }

        @Override
        public Tensor forward(OpContext ctx, Tensor... in) {
            Tensor x = OpSupport.as(in[0], OpSupport.floatingType(name(), in[0]));
            Tensor out = ctx.allocate(x.dtype(), x.shape());
            ctx.kernels().binaryScalar(BinaryOp.MAXIMUM, ctx.strided(x), ctx.attrs().getDouble("min"), ctx.strided(out));
            ctx.kernels().binaryScalar(BinaryOp.MINIMUM, ctx.strided(out), ctx.attrs().getDouble("max"), ctx.strided(out));
            ctx.saveForBackward(x);
            return out;
        }

        @Override
        public Tensor[] backward(OpContext ctx, Tensor g) {
            Tensor x = ctx.saved(0);
            double lo = ctx.attrs().getDouble("min");
            double hi = ctx.attrs().getDouble("max");
            Tensor inside = x.lt(lo).add(x.gt(hi)).rsub(1);
            return new Tensor[] {g.mul(inside)};
        }
    }
}
