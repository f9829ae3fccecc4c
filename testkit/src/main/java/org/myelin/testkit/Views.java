package org.myelin.testkit;

import java.util.Arrays;
import org.myelin.api.DType;
import org.myelin.api.DTypeException;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.Strided;

/** Checks and stride arithmetic the reference kernels share. Every check names the kernel and the views. */
final class Views {
    private Views() {}

    /** @param v a view on the heap @return its buffer */
    static HeapBuffer heap(Strided v) {
        return HeapBuffer.of(v.buffer());
    }

    /**
     * The strides that walk {@code v} over {@code shape}: aligned to the right, with stride 0 on axes
     * that {@code v} lacks or holds with size 1. The kernels' contract hands over views already
     * broadcast by stride 0; accepting the NumPy form as well costs nothing and keeps the reference lenient.
     *
     * @param kernel the kernel, for messages
     * @param role   the view's role, for messages
     * @param v      the view
     * @param shape  the shape walked
     * @return strides of {@code shape}'s rank
     */
    static long[] broadcastStrides(String kernel, String role, Strided v, long[] shape) {
        int lead = shape.length - v.rank();
        if (lead < 0) {
            throw new ShapeMismatchException(kernel + ": " + role + " " + v + " has more axes than the output "
                    + Arrays.toString(shape));
        }
        long[] s = new long[shape.length];
        for (int axis = 0; axis < v.rank(); axis++) {
            long size = v.size(axis);
            long target = shape[lead + axis];
            if (size == target) {
                s[lead + axis] = v.stride(axis);
            } else if (size != 1) {
                throw new ShapeMismatchException(kernel + ": " + role + " " + v + " does not broadcast to "
                        + Arrays.toString(shape));
            }
        }
        return s;
    }

    /** @param kernel the kernel @param role the role @param v the view @param shape the required shape */
    static void requireShape(String kernel, String role, Strided v, long[] shape) {
        if (!Arrays.equals(v.shape(), shape)) {
            throw new ShapeMismatchException(kernel + ": " + role + " " + v + " must have shape " + Arrays.toString(shape));
        }
    }

    /** @param kernel the kernel @param role the role @param v a view that must hold FLOAT32 or FLOAT64 */
    static void requireFloating(String kernel, String role, Strided v) {
        if (!v.dtype().isFloatingPoint()) {
            throw new DTypeException(kernel + ": " + role + " must be FLOAT32 or FLOAT64, got " + v);
        }
    }

    /** @param kernel the kernel @param role the role @param v a view that must hold INT64 */
    static void requireInt64(String kernel, String role, Strided v) {
        if (v.dtype() != DType.INT64) {
            throw new DTypeException(kernel + ": " + role + " must be INT64, got " + v);
        }
    }

    /** @param kernel the kernel @param axis an axis @param rank the rank it must fall in */
    static void requireAxis(String kernel, int axis, int rank) {
        if (axis < 0 || axis >= rank) {
            throw new InvalidArgumentException(kernel + ": axis " + axis + " is out of range for rank " + rank
                    + " (kernels take axes already normalised to 0.." + (rank - 1) + ")");
        }
    }

    /** @param shape sizes @param axis an axis @param size its new size @return a copy with that axis resized */
    static long[] withSize(long[] shape, int axis, long size) {
        long[] s = shape.clone();
        s[axis] = size;
        return s;
    }
}
