package org.myelin.ops.gpu.jcuda;

import org.myelin.api.spi.BinaryOp;
import org.myelin.api.spi.CompareOp;
import org.myelin.api.spi.Kernels;
import org.myelin.api.spi.ReduceOp;
import org.myelin.api.spi.Strided;
import org.myelin.api.spi.UnaryOp;

/**
 * The cuda {@link Kernels}: every primitive is a CUDA C kernel (src/main/cuda), in FLOAT32 and
 * FLOAT64 (INT64 where it means something), taking strided views directly. This class only routes.
 */
final class CudaKernels implements Kernels {

    @Override
    public void fill(Strided out, double value) {
        ElementwiseLaunches.fill(out, value);
    }

    @Override
    public void copy(Strided src, Strided dst) {
        ElementwiseLaunches.copy(src, dst);
    }

    @Override
    public void arange(Strided out, double start, double step) {
        ElementwiseLaunches.arange(out, start, step);
    }

    @Override
    public void unary(UnaryOp op, Strided x, Strided out) {
        ElementwiseLaunches.unary(op, x, out);
    }

    @Override
    public void binary(BinaryOp op, Strided a, Strided b, Strided out) {
        ElementwiseLaunches.binary(op, a, b, out);
    }

    @Override
    public void binaryScalar(BinaryOp op, Strided a, double scalar, Strided out) {
        ElementwiseLaunches.binaryScalar(op, a, scalar, out);
    }

    @Override
    public void compare(CompareOp op, Strided a, Strided b, Strided out) {
        ElementwiseLaunches.compare(op, a, b, out);
    }

    @Override
    public void where(Strided condition, Strided a, Strided b, Strided out) {
        ElementwiseLaunches.where(condition, a, b, out);
    }

    @Override
    public void reduce(ReduceOp op, Strided x, Strided out) {
        ReductionLaunches.reduce(op, x, out);
    }

    @Override
    public void argReduce(boolean max, Strided x, int axis, Strided out) {
        ReductionLaunches.argReduce(max, x, axis, out);
    }

    @Override
    public void matmul(Strided a, Strided b, Strided out) {
        MatmulLaunches.matmul(a, b, out);
    }

    @Override
    public void softmax(Strided x, int axis, Strided out, boolean log) {
        ReductionLaunches.softmax(x, axis, out, log);
    }

    @Override
    public void randomUniform(Strided out, long seed, long counter, double low, double high) {
        RandomLaunches.uniform(out, seed, counter, low, high);
    }

    @Override
    public void randomNormal(Strided out, long seed, long counter, double mean, double std) {
        RandomLaunches.normal(out, seed, counter, mean, std);
    }

    @Override
    public void gather(Strided x, int axis, Strided index, Strided out) {
        IndexLaunches.gather(x, axis, index, out);
    }

    @Override
    public void scatterAdd(Strided out, int axis, Strided index, Strided src) {
        IndexLaunches.scatterAdd(out, axis, index, src);
    }

    @Override
    public void sgdStep(Strided param, Strided grad, Strided momentumBuffer, double lr, double momentum,
                        double dampening, double weightDecay, boolean nesterov, boolean firstStep) {
        OptimizerLaunches.sgd(param, grad, momentumBuffer, lr, momentum, dampening, weightDecay, nesterov, firstStep);
    }

    @Override
    public void adamStep(Strided param, Strided grad, Strided m, Strided v, double lr, double beta1, double beta2,
                         double eps, double weightDecay, boolean decoupled, long step) {
        OptimizerLaunches.adam(param, grad, m, v, lr, beta1, beta2, eps, weightDecay, decoupled, step);
    }
}
