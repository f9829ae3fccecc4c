package org.myelin.autograd.ops;

import static org.myelin.api.OpSchema.Attr.STRING;
import static org.myelin.autograd.ops.Declared.define;
import static org.myelin.autograd.ops.Declared.schema;

import org.myelin.api.DType;
import org.myelin.api.GradMode;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Op;
import org.myelin.api.Operator;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.Tensor;

/**
 * {@code cross_entropy(scores, target)}: the softmax cross-entropy of (N, C) scores against N INT64
 * class indices, reduced by {@code reduction} (MEAN, SUM or NONE), as PyTorch's {@code F.cross_entropy}
 * without weights or smoothing. The forward is log-softmax, pick, negate, reduce (the same
 * arithmetic as those operators one by one); the gradient is one expression, (softmax − one-hot)·g,
 * instead of four backward steps. Indices must be in range; {@code CrossEntropyLoss} checks them first.
 */
final class CrossEntropy {
    private CrossEntropy() {}

    static Operator declaration() {
        return define(schema(Op.CROSS_ENTROPY).inputs(2).usage("(scores, target)").floating(0)
                .attr("reduction", STRING, "MEAN"), (k, in) -> {
            Tensor x = in[0];
            Tensor t = in[1];
            if (x.dim() != 2 || t.dtype() != DType.INT64 || t.dim() != 1 || t.size(0) != x.size(0)) {
                throw new ShapeMismatchException("cross_entropy: needs scores (N, C) and INT64 class indices (N), got "
                        + x.shape() + " and " + t.dtype() + " " + t.shape());
            }
            String reduction = k.attrs().getString("reduction");
            Tensor logp = x.logSoftmax(1);
            Tensor picked = logp.gather(1, t.unsqueeze(1)).squeeze(1).neg();
            Tensor out = switch (reduction) {
                case "MEAN" -> picked.mean();
                case "SUM" -> picked.sum();
                case "NONE" -> picked;
                default -> throw new InvalidArgumentException("cross_entropy: reduction must be MEAN, SUM or NONE, got "
                        + reduction);
            };
            k.saveForBackward(x, t);
            k.put("logp", logp); // for a first-order backward; a recorded one recomputes it from x
            return out;
        }, (ctx, g) -> {
            Tensor x = ctx.saved(0);
            Tensor t = ctx.saved(1);
            long n = x.size(0);
            // Grad mode is on only under createGraph: then log-softmax is taken again, in the graph, from x.
            // exp(log-softmax), not softmax: the same bits as the probabilities the forward's logarithms came from.
            Tensor logp = GradMode.isEnabled() ? x.logSoftmax(1) : (Tensor) ctx.get("logp");
            Tensor p = logp.exp().scatterAdd(1, t.unsqueeze(1), x.newFull(-1, n, 1));
            Tensor gx = switch (ctx.attrs().getString("reduction")) {
                case "MEAN" -> p.mul(g.div(n));
                case "SUM" -> p.mul(g);
                default -> p.mul(g.unsqueeze(1));
            };
            return new Tensor[] {gx, null};
        });
    }
}
