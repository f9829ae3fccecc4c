package org.myelin.autograd.ops;

import static org.myelin.autograd.ops.Declared.define;
import static org.myelin.autograd.ops.Declared.schema;

import org.myelin.api.Op;
import org.myelin.api.Operator;
import org.myelin.api.Shape;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.Tensor;
import org.myelin.api.spi.BinaryOp;
import org.myelin.api.spi.Strided;

/**
 * {@code linear(x, weight[, bias]) = x · weightᵀ + bias}, as PyTorch's {@code F.linear}: weight is
 * (out, in), x is (..., in). The transposed weight is only swapped strides, never copied, and the
 * gradients come straight out in their tensors' layouts: dx = g·W, dW = gᵀ·x (out, in), db = Σ g.
 */
final class Linear {
    private Linear() {}

    static Operator declaration() {
        return define(schema(Op.LINEAR).inputs(2, 3).usage("(input, weight) or (input, weight, bias)")
                .floating(0, 1, 2), (k, in) -> {
            Tensor x = in[0];
            Tensor w = in[1];
            Tensor b = in.length == 3 ? in[2] : null;
            if (w.dim() != 2 || x.dim() == 0 || x.size(-1) != w.size(1)) {
                throw new ShapeMismatchException("linear: input " + x.shape() + " and weight " + w.shape()
                        + " do not fit: the weight must be (out, in) with in equal to the input's last size");
            }
            long outF = w.size(0);
            if (b != null && !(b.dim() == 1 && b.size(0) == outF)) {
                throw new ShapeMismatchException("linear: bias " + b.shape() + " must have shape [" + outF + "]");
            }
            Tensor x2 = x.dim() == 2 ? x : x.reshape(-1, w.size(1));
            Tensor out = k.allocate(x.dtype(), Shape.of(x2.size(0), outF));
            Strided ws = k.strided(w);
            Strided wt = new Strided(ws.buffer(), ws.offset(), new long[] {w.size(1), outF},
                    new long[] {ws.stride(1), ws.stride(0)});
            Strided os = k.strided(out);
            k.kernels().matmul(k.strided(x2), wt, os);
            if (b != null) {
                k.kernels().binary(BinaryOp.ADD, os, k.strided(b, out.shape()), os);
            }
            // The input itself, not its 2-d view made here: a second derivative reaches x through it.
            k.saveForBackward(x, w);
            if (x.dim() == 2) {
                return out;
            }
            long[] dims = x.shape().toArray();
            dims[dims.length - 1] = outF;
            return out.reshape(dims);
        }, (ctx, g) -> {
            Tensor x = ctx.saved(0);
            Tensor w = ctx.saved(1);
            Tensor g2 = g.dim() == 2 ? g : g.reshape(-1, w.size(0));
            Tensor[] grads = new Tensor[ctx.inputCount()];
            if (ctx.needsInputGrad(0)) {
                Tensor gx = g2.matmul(w);
                grads[0] = x.dim() == 2 ? gx : gx.reshape(x.shape().toArray());
            }
            if (ctx.needsInputGrad(1)) {
                grads[1] = g2.t().matmul(x.dim() == 2 ? x : x.reshape(-1, w.size(1)));
            }
            if (grads.length > 2 && ctx.needsInputGrad(2)) {
                grads[2] = g2.sum(0, false);
            }
            return grads;
        });
    }
}
