package org.myelin.testkit;

import org.myelin.api.spi.BinaryOp;
import org.myelin.api.spi.CompareOp;
import org.myelin.api.spi.Kernels;
import org.myelin.api.spi.ReduceOp;
import org.myelin.api.spi.Strided;
import org.myelin.api.spi.UnaryOp;

/**
 * The reference {@link Kernels}: each primitive is a plain loop over multi-dimensional indices in
 * double precision, written to be obviously right rather than fast. The work lives in a few small
 * classes grouped by kind; this one only routes.
 */
final class ReferenceKernels implements Kernels {

    @Override
    public void fill(Strided out, double value) {
        ElementwiseKernels.fill(out, value);
    }

    @Override
    public void copy(Strided src, Strided dst) {
        ElementwiseKernels.copy(src, dst);
    }

    @Override
    public void arange(Strided out, double start, double step) {
        ElementwiseKernels.arange(out, start, step);
    }

    @Override
    public void unary(UnaryOp op, Strided x, Strided out) {
        ElementwiseKernels.unary(op, x, out);
    }

    @Override
    public void binary(BinaryOp op, Strided a, Strided b, Strided out) {
        ElementwiseKernels.binary(op, a, b, out);
    }

    @Override
    public void binaryScalar(BinaryOp op, Strided a, double scalar, Strided out) {
        ElementwiseKernels.binaryScalar(op, a, scalar, out);
    }

    @Override
    public void compare(CompareOp op, Strided a, Strided b, Strided out) {
        ElementwiseKernels.compare(op, a, b, out);
    }

    @Override
    public void where(Strided condition, Strided a, Strided b, Strided out) {
        ElementwiseKernels.where(condition, a, b, out);
    }

    @Override
    public void reduce(ReduceOp op, Strided x, Strided out) {
        ReductionKernels.reduce(op, x, out);
    }

    @Override
    public void argReduce(boolean max, Strided x, int axis, Strided out) {
        ReductionKernels.argReduce(max, x, axis, out);
    }

    @Override
    public void matmul(Strided a, Strided b, Strided out) {
        MatmulKernel.matmul(a, b, out);
    }

    @Override
    public void softmax(Strided x, int axis, Strided out, boolean log) {
        ReductionKernels.softmax(x, axis, out, log);
    }

    @Override
    public void randomUniform(Strided out, long seed, long counter, double low, double high) {
        RandomKernels.uniform(out, seed, counter, low, high);
    }

    @Override
    public void randomNormal(Strided out, long seed, long counter, double mean, double std) {
        RandomKernels.normal(out, seed, counter, mean, std);
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
        OptimizerKernels.sgd(param, grad, momentumBuffer, lr, momentum, dampening, weightDecay, nesterov, firstStep);
    }

    @Override
    public void adamStep(Strided param, Strided grad, Strided m, Strided v, double lr, double beta1, double beta2,
                         double eps, double weightDecay, boolean decoupled, long step) {
        OptimizerKernels.adam(param, grad, m, v, lr, beta1, beta2, eps, weightDecay, decoupled, step);
    }
}
