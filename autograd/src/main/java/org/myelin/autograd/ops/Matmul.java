package org.myelin.autograd.ops;

import org.myelin.api.DType;
import org.myelin.api.Shape;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.Tensor;
import org.myelin.api.OpContext;
import org.myelin.api.spi.Strided;
import org.myelin.autograd.Internals;

/**
 * Batched matrix product of operands with at least two dimensions; batch axes broadcast. (Tensor's
 * {@code matmul} promotes 1-d operands around it.) The gradients are two more matmuls:
 * dA = dC·Bᵀ and dB = Aᵀ·dC, summed over broadcast batch axes by the engine.
 */
public final class Matmul extends NamedOperator {
    /** Creates the operator. */
    public Matmul() {
        super("matmul");
    }

    @Override
    public Tensor forward(OpContext ctx, Tensor... in) {
        DType d = OpSupport.floatingType("matmul", in[0], in[1]);
        Tensor a = OpSupport.as(in[0], d);
        Tensor b = OpSupport.as(in[1], d);
        Shape sa = a.shape();
        Shape sb = b.shape();
        long m = sa.size(-2);
        long k = sa.size(-1);
        long n = sb.size(-1);
        if (sb.size(-2) != k) {
            throw new ShapeMismatchException("matmul: shapes " + sa + " and " + sb + " do not fit: the left operand's last "
                    + "size (" + k + ") must equal the right operand's second-to-last size (" + sb.size(-2)
                    + "). Transpose one operand (t() or transpose) or check the layer sizes");
        }
        Shape batch = Shape.broadcast("matmul (batch axes)", batchOf(sa), batchOf(sb));
        Shape outShape = withMatrix(batch, m, n);
        Tensor out = ctx.allocate(d, outShape);
        ctx.kernels().matmul(expanded(ctx, a, batch, m, k), expanded(ctx, b, batch, k, n), ctx.strided(out));
        ctx.saveForBackward(a, b);
        return out;
    }

    private static Shape batchOf(Shape s) {
        long[] dims = new long[s.rank() - 2];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = s.size(i);
        }
        return Shape.of(dims);
    }

    private static Shape withMatrix(Shape batch, long rows, long cols) {
        long[] dims = new long[batch.rank() + 2];
        for (int i = 0; i < batch.rank(); i++) {
            dims[i] = batch.size(i);
        }
        dims[dims.length - 2] = rows;
        dims[dims.length - 1] = cols;
        return Shape.of(dims);
    }

    private static Strided expanded(OpContext ctx, Tensor t, Shape batch, long rows, long cols) {
        Shape target = withMatrix(batch, rows, cols);
        Strided s = ctx.strided(t);
        return new Strided(s.buffer(), s.offset(), target.toArray(),
                Internals.broadcastStrides("matmul", t.shape(), s.strides(), target));
    }

    @Override
    public Tensor[] backward(OpContext ctx, Tensor g) {
        Tensor a = ctx.saved(0);
        Tensor b = ctx.saved(1);
        return new Tensor[] {
            ctx.needsInputGrad(0) ? g.matmul(b.transpose(-1, -2)) : null,
            ctx.needsInputGrad(1) ? a.transpose(-1, -2).matmul(g) : null};
    }
}
