package org.myelin.autograd.ops;

import static org.myelin.api.OpSchema.Attr.BOOLEAN;
import static org.myelin.api.OpSchema.Attr.INTEGERS;
import static org.myelin.autograd.ops.Declared.define;
import static org.myelin.autograd.ops.Declared.schema;

import java.util.List;
import org.myelin.api.Attrs;
import org.myelin.api.DType;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Op;
import org.myelin.api.Operator;
import org.myelin.api.Shape;
import org.myelin.api.Tensor;
import org.myelin.api.spi.FusedKernels;
import org.myelin.api.spi.KernelContext;
import org.myelin.api.spi.ReduceOp;
import org.myelin.api.spi.Strided;

/**
 * Pooling over the windows of each channel, as PyTorch's {@code F.max_pool2d}, {@code F.avg_pool2d}
 * and {@code F.adaptive_avg_pool2d}, on (N, C, H, W) or (C, H, W). Each channel is an image of one
 * channel, so im2col's columns hold one window each; the gradients go back through col2im.
 */
final class Pooling {
    private Pooling() {}

    static List<Operator> all() {
        return List.of(
                // The gradient goes to the first largest element of each window, as PyTorch's does.
                define(Conv.windows(schema(Op.MAX_POOL2D).floating(0), new long[0]), Pooling::maxPool, (ctx, g) -> {
                    Plan p = (Plan) ctx.get("plan");
                    Tensor index = ctx.saved(0);
                    if (ctx.get("inPlane") != null) {
                        // The pack's kernel gave each maximum's position in its plane.
                        Tensor grad = g.newZeros(p.planes, p.h * p.w).scatterAdd(1, index,
                                g.reshape(p.planes, p.windows()));
                        return new Tensor[] {grad.reshape(ctx.inputShape(0).toArray())};
                    }
                    Tensor cols = g.newZeros(p.planes, p.win.kh() * p.win.kw(), p.windows())
                            .scatterAdd(1, index, g.reshape(index.shape().toArray()));
                    long hp = p.h + 2 * p.win.ph();
                    long wp = p.w + 2 * p.win.pw();
                    Tensor grad = Tensor.apply(Op.COL2IM, p.win.attrs(0, 0).with("outputSize", new long[] {hp, wp}), cols);
                    if (hp != p.h || wp != p.w) {
                        grad = grad.slice(2, p.win.ph(), p.win.ph() + p.h).slice(3, p.win.pw(), p.win.pw() + p.w);
                    }
                    return new Tensor[] {grad.reshape(ctx.inputShape(0).toArray())};
                }),
                // Padding counts as zeros in the mean unless countIncludePad is false.
                define(Conv.windows(schema(Op.AVG_POOL2D).floating(0), new long[0]).attr("countIncludePad", BOOLEAN, true),
                        Pooling::avgPool, (ctx, g) -> {
                            Plan p = (Plan) ctx.get("plan");
                            long kk = p.win.kh() * p.win.kw();
                            Tensor share = g.reshape(p.planes, 1, p.windows()).div(ctx.saved(0));
                            Tensor cols = share.expand(p.planes, kk, p.windows());
                            Tensor grad = Tensor.apply(Op.COL2IM, p.win.attrs(p.win.ph(), p.win.pw())
                                    .with("outputSize", new long[] {p.h, p.w}), cols);
                            return new Tensor[] {grad.reshape(ctx.inputShape(0).toArray())};
                        }),
                // Window i spans floor(i·H/out) to ceil((i+1)·H/out), so the mean is P_h · x · P_wᵀ.
                define(schema(Op.ADAPTIVE_AVG_POOL2D).floating(0).attr("outputSize", INTEGERS), (k, in) -> {
                    Tensor x = in[0];
                    long[] size = k.attrs().getLongs("outputSize");
                    long[] xs = Windows.batched(k.operator(), x.shape(), true);
                    if (size.length == 1) {
                        size = new long[] {size[0], size[0]};
                    }
                    if (size.length != 2 || size[0] < 1 || size[1] < 1) {
                        throw new InvalidArgumentException(k.operator() + ": outputSize must be one or two sizes of at "
                                + "least 1, got " + java.util.Arrays.toString(k.attrs().getLongs("outputSize")));
                    }
                    Tensor rows = averaging(xs[2], size[0], x);
                    Tensor columns = averaging(xs[3], size[1], x);
                    k.saveForBackward(rows, columns);
                    return rows.matmul(x.matmul(columns.t()));
                }, (ctx, g) -> new Tensor[] {ctx.saved(0).t().matmul(g).matmul(ctx.saved(1))}));
    }

