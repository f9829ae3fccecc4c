package org.myelin.testkit;

import org.myelin.api.spi.BinaryOp;
import org.myelin.api.spi.CompareOp;
import org.myelin.api.spi.FusedKernels;
import org.myelin.api.spi.Kernels;
import org.myelin.api.spi.ReduceOp;
import org.myelin.api.spi.Strided;
import org.myelin.api.spi.UnaryOp;

/**
 * Every kernel family of a pack, each call passed on to that pack's own: tests override one
 * method to make a pack that is wrong in one place.
 */
class ForwardingKernels implements Kernels.Fill, Kernels.Unary, Kernels.Binary, Kernels.Select, Kernels.Reduce,
        Kernels.Matmul, Kernels.Random, Kernels.Index, FusedKernels.Softmax, FusedKernels.SgdStep, FusedKernels.AdamStep {
    final Kernels inner;
    private final KernelPack pack;

    ForwardingKernels(KernelPack pack) {
        this.pack = pack;
        this.inner = pack.backend().kernels();
    }

    /** @return these families as a backend's kernels */
    Kernels kernels() {
        return new Kernels(this, this, this, this, this, this, this, this);
    }

    @Override public void fill(Strided out, double value) { inner.fill(out, value); }
    @Override public void copy(Strided src, Strided dst) { inner.copy(src, dst); }
    @Override public void arange(Strided out, double start, double step) { inner.arange(out, start, step); }
    @Override public void unary(UnaryOp op, Strided x, Strided out) { inner.unary(op, x, out); }
    @Override public void binary(BinaryOp op, Strided a, Strided b, Strided out) { inner.binary(op, a, b, out); }
    @Override public void binaryScalar(BinaryOp op, Strided a, double s, Strided out) { inner.binaryScalar(op, a, s, out); }
    @Override public void compare(CompareOp op, Strided a, Strided b, Strided out) { inner.compare(op, a, b, out); }
    @Override public void where(Strided c, Strided a, Strided b, Strided out) { inner.where(c, a, b, out); }
    @Override public void reduce(ReduceOp op, Strided x, Strided out) { inner.reduce(op, x, out); }
    @Override public void argReduce(boolean max, Strided x, int axis, Strided out) { inner.argReduce(max, x, axis, out); }
    @Override public void matmul(Strided a, Strided b, Strided out) { inner.matmul(a, b, out); }

    @Override
    public void softmax(Strided x, int axis, Strided out, boolean log) {
        pack.fused(FusedKernels.Softmax.class).softmax(x, axis, out, log);
    }

    @Override
    public void randomUniform(Strided out, long seed, long counter, double low, double high) {
        inner.randomUniform(out, seed, counter, low, high);
    }

    @Override
    public void randomNormal(Strided out, long seed, long counter, double mean, double std) {
        inner.randomNormal(out, seed, counter, mean, std);
    }

    @Override
    public void gather(Strided x, int axis, Strided index, Strided out) {
        inner.gather(x, axis, index, out);
    }

    @Override
    public void scatterAdd(Strided out, int axis, Strided index, Strided src) {
        inner.scatterAdd(out, axis, index, src);
    }

    @Override
    public void sgdStep(Strided p, Strided g, Strided buf, double lr, double momentum, double dampening, double wd,
                        boolean nesterov, boolean first) {
        pack.fused(FusedKernels.SgdStep.class).sgdStep(p, g, buf, lr, momentum, dampening, wd, nesterov, first);
    }

    @Override
    public void adamStep(Strided p, Strided g, Strided m, Strided v, double lr, double b1, double b2, double eps,
                         double wd, boolean decoupled, long step) {
        pack.fused(FusedKernels.AdamStep.class).adamStep(p, g, m, v, lr, b1, b2, eps, wd, decoupled, step);
    }
}
