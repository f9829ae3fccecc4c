package org.myelin.autograd.ops;

import static org.myelin.api.OpSchema.Attr.INTEGER;
import static org.myelin.api.OpSchema.Attr.INTEGERS;
import static org.myelin.api.OpSchema.Attr.NUMBER;
import static org.myelin.autograd.ops.Declared.define;
import static org.myelin.autograd.ops.Declared.schema;

import java.util.Arrays;
import java.util.List;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Op;
import org.myelin.api.Operator;
import org.myelin.api.Shape;
import org.myelin.api.Tensor;
import org.myelin.api.spi.Strided;

/**
 * {@code slice} and {@code pad}, each the other's gradient: a slice's gradient is the incoming one
 * padded with zeros back to the input's shape, and a padding's gradient is the middle sliced out.
 */
final class Slice {
    private Slice() {}

    static List<Operator> all() {
        return List.of(
                // Elements start..end-1 along an axis, as a view; indices clamp as Python's do.
                define(schema(Op.SLICE).attr("axis", INTEGER).attr("start", INTEGER).attr("end", INTEGER), (k, in) -> {
                    Strided s = k.strided(in[0]);
                    int axis = in[0].shape().normalizeAxis(k.attrs().getInt("axis"));
                    long size = s.size(axis);
                    long start = clamp(k.attrs().getLong("start"), size);
                    long end = Math.max(start, clamp(k.attrs().getLong("end"), size));
                    long[] dims = s.shape().clone();
                    dims[axis] = end - start;
                    k.put("axis", axis);
                    k.put("start", start);
                    return k.view(in[0], s.offset() + start * s.stride(axis), Shape.of(dims), s.strides());
                }, (ctx, g) -> {
                    int axis = (Integer) ctx.get("axis");
                    long start = (Long) ctx.get("start");
                    int rank = g.dim();
                    long[] pads = new long[2 * (rank - axis)];
                    pads[pads.length - 2] = start;
                    pads[pads.length - 1] = ctx.inputShape(0).size(axis) - start - g.shape().size(axis);
                    return new Tensor[] {g.pad(pads, 0)};
                }),
                // (before, after) pairs, the last axis first, as PyTorch's F.pad.
                define(schema(Op.PAD).floating(0).attr("pads", INTEGERS).attr("value", NUMBER, 0.0), (k, in) -> {
                    Tensor x = in[0];
                    long[] pads = k.attrs().getLongs("pads");
                    long[] dims = padded(x.shape(), pads);
                    Tensor out = k.allocate(x.dtype(), Shape.of(dims));
                    Strided o = k.strided(out);
                    if (k.attrs().getDouble("value") != 0) {
                        k.kernels().fill(o, k.attrs().getDouble("value"));
                    }
                    long offset = 0;
                    for (int j = 0; j < pads.length / 2; j++) {
                        offset += pads[2 * j] * o.stride(x.dim() - 1 - j);
                    }
                    if (x.numel() > 0) {
                        Strided middle = new Strided(o.buffer(), offset, x.shape().toArray(), o.strides());
                        k.kernels().copy(k.strided(x), middle);
                    }
                    return out;
                }, (ctx, g) -> {
                    long[] pads = ctx.attrs().getLongs("pads");
                    Tensor middle = g;
                    int rank = g.dim();
                    for (int j = 0; j < pads.length / 2; j++) {
                        int axis = rank - 1 - j;
                        middle = middle.slice(axis, pads[2 * j], pads[2 * j] + ctx.inputShape(0).size(axis));
                    }
                    return new Tensor[] {middle};
                }));
    }

    private static long clamp(long index, long size) {
        long i = index < 0 ? index + size : index;
        return Math.max(0, Math.min(size, i));
    }

    private static long[] padded(Shape shape, long[] pads) {
        if (pads.length % 2 != 0 || pads.length / 2 > shape.rank()) {
            throw new InvalidArgumentException("pad: pads " + Arrays.toString(pads) + " must be (before, after) pairs, "
                    + "at most one per axis of the input " + shape);
        }
        long[] dims = shape.toArray();
        for (int j = 0; j < pads.length / 2; j++) {
            if (pads[2 * j] < 0 || pads[2 * j + 1] < 0) {
                throw new InvalidArgumentException("pad: sizes must not be negative, got " + Arrays.toString(pads)
                        + "; cut with slice() instead");
            }
            int axis = shape.rank() - 1 - j;
            dims[axis] = Math.addExact(dims[axis], Math.addExact(pads[2 * j], pads[2 * j + 1]));
        }
        return dims;
    }
}
