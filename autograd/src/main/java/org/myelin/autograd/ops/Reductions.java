package org.myelin.autograd.ops;

import static org.myelin.api.OpSchema.Attr.BOOLEAN;
import static org.myelin.api.OpSchema.Attr.INTEGER;
import static org.myelin.api.OpSchema.Attr.INTEGERS;
import static org.myelin.autograd.ops.Declared.define;
import static org.myelin.autograd.ops.Declared.schema;

import java.util.List;
import java.util.Optional;
import org.myelin.api.DType;
import org.myelin.api.Op;
import org.myelin.api.Operator;
import org.myelin.api.Shape;
import org.myelin.api.Tensor;
import org.myelin.api.spi.FusedKernels;
import org.myelin.api.spi.ReduceOp;

/** Reductions over axes, with their gradients: each spreads the output's gradient back over the inputs. */
final class Reductions {
    private Reductions() {}

    static List<Operator> all() {
        return List.of(
                overAxes(Op.SUM, ReduceOp.SUM),
                overAxes(Op.MEAN, ReduceOp.MEAN),
                argReduce(Op.ARGMAX, true),
                argReduce(Op.ARGMIN, false),
                // Shifted by the maximum so it never overflows; an all -inf row stays -inf.
                define(schema(Op.LOGSUMEXP).floating(0).attr("axis", INTEGER), (k, in) -> {
                    Tensor x = in[0];
                    int axis = x.shape().normalizeAxis(k.attrs().getInt("axis"));
                    Tensor m = x.max(axis, true);
                    Tensor finite = Tensor.where(m.abs().lt(Double.POSITIVE_INFINITY), m, m.newZeros());
                    Tensor out = x.sub(finite).exp().sum(axis, true).log().add(finite).squeeze(axis);
                    k.saveForBackward(x, out);
                    k.put("axis", axis);
                    return out;
                }, (ctx, g) -> {
                    int axis = (Integer) ctx.get("axis");
                    return new Tensor[] {g.unsqueeze(axis).mul(ctx.saved(0).sub(ctx.saved(1).unsqueeze(axis)).exp())};
                }),
                // The gradient y * (g - sum(g * y)).
                softmax(Op.SOFTMAX, false, (x, axis) -> {
                    Tensor e = x.sub(x.max(axis, true)).exp();
                    return e.div(e.sum(axis, true));
                }, (y, g, axis) -> y.mul(g.sub(g.mul(y).sum(axis, true)))),
                // The gradient g - exp(y) * sum(g).
                softmax(Op.LOG_SOFTMAX, true, (x, axis) -> x.sub(x.logSumExp(axis).unsqueeze(axis)),
                        (y, g, axis) -> g.sub(y.exp().mul(g.sum(axis, true)))));
    }

    /** The first index of the largest (or smallest) value along {@code axis}. */
    private static Operator argReduce(Op op, boolean max) {
        return define(schema(op).attr("axis", INTEGER).attr("keepDim", BOOLEAN, false), (k, in) -> {
            int axis = in[0].shape().normalizeAxis(k.attrs().getInt("axis"));
            boolean[] reduced = new boolean[in[0].dim()];
            reduced[axis] = true;
            Tensor index = k.allocate(DType.INT64, keep(in[0].shape(), reduced));
            k.kernels().argReduce(max, k.strided(in[0]), axis, k.strided(index));
            return k.attrs().getBoolean("keepDim") ? index : index.reshape(drop(in[0].shape(), reduced));
        }, Elementwise.NO_GRADIENT);
    }

    /** Sum or mean over {@code axes}, keeping them as size 1 when {@code keepDim}. */
    private static Operator overAxes(Op op, ReduceOp kind) {
        return define(schema(op).floating(0).attr("axes", INTEGERS).attr("keepDim", BOOLEAN, false), (k, in) -> {
            Tensor x = in[0];
            boolean[] reduced = new boolean[x.dim()];
            for (int a : k.attrs().getInts("axes")) {
                reduced[x.shape().normalizeAxis(a)] = true;
            }
            Shape kept = keep(x.shape(), reduced);
            Tensor out = k.allocate(x.dtype(), kept);
            k.kernels().reduce(kind, k.strided(x), k.strided(out));
            k.put("kept", kept);
            k.put("count", x.numel() / Math.max(1, kept.numel()));
            return k.attrs().getBoolean("keepDim") ? out : out.reshape(drop(x.shape(), reduced));
        }, (ctx, g) -> {
            Tensor spread = g.reshape(((Shape) ctx.get("kept")).toArray()).expand(ctx.inputShape(0).toArray());
            return new Tensor[] {kind == ReduceOp.MEAN ? spread.div((Long) ctx.get("count")) : spread};
        });
    }

    @FunctionalInterface
    interface AlongAxis {
        Tensor of(Tensor x, int axis);
    }

    @FunctionalInterface
    interface SoftmaxGradient {
        Tensor of(Tensor y, Tensor g, int axis);
    }

    /** The backend's fused kernel where it has one, else the same function in tensor operations. */
    private static Operator softmax(Op op, boolean log, AlongAxis fallback, SoftmaxGradient gradient) {
        return define(schema(op).floating(0).attr("axis", INTEGER), (k, in) -> {
            Tensor x = in[0];
            int axis = x.shape().normalizeAxis(k.attrs().getInt("axis"));
            Optional<FusedKernels.Softmax> fused = k.kernel(FusedKernels.Softmax.class);
            Tensor out;
            if (fused.isPresent()) {
                out = k.allocate(x.dtype(), x.shape());
                fused.get().softmax(k.strided(x), axis, k.strided(out), log);
            } else {
                out = fallback.of(x, axis);
            }
            k.saveForBackward(out);
            k.put("axis", axis);
            return out;
        }, (ctx, g) -> new Tensor[] {gradient.of(ctx.saved(0), g, (Integer) ctx.get("axis"))});
    }

    /** The shape with the given axes kept as size 1. */
    static Shape keep(Shape s, boolean[] reduced) {
        long[] dims = s.toArray();
        for (int i = 0; i < dims.length; i++) {
            if (reduced[i]) {
                dims[i] = 1;
            }
        }
        return Shape.of(dims);
    }

    /** The sizes without the given axes. */
    static long[] drop(Shape s, boolean[] reduced) {
        int n = 0;
        for (boolean r : reduced) {
            n += r ? 0 : 1;
        }
        long[] dims = new long[n];
        for (int i = 0, j = 0; i < reduced.length; i++) {
            if (!reduced[i]) {
                dims[j++] = s.size(i);
            }
        }
        return dims;
    }

}
