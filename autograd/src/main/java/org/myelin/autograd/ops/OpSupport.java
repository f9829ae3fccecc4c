package org.myelin.autograd.ops;

import org.myelin.api.DType;
import org.myelin.api.DTypeException;
import org.myelin.api.Shape;
import org.myelin.api.Tensor;
import org.myelin.autograd.Internals;
import org.myelin.api.OpContext;
import org.myelin.api.spi.Strided;

/** Small helpers the built-in operators share. */
final class OpSupport {
    private OpSupport() {}

    /** The kernel view of {@code t} read as {@code target}, broadcasting by stride 0. */
    static Strided viewAs(OpContext ctx, Tensor t, Shape target) {
        Strided s = ctx.strided(t);
        if (t.shape().equals(target)) {
            return s;
        }
        return new Strided(s.buffer(), s.offset(), target.toArray(),
                Internals.broadcastStrides(ctx.operator(), t.shape(), s.strides(), target));
    }

    /** The promoted floating type of the inputs; integer-only arithmetic is refused with advice. */
    static DType floatingType(String op, Tensor... inputs) {
        DType d = inputs[0].dtype();
        for (int i = 1; i < inputs.length; i++) {
            d = DType.promote(d, inputs[i].dtype());
        }
        if (!d.isFloatingPoint()) {
            throw new DTypeException(op + " needs floating-point inputs, got " + d + "; convert with to(DType.FLOAT32)");
        }
        return d;
    }

    static Tensor as(Tensor t, DType d) {
        return t.dtype() == d ? t : t.to(d);
    }

    static int axis(OpContext ctx, Tensor t, String key) {
        return t.shape().normalizeAxis(ctx.attrs().getInt(key));
    }

    /** A rank-0 tensor of {@code like}'s type and device. */
    static Tensor scalarLike(OpContext ctx, Tensor like, double value) {
        Tensor s = ctx.allocate(like.dtype(), Shape.scalar());
        ctx.kernels().fill(ctx.strided(s), value);
        return s;
    }

    /** The shape with the given axes kept as size 1. */
    static Shape keepDims(Shape s, boolean[] reduced) {
        long[] dims = s.toArray();
        for (int i = 0; i < dims.length; i++) {
            if (reduced[i]) {
                dims[i] = 1;
            }
        }
        return Shape.of(dims);
    }

    /** The shape without the given axes. */
    static Shape dropDims(Shape s, boolean[] reduced) {
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
        return Shape.of(dims);
    }
}
