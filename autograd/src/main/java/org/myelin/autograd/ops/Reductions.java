package org.myelin.autograd.ops;

import org.myelin.api.DType;
import org.myelin.api.Shape;
import org.myelin.api.Tensor;
import org.myelin.api.OpContext;
import org.myelin.api.spi.ReduceOp;

/** Reductions over axes, with their gradients: each spreads the output's gradient back over the inputs. */
public final class Reductions {
    private Reductions() {}

    /** Which axes an {@code axes} attribute names, as a mask. */
    static boolean[] mask(OpContext ctx, Tensor x) {
        boolean[] reduced = new boolean[x.dim()];
        for (int a : ctx.attrs().getInts("axes")) {
            reduced[x.shape().normalizeAxis(a)] = true;
        }
        return reduced;
    }

    /** Sum or mean over {@code axes}, keeping them as size 1 when {@code keepDim}. */
    abstract static class AxisReduction extends NamedOperator {
        private final ReduceOp kind;

        AxisReduction(String name, ReduceOp kind) {
            super(name);
            this.kind = kind;
        }

        @Override
        public Tensor forward(OpContext ctx, Tensor... in) {
            Tensor x = OpSupport.as(in[0], OpSupport.floatingType(name(), in[0]));
            boolean[] reduced = mask(ctx, x);
            Shape kept = OpSupport.keepDims(x.shape(), reduced);
            Tensor out = ctx.allocate(x.dtype(), kept);
            ctx.kernels().reduce(kind, ctx.strided(x), ctx.strided(out));
            ctx.put("kept", kept);
            ctx.put("count", x.numel() / Math.max(1, kept.numel()));
            return ctx.attrs().getBoolean("keepDim", false) ? out : out.reshape(OpSupport.dropDims(x.shape(), reduced).toArray());
        }

        @Override
        public Tensor[] backward(OpContext ctx, Tensor g) {
            Shape kept = (Shape) ctx.get("kept");
            Tensor spread = g.reshape(kept.toArray()).expand(ctx.inputShape(0).toArray());
            if (kind == ReduceOp.MEAN) {
                spread = spread.div((Long) ctx.get("count"));
            }
            return new Tensor[] {spread};
        }
    }

    /** Sum over axes. */
    public static final class Sum extends AxisReduction {
        /** Creates the operator. */
        public Sum() {
            super("sum", ReduceOp.SUM);
        }
    }

    /** Mean over axes. */
    public static final class Mean extends AxisReduction {
        /** Creates the operator. */
        public Mean() {
            super("mean", ReduceOp.MEAN);
        }
    }

    /**
     * The largest value: over everything (no attributes; the gradient is split evenly among ties, as
     * torch.max()), or along {@code axis} (the gradient goes to the first index of the maximum, as
     * torch.max(dim)).
     */
    public static final class Max extends NamedOperator {
        /** Creates the operator. */
        public Max() {
            super("max");
        }

        @Override
        public Tensor forward(OpContext ctx, Tensor... in) {
            Tensor x = in[0];
            if (!ctx.attrs().has("axis")) {
                Tensor out = ctx.allocate(x.dtype(), OpSupport.keepDims(x.shape(), all(x.dim())));
                ctx.kernels().reduce(ReduceOp.MAX, ctx.strided(x), ctx.strided(out));
                Tensor scalar = out.reshape();
                ctx.saveForBackward(x, scalar);
                return scalar;
            }
            int axis = OpSupport.axis(ctx, x, "axis");
            boolean[] reduced = new boolean[x.dim()];
            reduced[axis] = true;
            Shape kept = OpSupport.keepDims(x.shape(), reduced);
            Tensor out = ctx.allocate(x.dtype(), kept);
            ctx.kernels().reduce(ReduceOp.MAX, ctx.strided(x), ctx.strided(out));
            Tensor index = ctx.allocate(DType.INT64, kept);
            ctx.kernels().argReduce(true, ctx.strided(x), axis, ctx.strided(index));
            ctx.saveForBackward(x, index);
            ctx.put("kept", kept);
            ctx.put("axis", axis);
            return ctx.attrs().getBoolean("keepDim", false) ? out : out.reshape(OpSupport.dropDims(x.shape(), reduced).toArray());
        }

        private static boolean[] all(int rank) {
            boolean[] r = new boolean[rank];
            java.util.Arrays.fill(r, true);
            return r;
        }

