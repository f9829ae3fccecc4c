package org.myelin.autograd.ops;

import static org.myelin.api.OpSchema.Attr.INTEGER;
import static org.myelin.api.OpSchema.Attr.INTEGERS;
import static org.myelin.autograd.ops.Declared.define;
import static org.myelin.autograd.ops.Declared.schema;

import java.util.List;
import org.myelin.api.Attrs;
import org.myelin.api.GradMode;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Op;
import org.myelin.api.OpSchema;
import org.myelin.api.Operator;
import org.myelin.api.Shape;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.Tensor;
import org.myelin.api.spi.BinaryOp;
import org.myelin.api.spi.FusedKernels;
import org.myelin.api.spi.KernelContext;
import org.myelin.api.spi.Strided;

/**
 * Convolution as im2col and a matrix product. {@code im2col} copies every window of the padded
 * input into a column, through a strided view, so it needs no kernel but the pack's copy;
 * {@code col2im}, its adjoint and gradient, adds the columns back, one kernel offset at a time.
 * Each is the other's gradient, and the convolution's gradients are built from them and matmul,
 * so a second derivative can be taken.
 */
final class Conv {
    private Conv() {}

    static List<Operator> all() {
        return List.of(
                // (N, C, H, W) to (N, C·kh·kw, L): column l holds window l, in (c, i, j) order.
                define(windows(schema(Op.IM2COL).floating(0), new long[] {1}), (k, in) -> {
                    Windows win = Windows.of(k.operator(), k.attrs());
                    long[] x = Windows.batched(k.operator(), in[0].shape(), false);
                    long oh = win.outHeight(k.operator(), x[2]);
                    long ow = win.outWidth(k.operator(), x[3]);
                    var fused = k.kernel(FusedKernels.Im2col.class);
                    if (fused.isPresent()) {
                        Tensor out = k.allocate(in[0].dtype(), Shape.of(x[0], x[1] * win.kh() * win.kw(), oh * ow));
                        fused.get().im2col(k.strided(in[0].contiguous()), win.fused(oh, ow), k.strided(out));
                        return out;
                    }
                    // Else a strided view of the padded input holds every window: one copy makes the columns.
                    Tensor padded = win.ph() + win.pw() == 0 ? in[0]
                            : in[0].pad(new long[] {win.pw(), win.pw(), win.ph(), win.ph()}, 0);
                    Strided s = k.strided(padded);
                    long[] dims = {x[0], x[1], win.kh(), win.kw(), oh, ow};
                    Strided windows = new Strided(s.buffer(), s.offset(), dims, new long[] {s.stride(0), s.stride(1),
                        win.dh() * s.stride(2), win.dw() * s.stride(3), win.sh() * s.stride(2), win.sw() * s.stride(3)});
                    Tensor out = k.allocate(in[0].dtype(), Shape.of(x[0], x[1] * win.kh() * win.kw(), oh * ow));
                    if (out.numel() > 0) {
                        Strided o = k.strided(out);
                        k.kernels().copy(windows, new Strided(o.buffer(), o.offset(), dims, Strided.rowMajorStrides(dims)));
                    }
                    return out;
                }, (ctx, g) -> new Tensor[] {Tensor.apply(Op.COL2IM, ctx.attrs().with("outputSize",
                        new long[] {ctx.inputShape(0).size(2), ctx.inputShape(0).size(3)}), g)}),
                define(windows(schema(Op.COL2IM).floating(0).attr("outputSize", INTEGERS), new long[] {1}),
                        Conv::col2im, (ctx, g) -> new Tensor[] {Tensor.apply(Op.IM2COL, withoutOutputSize(ctx.attrs()), g)}),
                // The kernel's size comes from the weight (out_channels, in_channels / groups, kh, kw).
                define(schema(Op.CONV2D).inputs(2, 3).usage("(input, weight) or (input, weight, bias)").floating(0, 1, 2)
                        .attr("stride", INTEGERS, new long[] {1}).attr("padding", INTEGERS, new long[] {0})
                        .attr("dilation", INTEGERS, new long[] {1}).attr("groups", INTEGER, 1), Conv::conv2d,
                        Conv::conv2dGrad));
    }

