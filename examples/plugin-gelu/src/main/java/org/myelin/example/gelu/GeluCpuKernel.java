package org.myelin.example.gelu;

import org.myelin.api.DType;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.Strided;

/**
 * GELU on the Java heap, as plain loops: CPU tensors of every CPU backend live in
 * {@link HeapBuffer}s, so a plugin reads and writes their arrays directly. Stateless, so one
 * instance serves every thread.
 */
final class GeluCpuKernel implements GeluKernel {
    @Override
    public void forward(Strided x, Strided out) {
        HeapBuffer in = HeapBuffer.of(x.buffer());
        HeapBuffer res = HeapBuffer.of(out.buffer());
        int n = Math.toIntExact(x.numel());
        int xo = Math.toIntExact(x.offset());
        int oo = Math.toIntExact(out.offset());
        if (x.dtype() == DType.FLOAT32) {
            float[] a = in.floats();
            float[] b = res.floats();
            for (int i = 0; i < n; i++) {
                b[oo + i] = (float) gelu(a[xo + i]);
            }
        } else {
            double[] a = in.doubles();
            double[] b = res.doubles();
            for (int i = 0; i < n; i++) {
                b[oo + i] = gelu(a[xo + i]);
            }
        }
    }

    private static double gelu(double v) {
        return 0.5 * v * (1 + Math.tanh(Gelu.C * (v + Gelu.K * v * v * v)));
    }
}