        @Override
        public Tensor[] backward(OpContext ctx, Tensor g) {
            Tensor x = ctx.saved(0);
            if (!ctx.attrs().has("axis")) {
                Tensor hits = x.eq(ctx.saved(1));
                return new Tensor[] {hits.mul(g.div(hits.sum()))};
            }
            Shape kept = (Shape) ctx.get("kept");
            Tensor full = ctx.allocate(g.dtype(), ctx.inputShape(0));
            ctx.kernels().scatterAdd(ctx.strided(full), (Integer) ctx.get("axis"), ctx.strided(ctx.saved(1)),
                    ctx.strided(g.reshape(kept.toArray()).contiguous()));
            return new Tensor[] {full};
        }
    }

    /** The index of the largest value along {@code axis}, INT64, the axis removed (keepDim optional). */
    public static final class ArgMax extends NamedOperator {
        /** Creates the operator. */
        public ArgMax() {
            super("argmax");
        }

        @Override
        public Tensor forward(OpContext ctx, Tensor... in) {
            Tensor x = in[0];
            int axis = OpSupport.axis(ctx, x, "axis");
            boolean[] reduced = new boolean[x.dim()];
            reduced[axis] = true;
            Tensor index = ctx.allocate(DType.INT64, OpSupport.keepDims(x.shape(), reduced));
            ctx.kernels().argReduce(true, ctx.strided(x), axis, ctx.strided(index));
            return ctx.attrs().getBoolean("keepDim", false) ? index : index.reshape(OpSupport.dropDims(x.shape(), reduced).toArray());
        }

        @Override
        public Tensor[] backward(OpContext ctx, Tensor g) {
            return new Tensor[] {null};
        }
    }

    /** log(sum(exp(x))) along {@code axis}, shifted by the maximum so it never overflows. */
    public static final class LogSumExp extends NamedOperator {
        /** Creates the operator. */
        public LogSumExp() {
            super("logsumexp");
        }

        @Override
        public Tensor forward(OpContext ctx, Tensor... in) {
            Tensor x = OpSupport.as(in[0], OpSupport.floatingType(name(), in[0]));
            int axis = OpSupport.axis(ctx, x, "axis");
            Tensor m = x.max(axis, true);
            Tensor finite = Tensor.where(m.abs().lt(Double.POSITIVE_INFINITY), m, OpSupport.scalarLike(ctx, m, 0));
            Tensor kept = x.sub(finite).exp().sum(axis, true).log().add(finite);
            ctx.saveForBackward(x, kept);
            ctx.put("axis", axis);
            return kept.squeeze(axis);
        }

        @Override
        public Tensor[] backward(OpContext ctx, Tensor g) {
            int axis = (Integer) ctx.get("axis");
            Tensor x = ctx.saved(0);
            Tensor kept = ctx.saved(1);
            return new Tensor[] {g.unsqueeze(axis).mul(x.sub(kept).exp())};
        }
    }

    /** softmax along {@code axis}; gradient y * (g - sum(g * y)). */
    public static final class Softmax extends NamedOperator {
        /** Creates the operator. */
        public Softmax() {
            super("softmax");
        }

        @Override
        public Tensor forward(OpContext ctx, Tensor... in) {
            Tensor x = OpSupport.as(in[0], OpSupport.floatingType(name(), in[0]));
            int axis = OpSupport.axis(ctx, x, "axis");
            Tensor out = ctx.allocate(x.dtype(), x.shape());
            ctx.kernels().softmax(ctx.strided(x), axis, ctx.strided(out), false);
            ctx.saveForBackward(out);
            ctx.put("axis", axis);
            return out;
        }

        @Override
        public Tensor[] backward(OpContext ctx, Tensor g) {
            Tensor y = ctx.saved(0);
            int axis = (Integer) ctx.get("axis");
            return new Tensor[] {y.mul(g.sub(g.mul(y).sum(axis, true)))};
        }
    }

    /** log-softmax along {@code axis}; gradient g - exp(y) * sum(g). */
    public static final class LogSoftmax extends NamedOperator {
        /** Creates the operator. */
        public LogSoftmax() {
            super("log_softmax");
        }

        @Override
        public Tensor forward(OpContext ctx, Tensor... in) {
            Tensor x = OpSupport.as(in[0], OpSupport.floatingType(name(), in[0]));
            int axis = OpSupport.axis(ctx, x, "axis");
            Tensor out = ctx.allocate(x.dtype(), x.shape());
            ctx.kernels().softmax(ctx.strided(x), axis, ctx.strided(out), true);
            ctx.saveForBackward(out);
            ctx.put("axis", axis);
            return out;
        }

        @Override
        public Tensor[] backward(OpContext ctx, Tensor g) {
            Tensor y = ctx.saved(0);
            int axis = (Integer) ctx.get("axis");
            return new Tensor[] {g.sub(y.exp().mul(g.sum(axis, true)))};
        }
    }
}
