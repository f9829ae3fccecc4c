package org.myelin.ops.gpu.jcuda;

import org.myelin.api.DType;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.spi.ReduceOp;
import org.myelin.api.spi.KernelChecks;
import org.myelin.api.spi.Kernels;
import org.myelin.api.spi.FusedKernels;
import org.myelin.api.spi.Strided;

/**
 * reduce, argReduce and softmax from reduce.cu: one block per output element (or per softmax row),
 * summing in double. A "kept" geometry walks the outputs, pairing each with x's position; a
 * "reduced" geometry walks the reduced elements relative to that position.
 */
final class ReductionLaunches implements Kernels.Reduce, FusedKernels.Softmax {
    static final ReductionLaunches INSTANCE = new ReductionLaunches();
    private static final String PROGRAM = "reduce";

    private ReductionLaunches() {}

    @Override
    public void reduce(ReduceOp op, Strided x, Strided out) {
        String what = "reduce " + op;
        KernelChecks.reduceOperands(op, x, out);
        long[] reducedShape = new long[x.rank()];
        for (int axis = 0; axis < x.rank(); axis++) {
            reducedShape[axis] = out.size(axis) == x.size(axis) ? 1 : x.size(axis);
        }
        CudaDevice d = Operands.device(what, x, out);
        Geometry.requireInside(what, x);
        Geometry.requireInside(what, out);
        // On reduced axes out has size 1, so the kept walk skips them; x's strides there do not matter.
        Geometry kept = Geometry.of(what, out.shape(), new long[][] {out.strides(), x.strides()},
                new long[] {out.offset(), x.offset()}, new DType[] {out.dtype(), x.dtype()});
        Geometry reduced = Geometry.of(what, reducedShape, new long[][] {x.strides()}, new long[] {0},
                new DType[] {x.dtype()});
        Launch.perOutput(d, PROGRAM, "reduce_kernel", what, kept.count(), kept, reduced, out.buffer(), x.buffer(),
                op.ordinal());
    }

    @Override
    public void argReduce(boolean max, Strided x, int axis, Strided out) {
        String what = max ? "argmax" : "argmin";
        KernelChecks.argReduceOperands(what, x, axis, out);
        long length = x.size(axis);
        CudaDevice d = Operands.device(what, x, out);
        Geometry.requireInside(what, x);
        Geometry.requireInside(what, out);
        Geometry kept = Geometry.of(what, out.shape(), new long[][] {out.strides(), x.strides()},
                new long[] {out.offset(), x.offset()}, new DType[] {out.dtype(), x.dtype()});
        Launch.perOutput(d, PROGRAM, "arg_reduce_kernel", what, kept.count(), kept, length, x.stride(axis), out.buffer(),
                x.buffer(), max ? 1 : 0);
    }

    @Override
    public void softmax(Strided x, int axis, Strided out, boolean log) {
        String what = log ? "logSoftmax" : "softmax";
        KernelChecks.softmaxOperands(what, x, axis, out);
        long length = x.size(axis);
        if (length == 0) {
            return;
        }
        CudaDevice d = Operands.device(what, x, out);
        Geometry.requireInside(what, x);
        Geometry.requireInside(what, out);
        Geometry rows = Geometry.of(what, KernelChecks.withSize(x.shape(), axis, 1), new long[][] {out.strides(), x.strides()},
                new long[] {out.offset(), x.offset()}, new DType[] {out.dtype(), x.dtype()});
        Launch.perOutput(d, PROGRAM, "softmax_kernel", what, rows.count(), rows, length, x.stride(axis), out.stride(axis),
                out.buffer(), x.buffer(), log ? 1 : 0);
    }
}
