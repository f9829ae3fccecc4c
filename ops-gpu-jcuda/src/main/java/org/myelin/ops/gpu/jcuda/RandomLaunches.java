package org.myelin.ops.gpu.jcuda;

import org.myelin.api.DType;
import org.myelin.api.spi.Philox;
import org.myelin.api.spi.KernelChecks;
import org.myelin.api.spi.Kernels;
import org.myelin.api.spi.Strided;

/**
 * Random fills from random.cu: element i of out (row-major) takes Philox draw {@code counter + i},
 * the same bits on the GPU as {@link Philox} gives on the host. FLOAT64 normal values are the one
 * exception, drawn here on the host: their last bit depends on log and cos, whose CUDA and JVM
 * versions may differ by an ulp, and the fills must agree bit for bit.
 */
final class RandomLaunches implements Kernels.Random {
    static final RandomLaunches INSTANCE = new RandomLaunches();
    private static final String PROGRAM = "random";

    private RandomLaunches() {}

    @Override
    public void randomUniform(Strided out, long seed, long counter, double low, double high) {
        KernelChecks.requireFloating("randomUniform", "output", out);
        CudaDevice d = Operands.device("randomUniform", out);
        Geometry g = Geometry.over("randomUniform", out.shape(), out);
        Launch.elementwise(d, PROGRAM, "random_uniform_kernel", "randomUniform", g.count(), g, out.buffer(), seed, counter,
                low, high);
    }

    @Override
    public void randomNormal(Strided out, long seed, long counter, double mean, double std) {
        KernelChecks.requireFloating("randomNormal", "output", out);
        CudaDevice d = Operands.device("randomNormal", out);
        Geometry g = Geometry.over("randomNormal", out.shape(), out);
        if (out.dtype() == DType.FLOAT64) {
            normalOnHost(d, out, seed, counter, mean, std);
            return;
        }
        Launch.elementwise(d, PROGRAM, "random_normal_kernel", "randomNormal", g.count(), g, out.buffer(), seed, counter,
                mean, std);
    }

    /** Draws row-major on the host, uploads, and copies into out's (maybe strided) positions. */
    private static void normalOnHost(CudaDevice d, Strided out, long seed, long counter, double mean, double std) {
        int n = Math.toIntExact(out.numel());
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = mean + std * Philox.normal(seed, counter + i);
        }
        CudaBuffer staged = CudaMemory.upload(values, d);
        try {
            ElementwiseLaunches.INSTANCE.copy(Strided.contiguous(staged, out.shape()), out);
        } finally {
            staged.release();
        }
    }
}
