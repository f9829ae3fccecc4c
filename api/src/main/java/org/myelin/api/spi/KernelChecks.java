package org.myelin.api.spi;

import java.util.Arrays;
import org.myelin.api.DType;
import org.myelin.api.DTypeException;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.ShapeMismatchException;

/**
 * The argument checks of the {@link Kernels} contract, written once for every pack: each names the
 * kernel and the views, so a pack that calls them reports a misuse the same way as the others.
 */
public final class KernelChecks {
    private KernelChecks() {}

    /**
     * @param kernel the kernel, for messages
     * @param role   the view's role, such as {@code output}
     * @param v      the view
     * @param shape  the shape it must have
     */
    public static void requireShape(String kernel, String role, Strided v, long[] shape) {
        if (!Arrays.equals(v.shape(), shape)) {
            throw new ShapeMismatchException(kernel + ": " + role + " " + v + " must have shape " + Arrays.toString(shape));
        }
    }

    /** @param kernel the kernel @param role the view's role @param v a view that must hold FLOAT32 or FLOAT64 */
    public static void requireFloating(String kernel, String role, Strided v) {
        if (!v.dtype().isFloatingPoint()) {
            throw new DTypeException(kernel + ": " + role + " must be FLOAT32 or FLOAT64, got " + v);
        }
    }

    /** @param kernel the kernel @param role the view's role @param v a view that must hold INT64 */
    public static void requireInt64(String kernel, String role, Strided v) {
        if (v.dtype() != DType.INT64) {
            throw new DTypeException(kernel + ": " + role + " must be INT64, got " + v);
        }
    }

    /** @param kernel the kernel @param axis an axis @param rank the rank it must fall in */
    public static void requireAxis(String kernel, int axis, int rank) {
        if (axis < 0 || axis >= rank) {
            throw new InvalidArgumentException(kernel + ": axis " + axis + " is out of range for rank " + rank
                    + " (kernels take axes already normalised to 0.." + (rank - 1) + ")");
        }
    }

    /** @param shape sizes @param axis an axis @param size its new size @return a copy with that axis resized */
    public static long[] withSize(long[] shape, int axis, long size) {
        long[] s = shape.clone();
        s[axis] = size;
        return s;
    }

    /** @param out the output of {@link Kernels#arange}, which must be 1-d */
    public static void arangeOutput(Strided out) {
        if (out.rank() != 1) {
            throw new ShapeMismatchException("arange: output must be 1-d, got " + out);
        }
    }

    /**
     * {@link Kernels#reduce}'s operands: out keeps x's rank, each axis of x's size or 1.
     *
     * @param op  the reduction
     * @param x   the input
     * @param out the output
     * @return how many elements of x fall on each output element
     */
    public static long reduceOperands(ReduceOp op, Strided x, Strided out) {
        String kernel = "reduce " + op;
        if (out.rank() != x.rank()) {
            throw new ShapeMismatchException(kernel + ": output " + out + " must keep input " + x
                    + "'s rank, with reduced axes of size 1");
        }
        long reducedCount = 1;
        for (int axis = 0; axis < x.rank(); axis++) {
            if (out.size(axis) == x.size(axis)) {
                continue;
            }
            if (out.size(axis) != 1) {
                throw new ShapeMismatchException(kernel + ": output " + out + " does not fit input " + x
                        + ": axis " + axis + " must have size " + x.size(axis) + " or 1");
            }
            reducedCount *= x.size(axis);
        }
        if (reducedCount == 0 && out.numel() > 0 && (op == ReduceOp.MAX || op == ReduceOp.MIN)) {
            throw new InvalidArgumentException(kernel + ": input " + x + " has no elements to take the "
                    + op + " of; reduce over non-empty axes");
        }
        return reducedCount;
    }

    /**
     * {@link Kernels#argReduce}'s operands.
     *
     * @param kernel {@code argmax} or {@code argmin}
     * @param x      the input
     * @param axis   the axis searched
     * @param out    the INT64 output, x's shape with that axis of size 1
     */
    public static void argReduceOperands(String kernel, Strided x, int axis, Strided out) {
        requireAxis(kernel, axis, x.rank());
        requireInt64(kernel, "output", out);
        requireShape(kernel, "output", out, withSize(x.shape(), axis, 1));
        if (x.size(axis) == 0 && out.numel() > 0) {
            throw new InvalidArgumentException(kernel + ": axis " + axis + " of " + x + " is empty; there is no index to return");
        }
    }