    /** The window attributes; {@code stride} defaults as given (an empty default means the kernel's). */
    static OpSchema.Builder windows(OpSchema.Builder schema, long[] stride) {
        return schema.attr("kernel", INTEGERS).attr("stride", INTEGERS, stride)
                .attr("padding", INTEGERS, new long[] {0}).attr("dilation", INTEGERS, new long[] {1});
    }

    private static Attrs withoutOutputSize(Attrs a) {
        return Attrs.of("kernel", a.getLongs("kernel"), "stride", a.getLongs("stride"), "padding", a.getLongs("padding"),
                "dilation", a.getLongs("dilation"));
    }

    private static Tensor col2im(KernelContext k, Tensor[] in) {
        String op = k.operator();
        Windows win = Windows.of(op, k.attrs());
        long[] size = k.attrs().getLongs("outputSize");
        Tensor cols = in[0];
        if (size.length != 2 || cols.dim() != 3 || cols.size(1) % (win.kh() * win.kw()) != 0) {
            throw new ShapeMismatchException(op + ": columns " + cols.shape() + " must be (batch, channels * "
                    + win.kh() + " * " + win.kw() + ", windows) and outputSize a (height, width) pair");
        }
        long oh = win.outHeight(op, size[0]);
        long ow = win.outWidth(op, size[1]);
        if (cols.size(2) != oh * ow) {
            throw new ShapeMismatchException(op + ": columns " + cols.shape() + " hold " + cols.size(2) + " windows, but "
                    + "an output of " + size[0] + "x" + size[1] + " has " + oh * ow + " (" + oh + "x" + ow + ")");
        }
        long n = cols.size(0);
        long c = cols.size(1) / (win.kh() * win.kw());
        var fused = k.kernel(FusedKernels.Im2col.class);
        if (fused.isPresent()) {
            Tensor out = k.allocate(cols.dtype(), Shape.of(n, c, size[0], size[1]));
            fused.get().col2im(k.strided(cols.contiguous()), win.fused(oh, ow), k.strided(out));
            return out;
        }
        long hp = size[0] + 2 * win.ph();
        long wp = size[1] + 2 * win.pw();
        Tensor out = k.allocate(cols.dtype(), Shape.of(n, c, hp, wp));
        Strided o = k.strided(out);
        k.kernels().fill(o, 0);
        Strided s = k.strided(cols);
        long[] dims = {n, c, oh, ow};
        long[] srcStrides = {s.stride(0), win.kh() * win.kw() * s.stride(1), ow * s.stride(2), s.stride(2)};
        long[] dstStrides = {o.stride(0), o.stride(1), win.sh() * o.stride(2), win.sw() * o.stride(3)};
        for (long i = 0; i < win.kh() && out.numel() > 0; i++) {
            for (long j = 0; j < win.kw(); j++) {
                // Within one kernel offset the windows never overlap, so one add per offset is safe.
                Strided dst = new Strided(o.buffer(), o.offset() + i * win.dh() * o.stride(2) + j * win.dw() * o.stride(3),
                        dims, dstStrides);
                Strided src = new Strided(s.buffer(), s.offset() + (i * win.kw() + j) * s.stride(1), dims, srcStrides);
                k.kernels().binary(BinaryOp.ADD, dst, src, dst);
            }
        }
        if (win.ph() + win.pw() == 0) {
            return out;
        }
        return k.view(out, o.offset() + win.ph() * o.stride(2) + win.pw() * o.stride(3), Shape.of(n, c, size[0], size[1]),
                o.strides());
    }

