package org.myelin.api.spi;

import java.util.Arrays;
import org.myelin.api.DType;
import org.myelin.api.ShapeMismatchException;

/**
 * What a kernel sees of a tensor: a buffer, an offset into it, sizes and strides in elements.
 * A stride of 0 repeats an element, which is how broadcasting reaches kernels. Kernels must not
 * change the arrays they are given.
 */
public final class Strided {
    private final Buffer buffer;
    private final long offset;
    private final long[] shape;
    private final long[] strides;

    /**
     * @param buffer  the memory
     * @param offset  the index of element [0, 0, ...]
     * @param shape   the sizes
     * @param strides the distance between neighbours along each axis, in elements
     */
    public Strided(Buffer buffer, long offset, long[] shape, long[] strides) {
        if (shape.length != strides.length) {
            throw new IllegalArgumentException("shape and strides differ in rank");
        }
        this.buffer = buffer;
        this.offset = offset;
        this.shape = shape;
        this.strides = strides;
    }

    /**
     * @param buffer the memory, laid out row-major from index 0
     * @param shape  the sizes
     * @return the contiguous view of the buffer
     */
    public static Strided contiguous(Buffer buffer, long... shape) {
        return new Strided(buffer, 0, shape, rowMajorStrides(shape));
    }

    /**
     * @param shape sizes
     * @return the strides of a row-major layout of those sizes
     */
    public static long[] rowMajorStrides(long[] shape) {
        long[] s = new long[shape.length];
        long acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= Math.max(shape[i], 1);
        }
        return s;
    }

    /**
     * This view read as a larger shape, by PyTorch's broadcasting rules.
     *
     * @param op     the operation, for the error message
     * @param target a shape this view broadcasts to
     * @return this view when the shapes are equal, else a view with stride 0 on the broadcast axes
     * @throws ShapeMismatchException when it does not broadcast
     */
    public Strided broadcastTo(String op, long[] target) {
        if (Arrays.equals(shape, target)) {
            return this;
        }
        return new Strided(buffer, offset, target, broadcastStrides(op, shape, strides, target));
    }

    /**
     * The strides that make a view of {@code shape}/{@code strides} read as {@code target}: leading
     * axes are added and size-1 axes repeat, both with stride 0. The one place this rule is written.
     *
     * @param op      the operation, for the error message
     * @param shape   the sizes
     * @param strides the strides
     * @param target  the shape to read it as
     * @return the strides
     * @throws ShapeMismatchException when {@code shape} does not broadcast to {@code target}
     */
    public static long[] broadcastStrides(String op, long[] shape, long[] strides, long[] target) {
        long[] out = broadcastStridesOrNull(shape, strides, target);
        if (out != null) {
            return out;
        }
        int shift = target.length - shape.length;
        String what = op + ": cannot broadcast shape " + Arrays.toString(shape) + " to " + Arrays.toString(target);
        for (int i = 0; shift >= 0 && i < shape.length; i++) {
            if (shape[i] != target[i + shift] && shape[i] != 1) {
                what += ": size " + shape[i] + " at axis " + i + " is neither " + target[i + shift] + " nor 1";
                break;
            }
        }
        throw new ShapeMismatchException(what);
    }

    /**
     * As {@link #broadcastStrides}, for hot paths that build their own message.
     *
     * @param shape   the sizes
     * @param strides the strides
     * @param target  the shape to read it as
     * @return the strides, or null when {@code shape} does not broadcast to {@code target}
     */
    public static long[] broadcastStridesOrNull(long[] shape, long[] strides, long[] target) {
        int shift = target.length - shape.length;
        if (shift < 0) {
            return null;
        }
        long[] out = new long[target.length];
        for (int i = 0; i < shape.length; i++) {
            long have = shape[i];
            if (have == target[i + shift]) {
                out[i + shift] = strides[i];
            } else if (have != 1) {
                return null;
            }
        }
        return out;
    }

    /** @return the memory */
    public Buffer buffer() {
        return buffer;
    }

    /** @return the element type */
    public DType dtype() {
        return buffer.dtype();
    }

    /** @return the index of the first element */
    public long offset() {
        return offset;
    }

    /** @return the number of axes */
    public int rank() {
        return shape.length;
    }

    /**
     * @param axis an axis
     * @return its size
     */
    public long size(int axis) {
        return shape[axis];
    }

    /**
     * @param axis an axis
     * @return its stride
     */
    public long stride(int axis) {
        return strides[axis];
    }

    /** @return the sizes; do not change the array */
    public long[] shape() {
        return shape;
    }

    /** @return the strides; do not change the array */
    public long[] strides() {
        return strides;
    }

    /** @return the number of elements */
    public long numel() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** @return true when the elements are row-major without gaps (sizes of 1 ignore their stride) */
    public boolean isContiguous() {
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    @Override
    public String toString() {
        return buffer.dtype() + Arrays.toString(shape) + " strides " + Arrays.toString(strides) + " offset " + offset;
    }
}