    /**
     * A softmax kernel's operands.
     *
     * @param kernel {@code softmax} or {@code logSoftmax}
     * @param x      the input
     * @param axis   the axis normalised over
     * @param out    the output, of x's shape
     */
    public static void softmaxOperands(String kernel, Strided x, int axis, Strided out) {
        requireAxis(kernel, axis, x.rank());
        requireShape(kernel, "output", out, x.shape());
    }

    /**
     * {@link FusedKernels.Im2col}'s operands: contiguous images (N, C, H, W) and columns
     * (N, C·kh·kw, outH·outW) that fit the window, of one floating type.
     *
     * @param kernel {@code im2col} or {@code col2im}
     * @param image  the images
     * @param cols   the columns
     * @param win    the windows
     */
    public static void windowOperands(String kernel, Strided image, Strided cols, FusedKernels.Window win) {
        long[] s = image.shape();
        long[] c = cols.shape();
        boolean fits = s.length == 4 && c.length == 3 && c[0] == s[0]
                && c[1] == s[1] * win.kernelH() * win.kernelW() && c[2] == (long) win.outH() * win.outW();
        if (!fits || !image.isContiguous() || !cols.isContiguous()) {
            throw new ShapeMismatchException(kernel + ": contiguous images (N, C, H, W) and columns (N, C*kh*kw, L) "
                    + "are needed, got " + Arrays.toString(s) + " and " + Arrays.toString(c));
        }
        if (image.dtype() != cols.dtype() || !image.dtype().isFloatingPoint()) {
            throw new DTypeException(kernel + " needs FLOAT32 or FLOAT64 of one type, got " + image.dtype() + " and "
                    + cols.dtype());
        }
    }

    /**
     * {@link FusedKernels.MaxPool2d}'s operands: contiguous images (N, C, H, W), and contiguous
     * outputs of their type and INT64 indices, both (N, C, outH, outW).
     *
     * @param x     the images
     * @param win   the windows
     * @param out   the largest values
     * @param index their positions
     */
    public static void maxPoolOperands(Strided x, FusedKernels.Window win, Strided out, Strided index) {
        long[] s = x.shape();
        long[] expected = {s.length == 4 ? s[0] : -1, s.length == 4 ? s[1] : -1, win.outH(), win.outW()};
        if (s.length != 4 || !Arrays.equals(out.shape(), expected) || !Arrays.equals(index.shape(), expected)
                || !x.isContiguous() || !out.isContiguous() || !index.isContiguous()) {
            throw new ShapeMismatchException("maxPool2d: contiguous images (N, C, H, W), and outputs and indices (N, C, "
                    + win.outH() + ", " + win.outW() + "), are needed, got " + Arrays.toString(s) + ", "
                    + Arrays.toString(out.shape()) + " and " + Arrays.toString(index.shape()));
        }
        if (x.dtype() != out.dtype() || !x.dtype().isFloatingPoint() || index.dtype() != DType.INT64) {
            throw new DTypeException("maxPool2d needs FLOAT32 or FLOAT64 images and output of one type and INT64 "
                    + "indices, got " + x.dtype() + ", " + out.dtype() + " and " + index.dtype());
        }
    }

    /**
     * {@link Kernels#matmul}'s operands: one rank of at least 2, and a [..., m, k], b [..., k, n], out [..., m, n].
     *
     * @param a   the left operand
     * @param b   the right operand
     * @param out the product
     */
    public static void matmulOperands(Strided a, Strided b, Strided out) {
        int rank = out.rank();
        if (rank < 2 || a.rank() != rank || b.rank() != rank) {
            throw matmulMismatch(a, b, out, "all three must have the same rank, at least 2");
        }
        long m = out.size(rank - 2);
        long n = out.size(rank - 1);
        long k = a.size(rank - 1);
        if (a.size(rank - 2) != m || b.size(rank - 2) != k || b.size(rank - 1) != n) {
            throw matmulMismatch(a, b, out, "need a [..., m, k], b [..., k, n] and out [..., m, n]");
        }
    }

