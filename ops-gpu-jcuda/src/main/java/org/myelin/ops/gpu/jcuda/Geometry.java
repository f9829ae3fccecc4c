package org.myelin.ops.gpu.jcuda;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.myelin.api.DType;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.spi.Strided;

/**
 * The {@code Geo} struct of myelin_common.cuh, filled as 64-bit words: up to {@link #MAX_OPS} operands
 * walked together over one shape, each with its own offset, strides and element type. Kernels take
 * strided views directly (no contiguous copies): axes of size 1 are dropped and neighbouring axes that
 * every operand steps through contiguously are merged first, so a contiguous tensor of any rank
 * becomes one axis and the per-element index arithmetic stays short. At most {@link #MAX_RANK} axes
 * may remain.
 */
final class Geometry {
    static final int MAX_RANK = 8;
    static final int MAX_OPS = 4;
    private static final int N = 0;
    private static final int RANK = 1;
    private static final int SIZE = 2;
    private static final int DTYPE = SIZE + MAX_RANK;
    private static final int OFFSET = DTYPE + MAX_OPS;
    private static final int STRIDE = OFFSET + MAX_OPS;
    /** The struct's size in 64-bit words. */
    static final int WORDS = STRIDE + MAX_OPS * MAX_RANK;

    private final long[] words;

    private Geometry(long[] words) {
        this.words = words;
    }

    /** @return the struct, to pass by value */
    long[] words() {
        return words;
    }

    /** @return how many elements the kernel walks */
    long count() {
        return words[N];
    }

    /** @return the axes left after merging */
    int rank() {
        return (int) words[RANK];
    }

    /**
     * Views walked over {@code shape}; each is broadcast to it NumPy-style (aligned right, size 1 or a
     * missing axis repeats by stride 0), and checked to lie inside its buffer.
     *
     * @param kernel the kernel, for messages
     * @param shape  the shape walked, usually the output's
     * @param views  the operands, output first
     * @return the geometry
     */
    static Geometry over(String kernel, long[] shape, Strided... views) {
        long[][] strides = new long[views.length][];
        long[] offsets = new long[views.length];
        DType[] dtypes = new DType[views.length];
        for (int k = 0; k < views.length; k++) {
            strides[k] = broadcastStrides(kernel, views[k], shape);
            offsets[k] = views[k].offset();
            dtypes[k] = views[k].dtype();
            requireInside(kernel, views[k]);
        }
        return of(kernel, shape, strides, offsets, dtypes);
    }

    /**
     * @param kernel  the kernel, for messages
     * @param shape   the shape walked
     * @param strides each operand's strides over that shape
     * @param offsets each operand's offset
     * @param dtypes  each operand's type
     * @return the geometry, with axes merged where every operand allows
     */
    static Geometry of(String kernel, long[] shape, long[][] strides, long[] offsets, DType[] dtypes) {
        int ops = strides.length;
        if (ops > MAX_OPS) {
            throw new IllegalArgumentException(kernel + ": at most " + MAX_OPS + " operands");
        }
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        List<long[]> axes = new ArrayList<>(); // each: size, then one stride per operand
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == 1) {
                continue;
            }
            long[] last = axes.isEmpty() ? null : axes.get(axes.size() - 1);
            if (last != null && mergeable(last, strides, d, shape[d])) {
                last[0] *= shape[d];
                for (int k = 0; k < ops; k++) {
                    last[1 + k] = strides[k][d];
                }
                continue;
            }
            long[] axis = new long[1 + ops];
            axis[0] = shape[d];
            for (int k = 0; k < ops; k++) {
                axis[1 + k] = strides[k][d];
            }
            axes.add(axis);
        }
        if (axes.size() > MAX_RANK) {
            throw new InvalidArgumentException("cuda: " + kernel + " handles views of at most " + MAX_RANK
                    + " axes that cannot be merged; got shape " + Arrays.toString(shape) + ": make the tensor contiguous first");
        }
        long[] w = new long[WORDS];
        w[N] = n;
        w[RANK] = axes.size();
        for (int d = 0; d < axes.size(); d++) {
            w[SIZE + d] = axes.get(d)[0];
            for (int k = 0; k < ops; k++) {
                w[STRIDE + k * MAX_RANK + d] = axes.get(d)[1 + k];
            }
        }
        for (int k = 0; k < ops; k++) {
            w[DTYPE + k] = code(dtypes[k]);
            w[OFFSET + k] = offsets[k];
        }
        return new Geometry(w);
    }

    /** Axis d continues the previous (merged) axis when every operand steps from one into the other evenly. */
    private static boolean mergeable(long[] previous, long[][] strides, int d, long size) {
        for (int k = 0; k < strides.length; k++) {
            if (previous[1 + k] != strides[k][d] * size) {
                return false;
            }
        }
        return true;
    }

    /** @param dtype a type @return its DT_* code in myelin_common.cuh */
    static long code(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> 0;
            case FLOAT64 -> 1;
            case INT64 -> 2;
        };
    }

    /**
     * @param kernel the kernel, for messages
     * @param v      a view
     * @param shape  the shape it is walked over
     * @return its strides over that shape, 0 where it broadcasts
     */
    static long[] broadcastStrides(String kernel, Strided v, long[] shape) {
        int lead = shape.length - v.rank();
        if (lead < 0) {
            throw new ShapeMismatchException(kernel + ": operand " + v + " has more axes than " + Arrays.toString(shape));
        }
        long[] s = new long[shape.length];
        for (int axis = 0; axis < v.rank(); axis++) {
            if (v.size(axis) == shape[lead + axis]) {
                s[lead + axis] = v.stride(axis);
            } else if (v.size(axis) != 1) {
                throw new ShapeMismatchException(kernel + ": operand " + v + " does not broadcast to " + Arrays.toString(shape));
            }
        }
        return s;
    }

    /** A view reaching outside its buffer would read or write someone else's device memory: refuse it. */
    static void requireInside(String kernel, Strided v) {
        if (v.numel() == 0) {
            return;
        }
        long low = v.offset();
        long high = v.offset();
        for (int axis = 0; axis < v.rank(); axis++) {
            long reach = (v.size(axis) - 1) * v.stride(axis);
            if (reach < 0) {
                low += reach;
            } else {
                high += reach;
            }
        }
        if (low < 0 || high >= v.buffer().length()) {
            throw new InvalidArgumentException("cuda: " + kernel + ": view " + v + " reaches elements " + low + ".." + high
                    + " of a buffer of " + v.buffer().length());
        }
    }
}
