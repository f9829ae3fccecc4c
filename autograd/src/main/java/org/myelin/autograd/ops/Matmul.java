package org.myelin.autograd.ops;

import static org.myelin.autograd.ops.Declared.define;
import static org.myelin.autograd.ops.Declared.schema;

import org.myelin.api.Op;
import org.myelin.api.Operator;
import org.myelin.api.Shape;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.Tensor;
import org.myelin.api.spi.KernelContext;
import org.myelin.api.spi.Strided;

/**
 * Batched matrix product of operands with at least two dimensions; batch axes broadcast. (Tensor's
 * {@code matmul} promotes 1-d operands around it.) The gradients are two more matmuls:
 * dA = dC·Bᵀ and dB = Aᵀ·dC, summed over broadcast batch axes by the engine.
 */
final class Matmul {
    private Matmul() {}

    static Operator declaration() {
        return define(schema(Op.MATMUL).inputs(2).floating(0, 1), (k, in) -> {
            Shape sa = in[0].shape();
            Shape sb = in[1].shape();
            long m = sa.size(-2);
            long kk = sa.size(-1);
            long n = sb.size(-1);
            if (sb.size(-2) != kk) {
                throw new ShapeMismatchException("matmul: shapes " + sa + " and " + sb + " do not fit: the left "
                        + "operand's last size (" + kk + ") must equal the right operand's second-to-last size ("
                        + sb.size(-2) + "). Transpose one operand (t() or transpose) or check the layer sizes");
            }
            long[] batch = Shape.broadcast("matmul (batch axes)", batchOf(sa), batchOf(sb)).toArray();
            Tensor out = k.allocate(in[0].dtype(), Shape.of(withMatrix(batch, m, n)));
            k.kernels().matmul(expanded(k, in[0], batch, m, kk), expanded(k, in[1], batch, kk, n), k.strided(out));
            k.saveForBackward(in[0], in[1]);
            return out;
        }, (ctx, g) -> new Tensor[] {
            ctx.needsInputGrad(0) ? g.matmul(ctx.saved(1).transpose(-1, -2)) : null,
            ctx.needsInputGrad(1) ? ctx.saved(0).transpose(-1, -2).matmul(g) : null});
    }

    private static Shape batchOf(Shape s) {
        long[] dims = new long[s.rank() - 2];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = s.size(i);
        }
        return Shape.of(dims);
    }

    private static long[] withMatrix(long[] batch, long rows, long cols) {
        long[] dims = java.util.Arrays.copyOf(batch, batch.length + 2);
        dims[batch.length] = rows;
        dims[batch.length + 1] = cols;
        return dims;
    }

    private static Strided expanded(KernelContext k, Tensor t, long[] batch, long rows, long cols) {
        return k.strided(t).broadcastTo("matmul", withMatrix(batch, rows, cols));
    }
}
