package org.myelin.autograd.ops;

import org.myelin.api.Tensor;
import org.myelin.api.OpContext;
import org.myelin.api.spi.UnaryOp;

/** The elementwise functions of one tensor, each with its local gradient beside it. */
public final class Activations {
    private Activations() {}

    /** Shared forward: run the unary kernel; save the input or the output, whichever the gradient uses. */
    abstract static class Elementwise extends NamedOperator {
        private final UnaryOp kind;
        private final boolean savesOutput;

        Elementwise(String name, UnaryOp kind, boolean savesOutput) {
            super(name);
            this.kind = kind;
            this.savesOutput = savesOutput;
        }

        @Override
        public Tensor forward(OpContext ctx, Tensor... in) {
            Tensor x = OpSupport.as(in[0], OpSupport.floatingType(name(), in[0]));
            Tensor out = ctx.allocate(x.dtype(), x.shape());
            ctx.kernels().unary(kind, ctx.strided(x), ctx.strided(out));
            ctx.saveForBackward(savesOutput ? out : x);
            return out;
        }

        @Override
        public Tensor[] backward(OpContext ctx, Tensor g) {
            return new Tensor[] {gradient(g, ctx.saved(0))};
        }

        /** @param g the output's gradient @param saved the input or output @return the input's gradient */
        abstract Tensor gradient(Tensor g, Tensor saved);
    }

    /** -x */
    public static final class Neg extends Elementwise {
        /** Creates the operator. */
        public Neg() {
            super("neg", UnaryOp.NEG, false);
        }

        @Override
        Tensor gradient(Tensor g, Tensor x) {
            return g.neg();
        }
    }

    /** e^x; its derivative is itself. */
    public static final class Exp extends Elementwise {
        /** Creates the operator. */
        public Exp() {
            super("exp", UnaryOp.EXP, true);
        }

        @Override
        Tensor gradient(Tensor g, Tensor out) {
            return g.mul(out);
        }
    }

    /** ln x; derivative 1/x. */
    public static final class Log extends Elementwise {
        /** Creates the operator. */
        public Log() {
            super("log", UnaryOp.LOG, false);
        }

        @Override
        Tensor gradient(Tensor g, Tensor x) {
            return g.div(x);
        }
    }

    /** sqrt x; derivative 1/(2 sqrt x). */
    public static final class Sqrt extends Elementwise {
        /** Creates the operator. */
        public Sqrt() {
            super("sqrt", UnaryOp.SQRT, true);
        }

        @Override
        Tensor gradient(Tensor g, Tensor out) {
            return g.div(out.mul(2));
        }
    }

    /** 1/x; derivative -1/x^2. */
    public static final class Reciprocal extends Elementwise {
        /** Creates the operator. */
        public Reciprocal() {
            super("reciprocal", UnaryOp.RECIPROCAL, true);
        }

        @Override
        Tensor gradient(Tensor g, Tensor out) {
            return g.mul(out.square()).neg();
        }
    }

    /** |x|; derivative sign(x), 0 at 0 as in PyTorch. */
    public static final class Abs extends Elementwise {
        /** Creates the operator. */
        public Abs() {
            super("abs", UnaryOp.ABS, false);
        }

        @Override
        Tensor gradient(Tensor g, Tensor x) {
            return g.mul(Tensor.apply("sign", x));
        }
    }

    /** sign(x); its gradient is zero almost everywhere. */
    public static final class Sign extends Elementwise {
        /** Creates the operator. */
        public Sign() {
            super("sign", UnaryOp.SIGN, false);
        }

        @Override
        Tensor gradient(Tensor g, Tensor x) {
            return g.mul(0);
        }
    }

    /** x^2; derivative 2x. */
    public static final class Square extends Elementwise {
        /** Creates the operator. */
        public Square() {
            super("square", UnaryOp.SQUARE, false);
        }

        @Override
        Tensor gradient(Tensor g, Tensor x) {
            return g.mul(x).mul(2);
        }
    }

    /** 1/(1+e^-x); derivative s(1-s), at most 1/4, which is why deep sigmoid nets learn slowly. */
    public static final class Sigmoid extends Elementwise {
        /** Creates the operator. */
        public Sigmoid() {
            super("sigmoid", UnaryOp.SIGMOID, true);
        }

        @Override
        Tensor gradient(Tensor g, Tensor s) {
            return g.mul(s.mul(s.rsub(1)));
        }
    }

    /** tanh x; derivative 1 - tanh^2. */
    public static final class Tanh extends Elementwise {
        /** Creates the operator. */
        public Tanh() {
            super("tanh", UnaryOp.TANH, true);
        }

        @Override
        Tensor gradient(Tensor g, Tensor t) {
            return g.mul(t.square().rsub(1));
        }
    }

    /** max(x, 0); derivative 1 where x &gt; 0, else 0. */
    public static final class Relu extends Elementwise {
        /** Creates the operator. */
        public Relu() {
            super("relu", UnaryOp.RELU, true);
        }

        @Override
        Tensor gradient(Tensor g, Tensor out) {
            return g.mul(out.gt(0));
        }
    }

    /** log(1 + e^x); derivative sigmoid(x). */
    public static final class Softplus extends Elementwise {
        /** Creates the operator. */
        public Softplus() {
            super("softplus", UnaryOp.SOFTPLUS, false);
        }

        @Override
        Tensor gradient(Tensor g, Tensor x) {
            return g.mul(x.sigmoid());
        }
    }

    /** log(1 + x), accurate near 0; derivative 1/(1+x). */
    public static final class Log1p extends Elementwise {
        /** Creates the operator. */
        public Log1p() {
            super("log1p", UnaryOp.LOG1P, false);
        }

        @Override
        Tensor gradient(Tensor g, Tensor x) {
            return g.div(x.add(1));
        }
    }

    /** x for x &gt; 0, else slope * x (attribute {@code slope}). */
    public static final class LeakyRelu extends NamedOperator {
        /** Creates the operator. */
        public LeakyRelu() {
            super("leaky_relu");
        }

        @Override
        public Tensor forward(OpContext ctx, Tensor... in) {
            Tensor x = OpSupport.as(in[0], OpSupport.floatingType(name(), in[0]));
            double slope = ctx.attrs().getDouble("slope");
            ctx.saveForBackward(x);
            return x.relu().add(x.neg().relu().mul(-slope));
        }

        @Override
        public Tensor[] backward(OpContext ctx, Tensor g) {
            Tensor x = ctx.saved(0);
            double slope = ctx.attrs().getDouble("slope");
            Tensor positive = x.gt(0);
            return new Tensor[] {g.mul(positive.mul(1 - slope).add(slope))};
        }
    }
}
