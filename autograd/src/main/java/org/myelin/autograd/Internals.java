package org.myelin.autograd;

import org.myelin.api.Shape;
import org.myelin.api.Tensor;

/**
 * What the built-in view operators need from the engine's tensors. Public only so the sibling
 * {@code ops} package can reach it; the module exports neither package.
 */
public final class Internals {
    private Internals() {}

    /**
     * @param base    the tensor whose storage is shared
     * @param offset  the new offset
     * @param shape   the new sizes
     * @param strides the new strides
     * @return a view of base's storage, outside the graph
     */
    public static Tensor view(Tensor base, long offset, Shape shape, long[] strides) {
        return EngineTensor.of(base).view(offset, shape, strides);
    }

    /** @param t a tensor @return its offset into its storage */
    public static long offset(Tensor t) {
        return EngineTensor.of(t).offset;
    }

    /** @param t a tensor @return a copy of its strides */
    public static long[] strides(Tensor t) {
        return EngineTensor.of(t).strides.clone();
    }

    /**
     * @param op     the operation, for errors
     * @param shape  the sizes
     * @param strides the strides
     * @param target the shape to read it as
     * @return the strides that broadcast it there
     */
    public static long[] broadcastStrides(String op, Shape shape, long[] strides, Shape target) {
        return Layouts.broadcastStrides(op, shape, strides, target);
    }

    /**
     * @param oldShape   the sizes
     * @param oldStrides the strides
     * @param newShape   the wanted sizes
     * @return strides viewing the same memory as newShape, or null when a copy is needed
     */
    public static long[] viewStrides(long[] oldShape, long[] oldStrides, long[] newShape) {
        return Layouts.viewStrides(oldShape, oldStrides, newShape);
    }

    /** @param op the operation @param from the shape @param requested sizes with one optional -1 @return the sizes */
    public static long[] inferShape(String op, Shape from, long[] requested) {
        return Layouts.inferShape(op, from, requested);
    }

    /**
     * @param t      a tensor
     * @param device the device to copy it to
     * @return a copy on that device's backend, outside the graph
     */
    public static Tensor transfer(Tensor t, org.myelin.api.Device device) {
        EngineTensor src = EngineTensor.of(t.contiguous());
        var target = MyelinEngine.instance().backendRegistry().forDevice(device);
        // One read, in the tensor's own type (a CPU INT64 tensor is copied without passing through double).
        org.myelin.api.spi.Buffer buf = switch (src.dtype) {
            case FLOAT32 -> target.upload(src.toFloatArray(), device);
            case FLOAT64 -> target.upload(src.toDoubleArray(), device);
            case INT64 -> target.upload(src.toLongArray(), device);
        };
        return new EngineTensor(new Storage(buf, device), 0, src.shape, Layouts.rowMajor(src.shape.toArray()));
    }
}