    /**
     * The batch strides of a matmul operand: a batch axis of size 1 where out's is larger repeats the
     * one matrix, as a stride of 0 would.
     *
     * @param operand a or b
     * @param a       the left operand, for messages
     * @param b       the right operand, for messages
     * @param out     the product
     * @return the operand's strides over out's batch axes
     */
    public static long[] matmulBatchStrides(Strided operand, Strided a, Strided b, Strided out) {
        long[] s = new long[out.rank() - 2];
        for (int axis = 0; axis < s.length; axis++) {
            if (operand.size(axis) == out.size(axis)) {
                s[axis] = operand.stride(axis);
            } else if (operand.size(axis) != 1) {
                throw matmulMismatch(a, b, out, "batch axis " + axis + " does not broadcast");
            }
        }
        return s;
    }

    private static ShapeMismatchException matmulMismatch(Strided a, Strided b, Strided out, String why) {
        return new ShapeMismatchException("matmul: a " + a + ", b " + b + ", out " + out + ": " + why);
    }

    /**
     * The layout of {@link Kernels#gather} and {@link Kernels#scatterAdd}, as in PyTorch: all three share
     * a rank, the index is no larger than {@code other} on any axis and no larger than {@code indexed}
     * off the indexed axis.
     *
     * @param kernel      the kernel
     * @param indexed     the view the index points into
     * @param indexedRole its role
     * @param axis        the axis indexed
     * @param index       the INT64 index
     * @param other       the view walked with the index
     * @param otherRole   its role
     */
    public static void indexLayout(String kernel, Strided indexed, String indexedRole, int axis, Strided index,
                                   Strided other, String otherRole) {
        requireAxis(kernel, axis, indexed.rank());
        requireInt64(kernel, "index", index);
        if (index.rank() != indexed.rank() || other.rank() != indexed.rank()) {
            throw new ShapeMismatchException(kernel + ": " + indexedRole + " " + indexed + ", index " + index + " and "
                    + otherRole + " " + other + " must have the same rank");
        }
        for (int d = 0; d < index.rank(); d++) {
            if (index.size(d) > other.size(d) || (d != axis && index.size(d) > indexed.size(d))) {
                throw new ShapeMismatchException(kernel + ": index " + index + " is larger than " + indexedRole + " "
                        + indexed + " or " + otherRole + " " + other + " along axis " + d);
            }
        }
    }

    /**
     * @param kernel the kernel
     * @param index  the bad index value
     * @param at     where it sits in the index tensor, or null when the pack does not know
     * @param axis   the axis indexed
     * @param size   that axis's size
     * @return the error to throw
     */
    public static InvalidArgumentException indexOutOfRange(String kernel, long index, long[] at, int axis, long size) {
        return new InvalidArgumentException(kernel + ": index " + index
                + (at == null ? "" : " (at " + Arrays.toString(at) + " of the index tensor)")
                + " is out of range for axis " + axis + " of size " + size + "; indices must lie in 0.." + (size - 1));
    }

    /**
     * The operands of {@link FusedKernels.SgdStep}.
     *
     * @param param    the parameter
     * @param grad     its gradient
     * @param buffer   the momentum buffer, or null
     * @param momentum the momentum factor
     * @return whether the update uses momentum (and so the buffer)
     */
    public static boolean sgdOperands(Strided param, Strided grad, Strided buffer, double momentum) {
        requireShape("sgdStep", "gradient", grad, param.shape());
        if (momentum == 0) {
            return false;
        }
        if (buffer == null) {
            throw new InvalidArgumentException("sgdStep: momentum " + momentum
                    + " needs a momentum buffer of shape " + Arrays.toString(param.shape()));
        }
        requireShape("sgdStep", "momentum buffer", buffer, param.shape());
        return true;
    }

    /**
     * The operands of {@link FusedKernels.AdamStep}.
     *
     * @param param the parameter
     * @param grad  its gradient
     * @param m     the first moment
     * @param v     the second moment
     * @param step  the step number, from 1
     */
    public static void adamOperands(Strided param, Strided grad, Strided m, Strided v, long step) {
        requireShape("adamStep", "gradient", grad, param.shape());
        requireShape("adamStep", "first moment", m, param.shape());
        requireShape("adamStep", "second moment", v, param.shape());
        if (step < 1) {
            throw new InvalidArgumentException("adamStep: step must count from 1, got " + step);
        }
    }
}
