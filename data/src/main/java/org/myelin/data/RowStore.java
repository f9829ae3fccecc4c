package org.myelin.data;

import org.myelin.api.DType;
import org.myelin.api.Shape;
import org.myelin.api.Tensor;

/**
 * The rows of one tensor held in a plain Java array of its dtype, so that a batch is built by
 * copying rows with {@link System#arraycopy} instead of creating one tensor per example.
 */
final class RowStore {
    private final DType dtype;
    private final long[] rowShape;
    private final int rowLength;
    private final long rows;
    private final Object values;

    private RowStore(DType dtype, long rows, long[] rowShape, Object values) {
        this.dtype = dtype;
        this.rows = rows;
        this.rowShape = rowShape;
        long length = 1;
        for (long d : rowShape) {
            length *= d;
        }
        this.rowLength = (int) length;
        this.values = values;
    }

    /** Copies a tensor's values out once; the tensor itself is not kept. */
    static RowStore of(Tensor tensor) {
        Shape shape = tensor.shape();
        long[] dims = shape.toArray();
        long[] rowShape = java.util.Arrays.copyOfRange(dims, 1, dims.length);
        Object values = switch (tensor.dtype()) {
            case FLOAT32 -> tensor.toFloatArray();
            case FLOAT64 -> tensor.toDoubleArray();
            case INT64 -> tensor.toLongArray();
        };
        return new RowStore(tensor.dtype(), dims[0], rowShape, values);
    }

    /** Takes ownership of {@code values}; the caller must not change them afterwards. */
    static RowStore wrap(float[] values, long rows, long... rowShape) {
        return new RowStore(DType.FLOAT32, rows, rowShape.clone(), values);
    }

    /** Takes ownership of {@code values}; the caller must not change them afterwards. */
    static RowStore wrap(long[] values, long rows, long... rowShape) {
        return new RowStore(DType.INT64, rows, rowShape.clone(), values);
    }

    /** @return the same values, each row seen with another shape of the same size; nothing is copied */
    RowStore withRowShape(long[] shape) {
        long length = 1;
        for (long d : shape) {
            if (d < 1) {
                throw new org.myelin.api.InvalidArgumentException("a sample shape needs sizes of at least 1, got "
                        + java.util.Arrays.toString(shape));
            }
            length = Math.multiplyExact(length, d);
        }
        if (length != rowLength) {
            throw new org.myelin.api.ShapeMismatchException("a sample of shape " + java.util.Arrays.toString(rowShape)
                    + " (" + rowLength + " values) cannot be seen as " + java.util.Arrays.toString(shape) + " (" + length
                    + " values)");
        }
        return new RowStore(dtype, rows, shape.clone(), values);
    }

    long rows() {
        return rows;
    }

    DType dtype() {
        return dtype;
    }

    /** @return the shape of the whole store, [rows, ...rowShape] */
    long[] shape() {
        long[] shape = new long[rowShape.length + 1];
        shape[0] = rows;
        System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
        return shape;
    }

    /** @return the given rows stacked along a new first axis, as one tensor */
    Tensor gather(int[] indices) {
        long[] shape = new long[rowShape.length + 1];
        shape[0] = indices.length;
        System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
        int n = rowLength;
        return switch (dtype) {
            case FLOAT32 -> {
                float[] src = (float[]) values;
                float[] out = new float[indices.length * n];
                for (int i = 0; i < indices.length; i++) {
                    System.arraycopy(src, indices[i] * n, out, i * n, n);
                }
                yield Tensor.wrap(out, shape);
            }
            case FLOAT64 -> {
                double[] src = (double[]) values;
                double[] out = new double[indices.length * n];
                for (int i = 0; i < indices.length; i++) {
                    System.arraycopy(src, indices[i] * n, out, i * n, n);
                }
                yield Tensor.wrap(out, shape);
            }
            case INT64 -> {
                long[] src = (long[]) values;
                long[] out = new long[indices.length * n];
                for (int i = 0; i < indices.length; i++) {
                    System.arraycopy(src, indices[i] * n, out, i * n, n);
                }
                yield Tensor.wrap(out, shape);
            }
        };
    }

    /** @return one row as a tensor of the row shape (rank 0 for a 1-d store) */
    Tensor row(int index) {
        Tensor one = gather(new int[] {index});
        // drop the batch axis of size 1; reshape with no sizes gives a rank-0 tensor for a 1-d store
        return one.reshape(rowShape);
    }

    /** @return all rows as one tensor (a fresh copy of the values) */
    Tensor all() {
        return switch (dtype) {
            case FLOAT32 -> Tensor.of((float[]) values, shape());
            case FLOAT64 -> Tensor.of((double[]) values, shape());
            case INT64 -> Tensor.of((long[]) values, shape());
        };
    }
}
