package org.myelin.autograd.ops;

import static org.myelin.api.OpSchema.Attr.INTEGER;
import static org.myelin.api.OpSchema.Attr.NUMBER;
import static org.myelin.autograd.ops.Declared.define;
import static org.myelin.autograd.ops.Declared.schema;

import java.util.List;
import org.myelin.api.GradMode;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Op;
import org.myelin.api.OpContext;
import org.myelin.api.Operator;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.Tensor;

/**
 * Normalisation by the mean and the biased variance over some axes, then an optional affine map:
 * {@code batch_norm} over every axis but the channels (axis 1), with the batch's statistics (the
 * layer keeps the running ones), and {@code layer_norm} over the last {@code normalizedDims} axes.
 * The gradient is the usual closed form, in tensor operations:
 * {@code dx = invstd / M · (M·ĝ - Σĝ - x̂·Σ(ĝ·x̂))} with {@code ĝ = g·weight}.
 */
final class Normalization {
    private Normalization() {}

    /** Which axes a normalisation reduces, and which the weight and bias run along. */
    private record Axes(int[] reduced, int[] paramReduced, long[] paramView, long count) {}

    @FunctionalInterface
    private interface AxesOf {
        Axes of(String op, Tensor x, OpContext ctx);
    }

    static List<Operator> all() {
        return List.of(normalization(Op.BATCH_NORM, 0, Normalization::batchAxes),
                normalization(Op.LAYER_NORM, 1, Normalization::layerAxes));
    }

    private static Operator normalization(Op op, int dimsDefault, AxesOf axesOf) {
        var schema = schema(op).inputs(1, 3).usage("(input), (input, weight) or (input, weight, bias)")
                .floating(0, 1, 2).attr("eps", NUMBER, 1e-5);
        if (dimsDefault > 0) {
            schema.attr("normalizedDims", INTEGER, dimsDefault);
        }
        return define(schema, (k, in) -> {
            Axes axes = axesOf.of(k.operator(), in[0], k);
            for (int i = 1; i < in.length; i++) {
                if (in[i].numel() != product(axes.paramView)) {
                    throw new ShapeMismatchException(k.operator() + ": the " + (i == 1 ? "weight " : "bias ")
                            + in[i].shape() + " must have " + product(axes.paramView)
                            + " elements, one per normalised feature of the input " + in[0].shape());
                }
            }
            Tensor[] stats = statistics(in[0], axes, k.attrs().getDouble("eps"));
            Tensor y = stats[0];
            if (in.length > 1) {
                y = y.mul(in[1].reshape(axes.paramView));
            }
            if (in.length > 2) {
                y = y.add(in[2].reshape(axes.paramView));
            }
            k.saveForBackward(in.length > 1 ? new Tensor[] {in[0], stats[0], stats[1], in[1]}
                    : new Tensor[] {in[0], stats[0], stats[1]});
            k.put("axes", axes);
            return y;
        }, (ctx, g) -> {
            Axes axes = (Axes) ctx.get("axes");
            Tensor x = ctx.saved(0);
            // Under createGraph the statistics are taken again from x, so the gradient stays a function of x.
            Tensor[] stats = GradMode.isEnabled() ? statistics(x, axes, ctx.attrs().getDouble("eps"))
                    : new Tensor[] {ctx.saved(1), ctx.saved(2)};
            Tensor xhat = stats[0];
            Tensor gh = ctx.inputCount() > 1 ? g.mul(ctx.saved(3).reshape(axes.paramView)) : g;
            Tensor[] grads = new Tensor[ctx.inputCount()];
            if (ctx.needsInputGrad(0)) {
                Tensor centred = gh.mul(axes.count).sub(gh.sum(axes.reduced, true))
                        .sub(xhat.mul(gh.mul(xhat).sum(axes.reduced, true)));
                grads[0] = centred.mul(stats[1].div(axes.count));
            }
            if (grads.length > 1 && ctx.needsInputGrad(1)) {
                grads[1] = sumOver(g.mul(xhat), axes.paramReduced).reshape(ctx.inputShape(1).toArray());
            }
            if (grads.length > 2 && ctx.needsInputGrad(2)) {
                grads[2] = sumOver(g, axes.paramReduced).reshape(ctx.inputShape(2).toArray());
            }
            return grads;
        });
    }

    /** @return x̂ and 1/sqrt(var + eps), the variance biased, as PyTorch normalises */
    private static Tensor[] statistics(Tensor x, Axes axes, double eps) {
        Tensor centred = x.sub(x.sum(axes.reduced, true).div(axes.count));
        Tensor invstd = centred.square().sum(axes.reduced, true).div(axes.count).add(eps).sqrt().reciprocal();
        return new Tensor[] {centred.mul(invstd), invstd};
    }

    private static Axes batchAxes(String op, Tensor x, OpContext ctx) {
        if (x.dim() < 2) {
            throw new ShapeMismatchException(op + ": the input must be (batch, channels, ...), got " + x.shape());
        }
        int[] reduced = new int[x.dim() - 1];
        long[] view = new long[x.dim()];
        java.util.Arrays.fill(view, 1);
        view[1] = x.size(1);
        for (int i = 0, j = 0; i < x.dim(); i++) {
            if (i != 1) {
                reduced[j++] = i;
            }
        }
        long count = x.numel() / Math.max(1, x.size(1));
        if (count <= 1) {
            throw new InvalidArgumentException(op + ": training needs more than one value per channel, got input "
                    + x.shape() + "; use a batch of at least 2, or put the layer in eval mode");
        }
        return new Axes(reduced, reduced, view, count);
    }

    private static Axes layerAxes(String op, Tensor x, OpContext ctx) {
        int d = ctx.attrs().getInt("normalizedDims");
        if (d < 1 || d > x.dim()) {
            throw new ShapeMismatchException(op + ": cannot normalise the last " + d + " axes of an input " + x.shape());
        }
        int[] reduced = new int[d];
        int[] leading = new int[x.dim() - d];
        long[] view = new long[d];
        for (int i = 0; i < d; i++) {
            reduced[i] = x.dim() - d + i;
            view[i] = x.size(x.dim() - d + i);
        }
        for (int i = 0; i < leading.length; i++) {
            leading[i] = i;
        }
        return new Axes(reduced, leading, view, product(view));
    }

    private static Tensor sumOver(Tensor t, int[] axes) {
        return axes.length == 0 ? t : t.sum(axes, false);
    }

    private static long product(long[] v) {
        long p = 1;
        for (long x : v) {
            p *= x;
        }
        return p;
    }
}
