package org.myelin.autograd.ops;

import static org.myelin.api.OpSchema.Attr.BOOLEAN;
import static org.myelin.api.OpSchema.Attr.INTEGER;
import static org.myelin.autograd.ops.Declared.define;
import static org.myelin.autograd.ops.Declared.schema;

import java.util.List;
import org.myelin.api.DType;
import org.myelin.api.Op;
import org.myelin.api.Operator;
import org.myelin.api.Shape;
import org.myelin.api.Tensor;
import org.myelin.api.spi.ReduceOp;

/**
 * The largest value (or, as {@code min}, the smallest): over everything (no {@code axis}; the gradient is split evenly among ties, as
 * torch.max()), or along {@code axis} (the gradient goes to the first index of the maximum, as
 * torch.max(dim), scattered back so it stays differentiable).
 */
final class Max {
    private Max() {}

    static List<Operator> all() {
        return List.of(declaration(Op.MAX, ReduceOp.MAX), declaration(Op.MIN, ReduceOp.MIN));
    }

    private static Operator declaration(Op op, ReduceOp kind) {
        return define(schema(op).optional("axis", INTEGER).attr("keepDim", BOOLEAN, false), (k, in) -> {
            Tensor x = in[0];
            boolean[] reduced = new boolean[x.dim()];
            Integer axis = k.attrs().has("axis") ? x.shape().normalizeAxis(k.attrs().getInt("axis")) : null;
            for (int i = 0; i < reduced.length; i++) {
                reduced[i] = axis == null || i == axis;
            }
            Shape kept = Reductions.keep(x.shape(), reduced);
            Tensor out = k.allocate(x.dtype(), kept);
            k.kernels().reduce(kind, k.strided(x), k.strided(out));
            if (axis == null) {
                Tensor scalar = out.reshape();
                k.saveForBackward(x, scalar);
                return scalar;
            }
            Tensor index = k.allocate(DType.INT64, kept);
            k.kernels().argReduce(kind == ReduceOp.MAX, k.strided(x), axis, k.strided(index));
            k.saveForBackward(index);
            k.put("axis", axis);
            return k.attrs().getBoolean("keepDim") ? out : out.reshape(Reductions.drop(x.shape(), reduced));
        }, (ctx, g) -> {
            if (ctx.get("axis") == null) {
                Tensor hits = ctx.saved(0).eq(ctx.saved(1));
                return new Tensor[] {hits.mul(g.div(hits.sum()))};
            }
            Tensor index = ctx.saved(0);
            return new Tensor[] {g.newZeros(ctx.inputShape(0).toArray())
                    .scatterAdd((Integer) ctx.get("axis"), index, g.reshape(index.shape().toArray()))};
        });
    }
}
