package org.myelin.autograd.ops;

import static org.myelin.api.OpSchema.Attr.INTEGER;
import static org.myelin.autograd.ops.Declared.define;
import static org.myelin.autograd.ops.Declared.schema;

import org.myelin.api.DType;
import org.myelin.api.Op;
import org.myelin.api.Operator;
import org.myelin.api.Shape;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.Tensor;

/** Joins tensors along {@code axis}; every other size must match. The gradient is sliced apart again. */
final class Cat {
    private Cat() {}

    static Operator declaration() {
        return define(schema(Op.CAT).inputs(1, Integer.MAX_VALUE).attr("axis", INTEGER, 0), (k, in) -> {
            Tensor first = in[0];
            int axis = first.shape().normalizeAxis(k.attrs().getInt("axis"));
            DType d = first.dtype();
            long total = 0;
            for (Tensor t : in) {
                if (t.dim() != first.dim()) {
                    throw new ShapeMismatchException("cat: all tensors need the same rank, got " + first.shape()
                            + " and " + t.shape());
                }
                for (int i = 0; i < t.dim(); i++) {
                    if (i != axis && t.shape().size(i) != first.shape().size(i)) {
                        throw new ShapeMismatchException("cat along axis " + axis + ": shapes " + first.shape()
                                + " and " + t.shape() + " differ at axis " + i + "; only the joined axis may differ");
                    }
                }
                d = DType.promote(d, t.dtype());
                total += t.shape().size(axis);
            }
            long[] dims = first.shape().toArray();
            dims[axis] = total;
            Tensor out = k.allocate(d, Shape.of(dims));
            long at = 0;
            for (Tensor t : in) {
                long n = t.shape().size(axis);
                if (n > 0 && t.numel() > 0) {
                    k.kernels().copy(k.strided(t), k.strided(out.slice(axis, at, at + n)));
                }
                at += n;
            }
            k.put("axis", axis);
            return out;
        }, (ctx, g) -> {
            int axis = (Integer) ctx.get("axis");
            Tensor[] grads = new Tensor[ctx.inputCount()];
            long at = 0;
            for (int i = 0; i < grads.length; i++) {
                long n = ctx.inputShape(i).size(axis);
                grads[i] = ctx.needsInputGrad(i) ? g.slice(axis, at, at + n) : null;
                at += n;
            }
            return grads;
        });
    }
}
