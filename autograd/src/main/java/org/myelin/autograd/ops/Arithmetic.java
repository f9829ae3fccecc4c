package org.myelin.autograd.ops;

import org.myelin.api.DType;
import org.myelin.api.Shape;
import org.myelin.api.Tensor;
import org.myelin.api.spi.BinaryOp;
import org.myelin.api.OpContext;
import org.myelin.api.Operator;

/**
 * The broadcasting elementwise operators of two tensors, each with its gradient beside it.
 * Gradients have the broadcast shape; the engine sums them back to each input's shape.
 */
public final class Arithmetic {
    private Arithmetic() {}

    /** Shared forward: promote, broadcast, run the binary kernel. */
    abstract static class Broadcasting extends NamedOperator {
        private final BinaryOp kind;

        Broadcasting(String name, BinaryOp kind) {
            super(name);
            this.kind = kind;
        }

        @Override
        public Tensor forward(OpContext ctx, Tensor... in) {
            DType d = OpSupport.floatingType(name(), in[0], in[1]);
            Tensor a = OpSupport.as(in[0], d);
            Tensor b = OpSupport.as(in[1], d);
            Shape shape = Shape.broadcast(name(), a.shape(), b.shape());
            Tensor out = ctx.allocate(d, shape);
            ctx.kernels().binary(kind, OpSupport.viewAs(ctx, a, shape), OpSupport.viewAs(ctx, b, shape), ctx.strided(out));
            save(ctx, a, b, out);
            return out;
        }

        void save(OpContext ctx, Tensor a, Tensor b, Tensor out) {
            ctx.saveForBackward(a, b);
        }
    }

    /** a + b */
    public static final class Add extends Broadcasting {
        /** Creates the operator. */
        public Add() {
            super("add", BinaryOp.ADD);
        }

        @Override
        void save(OpContext ctx, Tensor a, Tensor b, Tensor out) {
            // The gradient of a sum needs no values.
        }

        @Override
        public Tensor[] backward(OpContext ctx, Tensor g) {
            return new Tensor[] {g, g};
        }
    }

    /** a - b */
    public static final class Sub extends Broadcasting {
        /** Creates the operator. */
        public Sub() {
            super("sub", BinaryOp.SUB);
        }

        @Override
        void save(OpContext ctx, Tensor a, Tensor b, Tensor out) {
            // The gradient of a difference needs no values.
        }

        @Override
        public Tensor[] backward(OpContext ctx, Tensor g) {
            return new Tensor[] {g, ctx.needsInputGrad(1) ? g.neg() : null};
        }
    }

    /** a * b */
    public static final class Mul extends Broadcasting {
        /** Creates the operator. */
        public Mul() {
            super("mul", BinaryOp.MUL);
        }

        @Override
        public Tensor[] backward(OpContext ctx, Tensor g) {
            return new Tensor[] {
                ctx.needsInputGrad(0) ? g.mul(ctx.saved(1)) : null,
                ctx.needsInputGrad(1) ? g.mul(ctx.saved(0)) : null};
        }
    }

    /** a / b */
    public static final class Div extends Broadcasting {
        /** Creates the operator. */
        public Div() {
            super("div", BinaryOp.DIV);
        }

        @Override
        public Tensor[] backward(OpContext ctx, Tensor g) {
            Tensor a = ctx.saved(0);
            Tensor b = ctx.saved(1);
            return new Tensor[] {
                ctx.needsInputGrad(0) ? g.div(b) : null,
                ctx.needsInputGrad(1) ? g.mul(a).div(b.square()).neg() : null};
        }
    }

    /** a raised to b */
    public static final class Pow extends Broadcasting {
        /** Creates the operator. */
        public Pow() {
            super("pow", BinaryOp.POW);
        }

        @Override
        void save(OpContext ctx, Tensor a, Tensor b, Tensor out) {
            ctx.saveForBackward(a, b, out);
        }

        @Override
        public Tensor[] backward(OpContext ctx, Tensor g) {
            Tensor a = ctx.saved(0);
            Tensor b = ctx.saved(1);
            Tensor out = ctx.saved(2);
            Tensor ga = ctx.needsInputGrad(0) ? g.mul(b).mul(a.pow(b.sub(1))) : null;
            // d/db a^b = a^b ln a; PyTorch takes 0 where a == 0 and the result is 0.
            Tensor gb = null;
            if (ctx.needsInputGrad(1)) {
                Tensor safeLog = Tensor.where(a.eq(OpSupport.scalarLike(ctx, a, 0)), OpSupport.scalarLike(ctx, a, 0), a.log());
                gb = g.mul(out).mul(safeLog);
            }
            return new Tensor[] {ga, gb};
        }
    }

    /** Elementwise maximum and minimum: the gradient goes to the chosen side, split evenly on ties. */
    abstract static class Extremum extends Broadcasting {
        private final boolean max;

        Extremum(String name, BinaryOp kind, boolean max) {
            super(name, kind);
            this.max = max;
        }

        @Override
        public Tensor[] backward(OpContext ctx, Tensor g) {
            Tensor a = ctx.saved(0);
            Tensor b = ctx.saved(1);
            Tensor aWins = max ? a.gt(b) : a.lt(b);
            Tensor tie = a.eq(b).mul(0.5);
            Tensor wa = aWins.add(tie);
            Tensor wb = wa.rsub(1);
            return new Tensor[] {
                ctx.needsInputGrad(0) ? g.mul(wa) : null,
                ctx.needsInputGrad(1) ? g.mul(wb) : null};
        }
    }

    /** max(a, b) elementwise */
    public static final class Maximum extends Extremum {
        /** Creates the operator. */
        public Maximum() {
            super("maximum", BinaryOp.MAXIMUM, true);
        }
    }

    /** min(a, b) elementwise */
    public static final class Minimum extends Extremum {
        /** Creates the operator. */
        public Minimum() {
            super("minimum", BinaryOp.MINIMUM, false);
        }
    }
}