    private static Tensor conv2d(KernelContext k, Tensor[] in) {
        String op = k.operator();
        Tensor x = in[0];
        Tensor w = in[1];
        Tensor b = in.length == 3 ? in[2] : null;
        long[] xs = Windows.batched(op, x.shape(), false);
        int groups = k.attrs().getInt("groups");
        if (w.dim() != 4) {
            throw new ShapeMismatchException(op + ": the weight must be 4-d (out_channels, in_channels / groups, "
                    + "kernel height, kernel width), got " + w.shape());
        }
        long o = w.size(0);
        if (groups < 1 || xs[1] % groups != 0 || o % groups != 0) {
            throw new InvalidArgumentException(op + ": groups (" + groups + ") must be at least 1 and divide both the "
                    + "input's channels (" + xs[1] + ") and the output channels (" + o + ")");
        }
        if (w.size(1) * groups != xs[1]) {
            throw new ShapeMismatchException(op + ": the input " + x.shape() + " has " + xs[1] + " channels, but the "
                    + "weight " + w.shape() + " expects " + w.size(1) * groups + " (in_channels" + (groups > 1 ? ", with "
                    + groups + " groups" : "") + "); check the layer before it");
        }
        if (b != null && !(b.dim() == 1 && b.size(0) == o)) {
            throw new ShapeMismatchException(op + ": the bias " + b.shape() + " must have shape [" + o + "]");
        }
        Attrs windows = windowAttrs(k.attrs(), w);
        Windows win = Windows.of(op, windows);
        long oh = win.outHeight(op, xs[2]);
        long ow = win.outWidth(op, xs[3]);
        Tensor cols = Tensor.apply(Op.IM2COL, windows, x);
        long ckk = w.size(1) * w.size(2) * w.size(3);
        Tensor out = grouped(w, groups).matmul(cols.reshape(xs[0], groups, ckk, oh * ow)).reshape(xs[0], o, oh, ow);
        if (b != null) {
            Strided os = k.strided(out);
            k.kernels().binary(BinaryOp.ADD, os, k.strided(b.reshape(1, o, 1, 1), out.shape()), os);
        }
        k.saveForBackward(x, w, cols);
        k.put("windows", windows);
        return out;
    }

    private static Tensor[] conv2dGrad(org.myelin.api.OpContext ctx, Tensor g) {
        Tensor x = ctx.saved(0);
        Tensor w = ctx.saved(1);
        Attrs windows = (Attrs) ctx.get("windows");
        int groups = ctx.attrs().getInt("groups");
        // Under createGraph the columns are taken again from x, so the weight's gradient stays a function of x.
        Tensor cols = GradMode.isEnabled() ? Tensor.apply(Op.IM2COL, windows, x) : ctx.saved(2);
        long n = x.size(0);
        long ckk = w.size(1) * w.size(2) * w.size(3);
        long l = cols.size(2);
        Tensor gm = g.reshape(n, groups, w.size(0) / groups, l);
        Tensor[] grads = new Tensor[ctx.inputCount()];
        if (ctx.needsInputGrad(0)) {
            grads[0] = grouped(w, groups).transpose(-1, -2).matmul(gm).reshape(n, groups * ckk, l);
            grads[0] = Tensor.apply(Op.COL2IM, windows.with("outputSize", new long[] {x.size(2), x.size(3)}), grads[0]);
        }
        if (ctx.needsInputGrad(1)) {
            grads[1] = gm.matmul(cols.reshape(n, groups, ckk, l).transpose(-1, -2)).sum(0, false)
                    .reshape(w.shape().toArray());
        }
        if (grads.length > 2 && ctx.needsInputGrad(2)) {
            grads[2] = g.sum(new int[] {0, 2, 3}, false);
        }
        return grads;
    }

    /** The weight (O, C/G, kh, kw) as G matrices (O/G, C/G·kh·kw). */
    private static Tensor grouped(Tensor w, int groups) {
        return w.reshape(groups, w.size(0) / groups, w.size(1) * w.size(2) * w.size(3));
    }

    private static Attrs windowAttrs(Attrs a, Tensor w) {
        return Attrs.of("kernel", new long[] {w.size(2), w.size(3)}, "stride", a.getLongs("stride"),
                "padding", a.getLongs("padding"), "dilation", a.getLongs("dilation"));
    }
}
