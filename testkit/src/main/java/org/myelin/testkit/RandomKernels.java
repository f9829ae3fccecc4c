package org.myelin.testkit;

import org.myelin.api.DType;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.Philox;
import org.myelin.api.spi.Strided;

/**
 * The reference random fills. Element i in out's row-major order takes Philox draw {@code counter + i};
 * the value is computed in double and rounded once to out's type, so backends that do the same agree
 * bit for bit.
 */
final class RandomKernels {
    private RandomKernels() {}

    static void uniform(Strided out, long seed, long counter, double low, double high) {
        Views.requireFloating("randomUniform", "output", out);
        boolean single = out.dtype() == DType.FLOAT32;
        HeapBuffer o = Views.heap(out);
        StridedIndex it = StridedIndex.over("randomUniform", out);
        for (long i = 0; i < it.count(); i++, it.next()) {
            // FLOAT32 takes the 24-bit draw so that its values are exactly the float grid of [0, 1).
            double u = single ? Philox.uniformFloat(seed, counter + i) : Philox.uniformDouble(seed, counter + i);
            o.set(it.position(0), low + (high - low) * u);
        }
    }

    static void normal(Strided out, long seed, long counter, double mean, double std) {
        Views.requireFloating("randomNormal", "output", out);
        HeapBuffer o = Views.heap(out);
        StridedIndex it = StridedIndex.over("randomNormal", out);
        for (long i = 0; i < it.count(); i++, it.next()) {
            o.set(it.position(0), mean + std * Philox.normal(seed, counter + i));
        }
    }
}
