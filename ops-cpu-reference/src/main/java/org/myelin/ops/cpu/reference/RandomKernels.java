package org.myelin.ops.cpu.reference;

import org.myelin.api.DType;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.KernelChecks;
import org.myelin.api.spi.Kernels;
import org.myelin.api.spi.Philox;
import org.myelin.api.spi.Strided;
import org.myelin.api.spi.StridedWalk;

/**
 * The reference random fills. Element i in out's row-major order takes Philox draw {@code counter + i};
 * the value is computed in double and rounded once to out's type, so backends that do the same agree
 * bit for bit.
 */
final class RandomKernels implements Kernels.Random {
    static final RandomKernels INSTANCE = new RandomKernels();

    private RandomKernels() {}

    @Override
    public void randomUniform(Strided out, long seed, long counter, double low, double high) {
        KernelChecks.requireFloating("randomUniform", "output", out);
        boolean single = out.dtype() == DType.FLOAT32;
        HeapBuffer o = HeapBuffer.of(out.buffer());
        StridedWalk it = StridedWalk.over("randomUniform", out);
        for (long i = 0; i < it.count(); i++, it.next()) {
            // FLOAT32 takes the 24-bit draw so that its values are exactly the float grid of [0, 1).
            double u = single ? Philox.uniformFloat(seed, counter + i) : Philox.uniformDouble(seed, counter + i);
            o.set(it.position(0), low + (high - low) * u);
        }
    }

    @Override
    public void randomNormal(Strided out, long seed, long counter, double mean, double std) {
        KernelChecks.requireFloating("randomNormal", "output", out);
        HeapBuffer o = HeapBuffer.of(out.buffer());
        StridedWalk it = StridedWalk.over("randomNormal", out);
        for (long i = 0; i < it.count(); i++, it.next()) {
            o.set(it.position(0), mean + std * Philox.normal(seed, counter + i));
        }
    }
}
