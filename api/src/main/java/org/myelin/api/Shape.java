package org.myelin.api;

import java.util.Arrays;

/**
 * The sizes of a tensor's dimensions, immutable. A scalar has rank 0 and one element; any
 * dimension may be 0, which makes the tensor empty.
 */
public final class Shape {
    private static final Shape SCALAR = new Shape(new long[0]);
    private final long[] dims;
    private final long numel;

    private Shape(long[] dims) {
        this.dims = dims;
        long n = 1;
        for (long d : dims) {
            if (d < 0) {
                throw new InvalidArgumentException("negative dimension " + d + " in shape " + Arrays.toString(dims));
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException overflow) {
                throw new InvalidArgumentException("shape " + Arrays.toString(dims) + " holds more than " + Long.MAX_VALUE
                        + " elements; no tensor can be that large: check the sizes");
            }
        }
        this.numel = n;
    }

    /**
     * @param dims the sizes, outermost first
     * @return the shape
     * @throws InvalidArgumentException when a size is negative
     */
    public static Shape of(long... dims) {
        return dims.length == 0 ? SCALAR : new Shape(dims.clone());
    }

    /** @return the shape of a scalar: rank 0, one element */
    public static Shape scalar() {
        return SCALAR;
    }

    /** @return the number of dimensions */
    public int rank() {
        return dims.length;
    }

    /**
     * @param axis a dimension number; negative counts from the end
     * @return that dimension's size
     */
    public long size(int axis) {
        return dims[normalizeAxis(axis)];
    }

    /** @return the number of elements: the product of the sizes */
    public long numel() {
        return numel;
    }

    /** @return a copy of the sizes */
    public long[] toArray() {
        return dims.clone();
    }

    /**
     * Turns a possibly negative axis into one in {@code [0, rank)}.
     *
     * @param axis the axis; -1 is the last
     * @return the axis counted from the front
     * @throws InvalidArgumentException when the axis is out of range
     */
    public int normalizeAxis(int axis) {
        return normalizeAxis(axis, dims.length);
    }

    /**
     * Turns a possibly negative axis into one in {@code [0, rank)}.
     *
     * @param axis the axis; -1 is the last
     * @param rank the number of dimensions
     * @return the axis counted from the front
     * @throws InvalidArgumentException when the axis is out of range
     */
    public static int normalizeAxis(int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new InvalidArgumentException("axis " + axis + " is out of range for a tensor of rank " + rank
                    + "; use an axis in [" + (-rank) + ", " + (rank - 1) + "]");
        }
        return a;
    }

    /**
     * The shape that two shapes broadcast to, by PyTorch's (numpy's) rules: align from the right;
     * each pair of sizes must be equal or one of them 1.
     *
     * @param op the operation, for the error message
     * @param a  one shape
     * @param b  the other shape
     * @return the broadcast shape
     * @throws ShapeMismatchException when the shapes cannot broadcast
     */
    public static Shape broadcast(String op, Shape a, Shape b) {
        if (a.equals(b)) {
            return a;
        }
        int rank = Math.max(a.rank(), b.rank());
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long da = i < rank - a.rank() ? 1 : a.dims[i - (rank - a.rank())];
            long db = i < rank - b.rank() ? 1 : b.dims[i - (rank - b.rank())];
            if (da != db && da != 1 && db != 1) {
                throw new ShapeMismatchException(op + ": shapes " + a + " and " + b + " cannot broadcast: size "
                        + da + " meets size " + db + " at dimension " + i + " (counting the aligned shape " + rank
                        + "-d); sizes must match or be 1. Reshape or unsqueeze one operand.");
            }
            out[i] = da == 1 ? db : da;
        }
        return new Shape(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** @return the sizes in brackets, as {@code [2, 3]} */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
