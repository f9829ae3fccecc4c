package org.myelin.ops.cpu.simd;

import org.myelin.api.spi.BinaryOp;
import org.myelin.api.spi.CompareOp;
import org.myelin.api.spi.Kernels;
import org.myelin.api.spi.ReduceOp;
import org.myelin.api.spi.Strided;
import org.myelin.api.spi.UnaryOp;

/** The kernels of {@code cpu-simd}: each primitive delegates to the class that owns its family. */
final class CpuSimdKernels implements Kernels {

    @Override
    public void fill(Strided out, double value) {
        FillCopy.fill(out, value);
    }

    @Override
    public void copy(Strided src, Strided dst) {
        FillCopy.copy(src, dst);
    }

    @Override
    public void arange(Strided out, double start, double step) {
        FillCopy.arange(out, start, step);
    }

    @Override
    public void unary(UnaryOp op, Strided x, Strided out) {
        SimdUnary.run(op, x, out);
    }

    @Override
    public void binary(BinaryOp op, Strided a, Strided b, Strided out) {
        SimdBinary.run(op, a, b, out);
    }

    @Override
    public void binaryScalar(BinaryOp op, Strided a, double scalar, Strided out) {
        SimdBinary.runScalar(op, a, scalar, out);
    }

    @Override
    public void compare(CompareOp op, Strided a, Strided b, Strided out) {
        CompareWhere.compare(op, a, b, out);
    }

    @Override
    public void where(Strided condition, Strided a, Strided b, Strided out) {
        CompareWhere.where(condition, a, b, out);
    }

    @Override
    public void reduce(ReduceOp op, Strided x, Strided out) {
        SimdReductions.reduce(op, x, out);
    }

    @Override
    public void argReduce(boolean max, Strided x, int axis, Strided out) {
        IndexKernels.argReduce(max, x, axis, out);
    }

    @Override
    public void matmul(Strided a, Strided b, Strided out) {
        SimdMatmul.matmul(a, b, out);
    }

    @Override
    public void softmax(Strided x, int axis, Strided out, boolean log) {
        SimdSoftmax.softmax(x, axis, out, log);
    }

    @Override
    public void randomUniform(Strided out, long seed, long counter, double low, double high) {
        RandomFill.uniform(out, seed, counter, low, high);
    }

    @Override
    public void randomNormal(Strided out, long seed, long counter, double mean, double std) {
        RandomFill.normal(out, seed, counter, mean, std);
    }

    @Override
    public void gather(Strided x, int axis, Strided index, Strided out) {
        IndexKernels.gather(x, axis, index, out);
    }

    @Override
    public void scatterAdd(Strided out, int axis, Strided index, Strided src) {
        IndexKernels.scatterAdd(out, axis, index, src);
    }

    @Override
    public void sgdStep(Strided param, Strided grad, Strided momentumBuffer, double lr, double momentum,
                        double dampening, double weightDecay, boolean nesterov, boolean firstStep) {
        SimdOptimizerSteps.sgd(param, grad, momentumBuffer, lr, momentum, dampening, weightDecay, nesterov, firstStep);
    }

    @Override
    public void adamStep(Strided param, Strided grad, Strided m, Strided v, double lr, double beta1, double beta2,
                         double eps, double weightDecay, boolean decoupled, long step) {
        SimdOptimizerSteps.adam(param, grad, m, v, lr, beta1, beta2, eps, weightDecay, decoupled, step);
    }
}
