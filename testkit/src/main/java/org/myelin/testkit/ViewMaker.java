package org.myelin.testkit;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.myelin.api.DType;
import org.myelin.api.spi.Strided;

/**
 * Makes conformance operands from the suite's fixed-seed generator: random values in a chosen
 * domain, laid out contiguously, transposed, sliced or broadcast. Elements of the buffer outside the
 * view get values too, so a kernel that writes outside its view, or reads past it, shows.
 */
final class ViewMaker {
    private final SplittableRandom random;

    /** @param random the suite's generator, fixed seed */
    ViewMaker(SplittableRandom random) {
        this.random = random;
    }

    /** @return the generator, for choices a case makes itself */
    SplittableRandom random() {
        return random;
    }

    /** @param choices sizes @return one of them, at random */
    long pick(long... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /**
     * @param dtype  the element type
     * @param shape  the view's sizes
     * @param layout how it sits in its buffer
     * @param values where values come from
     * @return the operand
     */
    HostView make(DType dtype, long[] shape, Layout layout, Values values) {
        int rank = shape.length;
        long[] strides;
        long offset = 0;
        long length;
        switch (layout) {
            case CONTIGUOUS -> {
                strides = Strided.rowMajorStrides(shape);
                length = numel(shape);
            }
            case OFFSET -> {
                strides = Strided.rowMajorStrides(shape);
                offset = 1 + random.nextInt(5);
                length = offset + numel(shape) + random.nextInt(4);
            }
            case TRANSPOSED -> {
                long[] reversed = reverse(shape);
                strides = reverse(Strided.rowMajorStrides(reversed));
                length = numel(shape);
            }
            case SLICED -> {
                long[] parent = new long[rank];
                long[] steps = new long[rank];
                long[] starts = new long[rank];
                for (int axis = 0; axis < rank; axis++) {
                    steps[axis] = axis == rank - 1 ? 2 : 1 + random.nextInt(2);
                    starts[axis] = random.nextInt(3);
                    long span = shape[axis] == 0 ? 1 : (shape[axis] - 1) * steps[axis] + 1;
                    parent[axis] = starts[axis] + span + random.nextInt(2);
                }
                long[] parentStrides = Strided.rowMajorStrides(parent);
                strides = new long[rank];
                for (int axis = 0; axis < rank; axis++) {
                    strides[axis] = parentStrides[axis] * steps[axis];
                    offset += starts[axis] * parentStrides[axis];
                }
                // A scalar slice still sits a few elements into its buffer.
                offset += rank == 0 ? 1 + random.nextInt(3) : 0;
                length = numel(parent) + (rank == 0 ? offset : 0);
            }
            default -> throw new IllegalStateException(layout.name());
        }
        double[] data = new double[Math.toIntExact(length)];
        for (int i = 0; i < data.length; i++) {
            data[i] = round(dtype, values.next(random));
        }
        String origin = Names.shape(shape) + (layout.tag().isEmpty() ? "" : " " + layout.tag());
        return new HostView(dtype, data, offset, shape.clone(), strides, origin);
    }

    /**
     * @param small a view whose shape broadcasts to {@code shape} (aligned to the right, NumPy style)
     * @param shape the target shape
     * @return the same buffer read with stride 0 on the axes {@code small} lacks or holds with size 1
     */
    HostView broadcast(HostView small, long[] shape) {
        int lead = shape.length - small.shape().length;
        long[] strides = new long[shape.length];
        for (int axis = 0; axis < small.shape().length; axis++) {
            if (small.shape()[axis] == shape[lead + axis]) {
                strides[lead + axis] = small.strides()[axis];
            } else if (small.shape()[axis] != 1) {
                throw new IllegalArgumentException(Names.shape(small.shape()) + " does not broadcast to " + Names.shape(shape));
            }
        }
        String origin = Arrays.equals(small.shape(), shape) ? small.origin() : small.origin() + " broadcast";
        return new HostView(small.dtype(), small.data(), small.offset(), shape.clone(), strides, origin);
    }

    /** @param dtype a type @param value a value @return it as that type would hold it */
    static double round(DType dtype, double value) {
        return switch (dtype) {
            case FLOAT32 -> (float) value;
            case FLOAT64 -> value;
            case INT64 -> (long) value;
        };
    }

    static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    private static long[] reverse(long[] a) {
        long[] r = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[a.length - 1 - i];
        }
        return r;
    }
}
