package org.myelin.ops.cpu.simd;

import org.myelin.api.DType;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.Philox;
import org.myelin.api.spi.Kernels;
import org.myelin.api.spi.Strided;

/**
 * Counter-based random fills: element i in row-major order takes Philox draw {@code counter + i},
 * so the numbers are the same on every backend and the work splits freely over threads.
 * The expressions are exactly the documented ones, evaluated in double and then stored.
 */
final class RandomFill implements Kernels.Random {
    static final RandomFill INSTANCE = new RandomFill();

    private RandomFill() {}

    /** One generated value: for FLOAT32 the draw is the float one, widened, as the contract says. */
    @FunctionalInterface
    private interface Draw {
        double at(long n);
    }

    @Override
    public void randomUniform(Strided out, long seed, long counter, double low, double high) {
        double range = high - low;
        Draw d = out.dtype() == DType.FLOAT32
                ? n -> low + range * Philox.uniformFloat(seed, n)
                : n -> low + range * Philox.uniformDouble(seed, n);
        fill(out, counter, d, 16);
    }

    @Override
    public void randomNormal(Strided out, long seed, long counter, double mean, double std) {
        fill(out, counter, n -> mean + std * Philox.normal(seed, n), 48);
    }

    private static void fill(Strided out, long counter, Draw d, double cost) {
        HeapBuffer o = HeapBuffer.of(out.buffer());
        StridedLoops.Walk w = StridedLoops.walk("random fill", out);
        long inner = w.inner;
        long total = w.rows * inner;
        int tasks = Parallel.tasksFor(total * cost, StridedLoops.GRAIN);
        if (total == 0) {
            return;
        }
        if (w.rows == 1) {
            long chunk = (inner + tasks - 1) / tasks;
            Parallel.forEach(tasks, t -> {
                long from = t * chunk;
                long to = Math.min(inner, from + chunk);
                run(o, w.off[0], w.innerStride[0], from, to, counter + from, d);
            });
        } else {
            Parallel.forEach(tasks, t -> {
                long r0 = w.rows * t / tasks;
                long r1 = w.rows * (t + 1) / tasks;
                StridedLoops.Walk c = w.copy();
                c.seek(r0);
                for (long r = r0; r < r1; r++) {
                    run(o, c.off[0], c.innerStride[0], 0, inner, counter + r * inner, d);
                    c.next();
                }
            });
        }
    }

    /** Elements {@code from .. to-1} of one run, the first taking draw {@code first}. */
    private static void run(HeapBuffer o, int off, int stride, long from, long to, long first, Draw d) {
        switch (o.dtype()) {
            case FLOAT32 -> {
                float[] a = o.floats();
                for (long j = from; j < to; j++) {
                    a[(int) (off + j * stride)] = (float) d.at(first + j - from);
                }
            }
            case FLOAT64 -> {
                double[] a = o.doubles();
                for (long j = from; j < to; j++) {
                    a[(int) (off + j * stride)] = d.at(first + j - from);
                }
            }
            case INT64 -> {
                for (long j = from; j < to; j++) {
                    o.set(off + j * stride, d.at(first + j - from));
                }
            }
        }
    }
}
