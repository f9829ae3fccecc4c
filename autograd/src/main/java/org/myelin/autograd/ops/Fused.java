package org.myelin.autograd.ops;

import org.myelin.api.DType;
import org.myelin.api.DTypeException;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Shape;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.Tensor;
import org.myelin.api.Attrs;
import org.myelin.api.spi.BinaryOp;
import org.myelin.api.InPlaceOperator;
import org.myelin.api.OpContext;
import org.myelin.api.spi.Strided;

/**
 * Operators that do in one graph node what would otherwise take several: a whole linear layer, the
 * softmax cross-entropy of class indices, and the optimizers' in-place updates. Each is what the
 * separate operators compute, with fewer dispatches, fewer temporaries and no transposed copies.
 */
public final class Fused {
    private Fused() {}

    /**
     * {@code linear(x, weight[, bias]) = x · weightᵀ + bias}, as PyTorch's {@code F.linear}: weight is
     * (out, in), x is (..., in). The transposed weight is only swapped strides, never copied, and the
     * gradients come straight out in their tensors' layouts: dx = g·W, dW = gᵀ·x (out, in), db = Σ g.
     */
    public static final class Linear extends NamedOperator {
        /** Creates the operator. */
        public Linear() {
            super("linear");
        }


        @Override
        public Tensor forward(OpContext ctx, Tensor... in) {
            if (in.length < 2 || in.length > 3) {
                throw new InvalidArgumentException("linear takes (input, weight) or (input, weight, bias), got "
                        + in.length + " tensors");
            }
            DType d = in.length == 3 ? OpSupport.floatingType(name(), in[0], in[1], in[2])
                    : OpSupport.floatingType(name(), in[0], in[1]);
            Tensor x = OpSupport.as(in[0], d);
            Tensor w = OpSupport.as(in[1], d);
            Tensor b = in.length == 3 ? OpSupport.as(in[2], d) : null;
            if (w.dim() != 2 || x.dim() == 0 || x.size(-1) != w.size(1)) {
                throw new ShapeMismatchException("linear: input " + x.shape() + " and weight " + w.shape()
                        + " do not fit: the weight must be (out, in) with in equal to the input's last size");
            }
            long outF = w.size(0);
            long inF = w.size(1);
            if (b != null && !(b.dim() == 1 && b.size(0) == outF)) {
                throw new ShapeMismatchException("linear: bias " + b.shape() + " must have shape [" + outF + "]");
            }
            Tensor x2 = x.dim() == 2 ? x : x.reshape(-1, inF);
            long rows = x2.size(0);
            Tensor out = ctx.allocate(d, Shape.of(rows, outF));
            Strided ws = ctx.strided(w);
            Strided wt = new Strided(ws.buffer(), ws.offset(), new long[] {inF, outF}, new long[] {ws.stride(1), ws.stride(0)});
            Strided os = ctx.strided(out);
            ctx.kernels().matmul(ctx.strided(x2), wt, os);
            if (b != null) {
                ctx.kernels().binary(BinaryOp.ADD, os, OpSupport.viewAs(ctx, b, out.shape()), os);
            }
            ctx.saveForBackward(x2, w);
            if (x.dim() == 2) {
                return out;
            }
            long[] dims = x.shape().toArray();
            dims[dims.length - 1] = outF;
            return out.reshape(dims);
        }

        @Override
        public Tensor[] backward(OpContext ctx, Tensor g) {
            Tensor x2 = ctx.saved(0);
            Tensor w = ctx.saved(1);
            Tensor g2 = g.dim() == 2 ? g : g.reshape(-1, w.size(0));
            Tensor[] grads = new Tensor[ctx.inputCount()];
            if (ctx.needsInputGrad(0)) {
                Tensor gx = g2.matmul(w);
                grads[0] = ctx.inputShape(0).rank() == 2 ? gx : gx.reshape(ctx.inputShape(0).toArray());
            }
            if (ctx.needsInputGrad(1)) {
                grads[1] = g2.t().matmul(x2);
            }
            if (grads.length > 2 && ctx.needsInputGrad(2)) {
                grads[2] = g2.sum(0, false);
            }
            return grads;
        }
    }