    /** Each channel of each sample is one plane: (N·C, 1, H, W). */
    record Plan(long planes, long h, long w, Windows win, long outH, long outW, long[] outShape) {
        long windows() {
            return outH * outW;
        }

        static Plan of(String op, Tensor x, Attrs attrs) {
            long[] xs = Windows.batched(op, x.shape(), true);
            Windows win = Windows.of(op, attrs);
            win.requireHalfKernelPadding(op);
            long oh = win.outHeight(op, xs[2]);
            long ow = win.outWidth(op, xs[3]);
            long[] out = x.shape().toArray();
            out[out.length - 2] = oh;
            out[out.length - 1] = ow;
            return new Plan(xs[0] * xs[1], xs[2], xs[3], win, oh, ow, out);
        }

        Tensor planesOf(Tensor x) {
            return x.reshape(planes, 1, h, w);
        }
    }

    private static Tensor maxPool(KernelContext k, Tensor[] in) {
        Plan p = Plan.of(k.operator(), in[0], k.attrs());
        Tensor planes = p.planesOf(in[0]);
        var fused = k.kernel(FusedKernels.MaxPool2d.class);
        if (fused.isPresent()) {
            Shape pooled = Shape.of(p.planes, 1, p.outH, p.outW);
            Tensor out = k.allocate(in[0].dtype(), pooled);
            Tensor index = k.allocate(DType.INT64, pooled);
            fused.get().maxPool2d(k.strided(planes.contiguous()), p.win.fused(p.outH, p.outW), k.strided(out),
                    k.strided(index));
            k.saveForBackward(index.reshape(p.planes, p.windows()));
            k.put("plan", p);
            k.put("inPlane", true);
            return out.reshape(p.outShape);
        }
        // Else the windows as columns, and the largest of each column.
        if (p.win.ph() + p.win.pw() > 0) {
            planes = planes.pad(new long[] {p.win.pw(), p.win.pw(), p.win.ph(), p.win.ph()}, Double.NEGATIVE_INFINITY);
        }
        Tensor cols = Tensor.apply(Op.IM2COL, p.win.attrs(0, 0), planes);
        Shape kept = Shape.of(p.planes, 1, p.windows());
        Tensor out = k.allocate(cols.dtype(), kept);
        Tensor index = k.allocate(DType.INT64, kept);
        Strided c = k.strided(cols);
        k.kernels().reduce(ReduceOp.MAX, c, k.strided(out));
        k.kernels().argReduce(true, c, 1, k.strided(index));
        k.saveForBackward(index);
        k.put("plan", p);
        return out.reshape(p.outShape);
    }

    private static Tensor avgPool(KernelContext k, Tensor[] in) {
        Plan p = Plan.of(k.operator(), in[0], k.attrs());
        Attrs windows = p.win.attrs(p.win.ph(), p.win.pw());
        Tensor cols = Tensor.apply(Op.IM2COL, windows, p.planesOf(in[0]));
        Tensor divisor = k.attrs().getBoolean("countIncludePad")
                ? in[0].newFull(p.win.kh() * p.win.kw())
                : Tensor.apply(Op.IM2COL, windows, in[0].newFull(1, 1, 1, p.h, p.w)).sum(1, true);
        k.saveForBackward(divisor);
        k.put("plan", p);
        return cols.sum(1, true).div(divisor).reshape(p.outShape);
    }

    /** The (out, in) matrix whose row i averages input positions floor(i·in/out) to ceil((i+1)·in/out). */
    private static Tensor averaging(long in, long out, Tensor like) {
        double[] m = new double[Math.toIntExact(Math.multiplyExact(in, out))];
        for (long i = 0; i < out; i++) {
            long start = Math.floorDiv(i * in, out);
            long end = Math.floorDiv((i + 1) * in + out - 1, out);
            for (long j = start; j < end; j++) {
                m[(int) (i * in + j)] = 1.0 / (end - start);
            }
        }
        return Tensor.of(m, out, in).to(like.dtype()).to(like.device());
    }
}
