package org.myelin.autograd.ops;

import static org.myelin.api.OpSchema.Attr.INTEGER;
import static org.myelin.autograd.ops.Declared.define;
import static org.myelin.autograd.ops.Declared.schema;

import java.util.List;
import org.myelin.api.DType;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Op;
import org.myelin.api.Operator;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.Tensor;

/**
 * {@code gather} and {@code scatter_add} along an axis with an INT64 index, each the other's
 * gradient, so gradients through indexing can be differentiated again.
 */
final class Indexing {
    private Indexing() {}

    static List<Operator> all() {
        return List.of(
                define(schema(Op.GATHER).inputs(2).attr("axis", INTEGER), (k, in) -> {
                    Tensor x = in[0];
                    Tensor index = checkIndex(k.operator(), x, in[1]);
                    int axis = x.shape().normalizeAxis(k.attrs().getInt("axis"));
                    Tensor out = k.allocate(x.dtype(), index.shape());
                    k.kernels().gather(k.strided(x), axis, k.strided(index), k.strided(out));
                    k.saveForBackward(index);
                    k.put("axis", axis);
                    return out;
                }, (ctx, g) -> new Tensor[] {g.newZeros(ctx.inputShape(0).toArray())
                    .scatterAdd((Integer) ctx.get("axis"), ctx.saved(0), g), null}),
                // out = base, then out[index[i][j]][j] += src[i][j] for axis 0, and so on.
                define(schema(Op.SCATTER_ADD).inputs(3).floating(0, 2).attr("axis", INTEGER), (k, in) -> {
                    Tensor base = in[0];
                    Tensor index = checkIndex(k.operator(), base, in[1]);
                    if (!in[2].shape().equals(index.shape())) {
                        throw new ShapeMismatchException(k.operator() + ": src " + in[2].shape() + " must have the index's "
                                + "shape " + index.shape());
                    }
                    int axis = base.shape().normalizeAxis(k.attrs().getInt("axis"));
                    Tensor out = k.allocate(base.dtype(), base.shape());
                    if (base.numel() > 0) {
                        k.kernels().copy(k.strided(base), k.strided(out));
                    }
                    k.kernels().scatterAdd(k.strided(out), axis, k.strided(index), k.strided(in[2].contiguous()));
                    k.saveForBackward(index);
                    k.put("axis", axis);
                    return out;
                }, (ctx, g) -> new Tensor[] {
                    ctx.needsInputGrad(0) ? g : null,
                    null,
                    ctx.needsInputGrad(2) ? g.gather((Integer) ctx.get("axis"), ctx.saved(0)) : null}));
    }

    private static Tensor checkIndex(String op, Tensor x, Tensor index) {
        if (index.dtype() != DType.INT64) {
            throw new InvalidArgumentException(op + ": the index must be INT64, got " + index.dtype());
        }
        if (index.dim() != x.dim()) {
            throw new ShapeMismatchException(op + ": index shape " + index.shape() + " must have the rank of the input "
                    + x.shape());
        }
        return index;
    }

}
