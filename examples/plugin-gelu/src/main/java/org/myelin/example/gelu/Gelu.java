package org.myelin.example.gelu;

import org.myelin.api.OpContext;
import org.myelin.api.OpSchema;
import org.myelin.api.Operator;
import org.myelin.api.Tensor;
import org.myelin.api.spi.KernelContext;

/**
 * GELU in its tanh form (PyTorch's {@code gelu(x, approximate="tanh")}), chosen because every
 * backend has {@code tanh} while none has {@code erf}:
 *
 * <pre>
 *   gelu(x)  = x/2 * (1 + tanh(u)),                    u = c (x + 0.044715 x^3),  c = sqrt(2/pi)
 *   gelu'(x) = (1 + tanh(u))/2 + x/2 * (1 - tanh(u)^2) * c (1 + 3 * 0.044715 x^2)
 * </pre>
 *
 * Forward uses this plugin's own kernel where it has one for the current backend
 * ({@link GeluCpuKernelProvider}, for {@code cpu-simd}) and the same formula in tensor operations
 * everywhere else. Backward is written in tensor operations, so it runs on every backend.
 */
public final class Gelu implements Operator {
    /** sqrt(2/pi). */
    static final double C = Math.sqrt(2 / Math.PI);
    /** The cubic term's weight in the tanh form. */
    static final double K = 0.044715;

    /** Made by ServiceLoader. */
    public Gelu() {
        // stateless
    }

    /** One input, promoted to a floating type; asked on every call, so made once. */
    private static final OpSchema SCHEMA = OpSchema.named("gelu").inputs(1).floating(0).build();

    @Override
    public String name() {
        return SCHEMA.name();
    }

    @Override
    public int arity() {
        return SCHEMA.arity();
    }

    @Override
    public OpSchema schema() {
        return SCHEMA;
    }

    @Override
    public Tensor forward(OpContext ctx, Tensor... inputs) {
        Tensor x = inputs[0];
        ctx.saveForBackward(x);
        KernelContext k = KernelContext.of(ctx);
        var kernel = k.kernel(GeluKernel.class);
        if (kernel.isPresent() && x.dtype().isFloatingPoint()) {
            Tensor in = x.contiguous();
            Tensor out = k.allocate(x.dtype(), x.shape());
            kernel.get().forward(k.strided(in), k.strided(out));
            return out;
        }
        Tensor tanhU = x.add(x.pow(3).mul(K)).mul(C).tanh();
        return x.mul(0.5).mul(tanhU.add(1));
    }

    @Override
    public Tensor[] backward(OpContext ctx, Tensor gradOutput) {
        Tensor x = ctx.saved(0);
        Tensor tanhU = x.add(x.pow(3).mul(K)).mul(C).tanh();
        Tensor du = x.square().mul(3 * K).add(1).mul(C);
        Tensor slope = tanhU.add(1).mul(0.5).add(x.mul(0.5).mul(tanhU.square().rsub(1)).mul(du));
        return new Tensor[] {gradOutput.mul(slope)};
    }
}
