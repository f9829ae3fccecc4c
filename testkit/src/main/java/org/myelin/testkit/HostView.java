package org.myelin.testkit;

import org.myelin.api.spi.StridedWalk;

import java.util.Arrays;
import org.myelin.api.DType;

/**
 * The host-side description of one kernel operand: the whole buffer's values and the view into it.
 * Values are kept as doubles already rounded to the element type, so what a backend downloads
 * compares bit for bit with what was uploaded.
 *
 * @param dtype   the element type
 * @param data    every element of the buffer, not only the view's
 * @param offset  the view's first element
 * @param shape   the view's sizes
 * @param strides the view's strides
 * @param origin  how the view was made, for test names, such as {@code [3,1,5] broadcast}
 */
record HostView(DType dtype, double[] data, long offset, long[] shape, long[] strides, String origin) {

    /** @return the number of elements in the view */
    long numel() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** @return a walk over the view's elements, in row-major order */
    StridedWalk walk() {
        return new StridedWalk(shape, new long[] {offset}, new long[][] {strides});
    }

    /** @return the largest magnitude among the view's elements, ignoring NaN; 0 when empty */
    double maxAbs() {
        double max = 0;
        StridedWalk it = walk();
        for (long n = it.count(); n > 0; n--, it.next()) {
            double v = Math.abs(data[(int) it.position(0)]);
            if (v > max) {
                max = v;
            }
        }
        return max;
    }

    /** @param newOrigin a description @return this view described differently */
    HostView describedAs(String newOrigin) {
        return new HostView(dtype, data, offset, shape, strides, newOrigin);
    }

    /** @return the type, sizes, strides and offset, for failure messages */
    String layout() {
        return Names.dtype(dtype) + Names.shape(shape) + " strides " + Arrays.toString(strides) + " offset " + offset
                + " in a buffer of " + data.length;
    }
}
