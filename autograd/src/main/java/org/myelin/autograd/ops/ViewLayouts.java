package org.myelin.autograd.ops;

import org.myelin.api.Shape;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.spi.Strided;

/** Stride arithmetic for the view operators. */
final class ViewLayouts {
    private ViewLayouts() {}


    /** Resolves one -1 and checks the element count, for reshape and view. */
    static long[] inferShape(String op, Shape from, long[] requested) {
        long[] dims = requested.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == -1) {
                if (infer >= 0) {
                    throw new ShapeMismatchException(op + ": only one size may be -1, got "
                            + java.util.Arrays.toString(requested));
                }
                infer = i;
            } else if (dims[i] < 0) {
                throw new ShapeMismatchException(op + ": negative size " + dims[i] + " in "
                        + java.util.Arrays.toString(requested));
            } else {
                known *= dims[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || from.numel() % known != 0) {
                throw new ShapeMismatchException(op + ": cannot reshape a tensor of shape " + from + " ("
                        + from.numel() + " elements) into " + java.util.Arrays.toString(requested)
                        + "; no size for -1 makes the element counts match");
            }
            dims[infer] = from.numel() / known;
            known *= dims[infer];
        }
        if (known != from.numel()) {
            throw new ShapeMismatchException(op + ": cannot reshape a tensor of shape " + from + " (" + from.numel()
                    + " elements) into " + java.util.Arrays.toString(requested) + " (" + known
                    + " elements); the element counts must match");
        }
        return dims;
    }

    /**
     * The strides that let {@code newShape} view the same memory as {@code oldShape}/{@code oldStrides},
     * or null when no view can (PyTorch's rule: each run of merged or split axes must be contiguous
     * within itself).
     */
    static long[] viewStrides(long[] oldShape, long[] oldStrides, long[] newShape) {
        long[] newStrides = new long[newShape.length];
        long numel = 1;
        for (long d : oldShape) {
            numel *= d;
        }
        if (numel == 0 || oldShape.length == 0) {
            return Strided.rowMajorStrides(newShape);
        }
        int viewD = newShape.length - 1;
        long chunkBaseStride = oldStrides.length > 0 ? oldStrides[oldStrides.length - 1] : 1;
        long tensorNumel = 1;
        long viewNumel = 1;
        for (int tensorD = oldShape.length - 1; tensorD >= 0; tensorD--) {
            tensorNumel *= oldShape[tensorD];
            if (tensorD == 0 || (oldShape[tensorD - 1] != 1
                    && oldStrides[tensorD - 1] != tensorNumel * chunkBaseStride)) {
                while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1)) {
                    newStrides[viewD] = viewNumel * chunkBaseStride;
                    viewNumel *= newShape[viewD];
                    viewD--;
                }
                if (viewNumel != tensorNumel) {
                    return null;
                }
                if (tensorD > 0) {
                    chunkBaseStride = oldStrides[tensorD - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }
        return viewD == -1 ? newStrides : null;
    }
}