    /**
     * {@code cross_entropy(scores, target)}: the softmax cross-entropy of (N, C) scores against N INT64
     * class indices, reduced by attribute {@code reduction} ({@code MEAN} (default), {@code SUM} or
     * {@code NONE}), as PyTorch's {@code F.cross_entropy} without weights or smoothing. The forward
     * is log-softmax, pick, negate, reduce (the same arithmetic as those operators one by one); the
     * gradient is one expression, (softmax − one-hot) · g, instead of four backward steps.
     * Indices must be in range; {@code CrossEntropyLoss} checks them with a clear message first.
     */
    public static final class CrossEntropy extends NamedOperator {
        /** Creates the operator. */
        public CrossEntropy() {
            super("cross_entropy");
        }

        @Override
        public Tensor forward(OpContext ctx, Tensor... in) {
            if (in.length != 2) {
                throw new InvalidArgumentException("cross_entropy takes (scores, target), got " + in.length + " tensors");
            }
            Tensor x = OpSupport.as(in[0], OpSupport.floatingType(name(), in[0]));
            Tensor t = in[1];
            if (x.dim() != 2 || t.dtype() != DType.INT64 || t.dim() != 1 || t.size(0) != x.size(0)) {
                throw new ShapeMismatchException("cross_entropy: needs scores (N, C) and INT64 class indices (N), got "
                        + x.shape() + " and " + t.dtype() + " " + t.shape());
            }
            String reduction = ctx.attrs().has("reduction") ? ctx.attrs().getString("reduction") : "MEAN";
            Tensor logp = x.logSoftmax(1);
            Tensor picked = logp.gather(1, t.unsqueeze(1)).squeeze(1).neg();
            Tensor out = switch (reduction) {
                case "MEAN" -> picked.mean();
                case "SUM" -> picked.sum();
                case "NONE" -> picked;
                default -> throw new InvalidArgumentException("cross_entropy: reduction must be MEAN, SUM or NONE, got "
                        + reduction);
            };
            ctx.saveForBackward(logp, t);
            ctx.put("reduction", reduction);
            return out;
        }

        @Override
        public Tensor[] backward(OpContext ctx, Tensor g) {
            Tensor logp = ctx.saved(0);
            Tensor t = ctx.saved(1);
            Tensor p = logp.exp();
            long n = logp.size(0);
            Tensor minusOne = ctx.allocate(p.dtype(), Shape.of(n, 1));
            ctx.kernels().fill(ctx.strided(minusOne), -1);
            Strided ts = ctx.strided(t);
            Strided index = new Strided(ts.buffer(), ts.offset(), new long[] {n, 1}, new long[] {ts.stride(0), 1});
            ctx.kernels().scatterAdd(ctx.strided(p), 1, index, ctx.strided(minusOne));
            Tensor gx = switch ((String) ctx.get("reduction")) {
                case "MEAN" -> p.mul(g.div(n));
                case "SUM" -> p.mul(g);
                default -> p.mul(g.unsqueeze(1));
            };
            return new Tensor[] {gx, null};
        }
    }

    /** Tensors the fused updates can run on: contiguous, of the parameter's type. */
    private static Tensor operand(Tensor t, DType d) {
        Tensor c = t.dtype() == d ? t : t.to(d);
        return c.isContiguous() ? c : c.contiguous();
    }

    private static void writeBack(Tensor target, Tensor worked) {
        if (worked != target) {
            target.copyFrom(worked);
        }
    }

    private static void checkSameSize(String op, Tensor p, Tensor other, String what) {
        if (!other.shape().equals(p.shape())) {
            throw new ShapeMismatchException(op + ": the " + what + " has shape " + other.shape()
                    + " but the parameter has shape " + p.shape());
        }
    }

    /**
     * {@code sgd_step(param, grad[, momentumBuffer])}: one SGD update in place, with PyTorch's
     * semantics, by the backend's fused kernel (see {@code Kernels.sgdStep}). Attributes: {@code lr},
     * {@code momentum}, {@code dampening}, {@code weightDecay}, {@code nesterov}, {@code first}
     * (the first step, when the buffer is set to the gradient). Changes param and the buffer.
     */
    public static final class SgdStep extends NamedOperator implements InPlaceOperator {
        private static final int[] MUTATED = {0, 2};

