package org.myelin.ops.gpu.jcuda;

import org.myelin.api.DType;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.spi.ReduceOp;
import org.myelin.api.spi.Strided;

/**
 * reduce, argReduce and softmax from reduce.cu: one block per output element (or per softmax row),
 * summing in double. A "kept" geometry walks the outputs, pairing each with x's position; a
 * "reduced" geometry walks the reduced elements relative to that position.
 */
final class ReductionLaunches {
    private static final String PROGRAM = "reduce";

    private ReductionLaunches() {}

    static void reduce(ReduceOp op, Strided x, Strided out) {
        String what = "reduce " + op;
        if (out.rank() != x.rank()) {
            throw new ShapeMismatchException(what + ": output " + out + " must keep input " + x
                    + "'s rank, with reduced axes of size 1");
        }
        long[] reducedShape = new long[x.rank()];
        long reducedCount = 1;
        for (int axis = 0; axis < x.rank(); axis++) {
            if (out.size(axis) == x.size(axis)) {
                reducedShape[axis] = 1;
            } else if (out.size(axis) == 1) {
                reducedShape[axis] = x.size(axis);
                reducedCount *= x.size(axis);
            } else {
                throw new ShapeMismatchException(what + ": output " + out + " does not fit input " + x + ": axis " + axis
                        + " must have size " + x.size(axis) + " or 1");
            }
        }
        if (reducedCount == 0 && out.numel() > 0 && (op == ReduceOp.MAX || op == ReduceOp.MIN)) {
            throw new InvalidArgumentException(what + ": input " + x + " has no elements to take the " + op
                    + " of; reduce over non-empty axes");
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

    static void argReduce(boolean max, Strided x, int axis, Strided out) {
        String what = max ? "argmax" : "argmin";
        Operands.requireAxis(what, axis, x.rank());
        Operands.requireInt64(what, "output", out);
        Operands.requireShape(what, "output", out, Operands.withSize(x.shape(), axis, 1));
        long length = x.size(axis);
        if (length == 0 && out.numel() > 0) {
            throw new InvalidArgumentException(what + ": axis " + axis + " of " + x + " is empty; there is no index to return");
        }
        CudaDevice d = Operands.device(what, x, out);
        Geometry.requireInside(what, x);
        Geometry.requireInside(what, out);
        Geometry kept = Geometry.of(what, out.shape(), new long[][] {out.strides(), x.strides()},
                new long[] {out.offset(), x.offset()}, new DType[] {out.dtype(), x.dtype()});
        Launch.perOutput(d, PROGRAM, "arg_reduce_kernel", what, kept.count(), kept, length, x.stride(axis), out.buffer(),
                x.buffer(), max ? 1 : 0);
    }

    static void softmax(Strided x, int axis, Strided out, boolean log) {
        String what = log ? "logSoftmax" : "softmax";
        Operands.requireAxis(what, axis, x.rank());
        Operands.requireShape(what, "output", out, x.shape());
        long length = x.size(axis);
        if (length == 0) {
            return;
        }
        CudaDevice d = Operands.device(what, x, out);
        Geometry.requireInside(what, x);
        Geometry.requireInside(what, out);
        Geometry rows = Geometry.of(what, Operands.withSize(x.shape(), axis, 1), new long[][] {out.strides(), x.strides()},
                new long[] {out.offset(), x.offset()}, new DType[] {out.dtype(), x.dtype()});
        Launch.perOutput(d, PROGRAM, "softmax_kernel", what, rows.count(), rows, length, x.stride(axis), out.stride(axis),
                out.buffer(), x.buffer(), log ? 1 : 0);
    }
}
