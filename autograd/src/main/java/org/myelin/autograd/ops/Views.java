package org.myelin.autograd.ops;

import static org.myelin.api.OpSchema.Attr.BOOLEAN;
import static org.myelin.api.OpSchema.Attr.INTEGER;
import static org.myelin.api.OpSchema.Attr.INTEGERS;
import static org.myelin.api.OpSchema.Attr.STRING;
import static org.myelin.autograd.ops.Declared.define;
import static org.myelin.autograd.ops.Declared.schema;

import java.util.Arrays;
import java.util.List;
import org.myelin.api.DType;
import org.myelin.api.Device;
import org.myelin.api.Op;
import org.myelin.api.Operator;
import org.myelin.api.Shape;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.Tensor;
import org.myelin.api.spi.Strided;

/** Operators that return views sharing their input's storage, and the copies: to another layout, type or device. */
final class Views {
    private Views() {}

    static List<Operator> all() {
        return List.of(
                // With view=true it must share storage; otherwise it copies when no view can.
                define(schema(Op.RESHAPE).attr("shape", INTEGERS).attr("view", BOOLEAN, false), (k, in) -> {
                    Tensor x = in[0];
                    String op = k.attrs().getBoolean("view") ? "view" : "reshape";
                    long[] dims = ViewLayouts.inferShape(op, x.shape(), k.attrs().getLongs("shape"));
                    Strided s = k.strided(x);
                    long[] strides = ViewLayouts.viewStrides(s.shape(), s.strides(), dims);
                    if (strides != null) {
                        return k.view(x, s.offset(), Shape.of(dims), strides);
                    }
                    if (op.equals("view")) {
                        throw new ShapeMismatchException("view: a tensor of shape " + x.shape() + " with strides "
                                + Arrays.toString(s.strides()) + " cannot be viewed as " + Arrays.toString(dims)
                                + " without a copy; use reshape() or contiguous().view()");
                    }
                    return k.view(x.copy(), 0, Shape.of(dims), Strided.rowMajorStrides(dims));
                }, (ctx, g) -> new Tensor[] {g.reshape(ctx.inputShape(0).toArray())}),
                define(schema(Op.TRANSPOSE).attr("axis0", INTEGER).attr("axis1", INTEGER), (k, in) -> {
                    Strided s = k.strided(in[0]);
                    int a = in[0].shape().normalizeAxis(k.attrs().getInt("axis0"));
                    int b = in[0].shape().normalizeAxis(k.attrs().getInt("axis1"));
                    long[] dims = s.shape().clone();
                    long[] strides = s.strides().clone();
                    swap(dims, a, b);
                    swap(strides, a, b);
                    return k.view(in[0], s.offset(), Shape.of(dims), strides);
                }, (ctx, g) -> new Tensor[] {g.transpose(ctx.attrs().getInt("axis0"), ctx.attrs().getInt("axis1"))}),
                define(schema(Op.PERMUTE).attr("axes", INTEGERS), (k, in) -> {
                    int[] axes = permutation(in[0].shape(), k.attrs().getInts("axes"));
                    Strided s = k.strided(in[0]);
                    long[] dims = new long[axes.length];
                    long[] strides = new long[axes.length];
                    for (int i = 0; i < axes.length; i++) {
                        dims[i] = s.size(axes[i]);
                        strides[i] = s.stride(axes[i]);
                    }
                    k.put("axes", axes);
                    return k.view(in[0], s.offset(), Shape.of(dims), strides);
                }, (ctx, g) -> {
                    int[] axes = (int[]) ctx.get("axes");
                    int[] inverse = new int[axes.length];
                    for (int i = 0; i < axes.length; i++) {
                        inverse[axes[i]] = i;
                    }
                    return new Tensor[] {g.permute(inverse)};
                }),
                // -1 keeps a size; new leading axes and size-1 axes get stride 0.
                define(schema(Op.EXPAND).attr("shape", INTEGERS), (k, in) -> {
                    Tensor x = in[0];
                    long[] dims = k.attrs().getLongs("shape");
                    int shift = dims.length - x.dim();
                    if (shift < 0) {
                        throw new ShapeMismatchException("expand: cannot expand shape " + x.shape()
                                + " to fewer dimensions " + Arrays.toString(dims));
                    }
                    for (int i = 0; i < dims.length; i++) {
                        if (dims[i] == -1) {
                            if (i < shift) {
                                throw new ShapeMismatchException("expand: -1 is not allowed for a new leading axis in "
                                        + Arrays.toString(dims));
                            }
                            dims[i] = x.shape().size(i - shift);
                        }
                    }
                    Strided s = k.strided(x).broadcastTo(k.operator(), dims);
                    return k.view(x, s.offset(), Shape.of(dims), s.strides());
                }, (ctx, g) -> new Tensor[] {g}),
                define(schema(Op.COPY), (k, in) -> copy(k, in[0], in[0].dtype()), (ctx, g) -> new Tensor[] {g}),
                define(schema(Op.TO_DTYPE).attr("dtype", STRING), 
                        (k, in) -> copy(k, in[0], DType.valueOf(k.attrs().getString("dtype"))),
                        (ctx, g) -> new Tensor[] {ctx.inputDType(0).isFloatingPoint()
                                ? g.to(ctx.inputDType(0)) : null}),
                define(schema(Op.TO_DEVICE).attr("device", STRING), 
                        (k, in) -> k.transfer(in[0], Device.parse(k.attrs().getString("device"))),
                        (ctx, g) -> new Tensor[] {g.to(ctx.device())}));
    }

    private static Tensor copy(org.myelin.api.spi.KernelContext k, Tensor x, DType type) {
        Tensor out = k.allocate(type, x.shape());
        if (x.numel() > 0) {
            k.kernels().copy(k.strided(x), k.strided(out));
        }
        return out;
    }

    private static int[] permutation(Shape shape, int[] given) {
        int[] axes = new int[given.length];
        boolean[] seen = new boolean[shape.rank()];
        boolean ok = given.length == shape.rank();
        for (int i = 0; ok && i < given.length; i++) {
            ok = given[i] >= -shape.rank() && given[i] < shape.rank();
            axes[i] = ok ? shape.normalizeAxis(given[i]) : 0;
            ok = ok && !seen[axes[i]];
            seen[axes[i]] = true;
        }
        if (!ok) {
            throw new ShapeMismatchException("permute: axes " + Arrays.toString(given) + " must name each of the "
                    + shape.rank() + " axes of the input " + shape + " once");
        }
        return axes;
    }

    private static void swap(long[] v, int i, int j) {
        long t = v[i];
        v[i] = v[j];
        v[j] = t;
    }
}