        /** Creates the operator. */
        public SgdStep() {
            super("sgd_step");
        }

        @Override
        public int[] mutatedInputs() {
            return MUTATED;
        }

        @Override
        public Tensor forward(OpContext ctx, Tensor... in) {
            if (in.length < 2 || in.length > 3) {
                throw new InvalidArgumentException("sgd_step takes (param, grad) or (param, grad, momentumBuffer)");
            }
            Tensor p = in[0];
            if (!p.dtype().isFloatingPoint()) {
                throw new DTypeException("sgd_step: the parameter must be FLOAT32 or FLOAT64, got " + p.dtype());
            }
            Attrs a = ctx.attrs();
            double momentum = a.getDouble("momentum", 0);
            checkSameSize(name(), p, in[1], "gradient");
            Tensor buf = in.length == 3 ? in[2] : null;
            if (momentum != 0 && buf == null) {
                throw new InvalidArgumentException("sgd_step: momentum " + momentum + " needs a momentum buffer input");
            }
            if (buf != null) {
                checkSameSize(name(), p, buf, "momentum buffer");
                if (buf.dtype() != p.dtype()) {
                    throw new DTypeException("sgd_step: the momentum buffer must have the parameter's type " + p.dtype());
                }
            }
            Tensor pw = operand(p, p.dtype());
            Tensor gw = operand(in[1], p.dtype());
            Tensor bw = buf == null ? null : operand(buf, p.dtype());
            ctx.kernels().sgdStep(ctx.strided(pw), ctx.strided(gw), bw == null ? null : ctx.strided(bw),
                    a.getDouble("lr"), momentum, a.getDouble("dampening", 0), a.getDouble("weightDecay", 0),
                    a.getBoolean("nesterov", false), a.getBoolean("first", false));
            writeBack(p, pw);
            if (buf != null) {
                writeBack(buf, bw);
            }
            return p;
        }
    }

    /**
     * {@code adam_step(param, grad, m, v)}: one Adam or AdamW update in place by the backend's fused
     * kernel (see {@code Kernels.adamStep}). Attributes: {@code lr}, {@code beta1}, {@code beta2},
     * {@code eps}, {@code weightDecay}, {@code decoupled} (AdamW), {@code step} (from 1). Changes
     * param, m and v.
     */
    public static final class AdamStep extends NamedOperator implements InPlaceOperator {
        private static final int[] MUTATED = {0, 2, 3};

        /** Creates the operator. */
        public AdamStep() {
            super("adam_step");
        }


        @Override
        public int[] mutatedInputs() {
            return MUTATED;
        }

        @Override
        public Tensor forward(OpContext ctx, Tensor... in) {
            if (in.length != 4) {
                throw new InvalidArgumentException("adam_step takes (param, grad, m, v)");
            }
            Tensor p = in[0];
            if (!p.dtype().isFloatingPoint()) {
                throw new DTypeException("adam_step: the parameter must be FLOAT32 or FLOAT64, got " + p.dtype());
            }
            checkSameSize(name(), p, in[1], "gradient");
            checkSameSize(name(), p, in[2], "first moment");
            checkSameSize(name(), p, in[3], "second moment");
            if (in[2].dtype() != p.dtype() || in[3].dtype() != p.dtype()) {
                throw new DTypeException("adam_step: the moments must have the parameter's type " + p.dtype());
            }
            Attrs a = ctx.attrs();
            Tensor pw = operand(p, p.dtype());
            Tensor gw = operand(in[1], p.dtype());
            Tensor mw = operand(in[2], p.dtype());
            Tensor vw = operand(in[3], p.dtype());
            ctx.kernels().adamStep(ctx.strided(pw), ctx.strided(gw), ctx.strided(mw), ctx.strided(vw),
                    a.getDouble("lr"), a.getDouble("beta1"), a.getDouble("beta2"), a.getDouble("eps"),
                    a.getDouble("weightDecay", 0), a.getBoolean("decoupled", false), a.getLong("step"));
            writeBack(p, pw);
            writeBack(in[2], mw);
            writeBack(in[3], vw);
            return p;
        }
    }
}
