package org.myelin.api.spi;

import org.myelin.api.DType;
import org.myelin.api.Device;
import org.myelin.api.InvalidArgumentException;

/**
 * A CPU buffer on the Java heap: exactly one of a {@code float[]}, {@code double[]} or
 * {@code long[]}. Every CPU backend uses this one type, so CPU tensors can move between backends
 * (a SIMD pack and the reference one) without a copy, and the garbage collector frees them.
 */
public final class HeapBuffer implements Buffer {
    private final DType dtype;
    private final float[] floats;
    private final double[] doubles;
    private final long[] longs;

    private HeapBuffer(DType dtype, float[] f, double[] d, long[] l) {
        this.dtype = dtype;
        this.floats = f;
        this.doubles = d;
        this.longs = l;
    }

    /**
     * @param dtype  the element type
     * @param length the number of elements, all zero
     * @return a new buffer
     */
    public static HeapBuffer allocate(DType dtype, long length) {
        if (length < 0 || length > Integer.MAX_VALUE - 8) {
            throw new InvalidArgumentException("cannot allocate " + length + " elements on the Java heap; "
                    + "a CPU tensor holds at most " + (Integer.MAX_VALUE - 8) + " elements");
        }
        int n = (int) length;
        return switch (dtype) {
            case FLOAT32 -> new HeapBuffer(dtype, new float[n], null, null);
            case FLOAT64 -> new HeapBuffer(dtype, null, new double[n], null);
            case INT64 -> new HeapBuffer(dtype, null, null, new long[n]);
        };
    }

    /**
     * @param data the elements, used without a copy
     * @return a FLOAT32 buffer
     */
    public static HeapBuffer wrap(float[] data) {
        return new HeapBuffer(DType.FLOAT32, data, null, null);
    }

    /**
     * @param data the elements, used without a copy
     * @return a FLOAT64 buffer
     */
    public static HeapBuffer wrap(double[] data) {
        return new HeapBuffer(DType.FLOAT64, null, data, null);
    }

    /**
     * @param data the elements, used without a copy
     * @return an INT64 buffer
     */
    public static HeapBuffer wrap(long[] data) {
        return new HeapBuffer(DType.INT64, null, null, data);
    }

    /**
     * @param buffer a buffer that must be a heap buffer
     * @return it, cast
     */
    public static HeapBuffer of(Buffer buffer) {
        if (buffer instanceof HeapBuffer h) {
            return h;
        }
        throw new InvalidArgumentException("expected a CPU heap buffer, got one on " + buffer.device());
    }

    /** @return the float array backing a FLOAT32 buffer */
    public float[] floats() {
        if (floats == null) {
            throw new InvalidArgumentException("buffer holds " + dtype + ", not FLOAT32");
        }
        return floats;
    }

    /** @return the double array backing a FLOAT64 buffer */
    public double[] doubles() {
        if (doubles == null) {
            throw new InvalidArgumentException("buffer holds " + dtype + ", not FLOAT64");
        }
        return doubles;
    }

    /** @return the long array backing an INT64 buffer */
    public long[] longs() {
        if (longs == null) {
            throw new InvalidArgumentException("buffer holds " + dtype + ", not INT64");
        }
        return longs;
    }

    /**
     * @param i an element index
     * @return that element as a double, whatever the type
     */
    public double get(long i) {
        int k = (int) i;
        return switch (dtype) {
            case FLOAT32 -> floats[k];
            case FLOAT64 -> doubles[k];
            case INT64 -> longs[k];
        };
    }

    /**
     * @param i an element index
     * @param v the value, converted to the buffer's type
     */
    public void set(long i, double v) {
        int k = (int) i;
        switch (dtype) {
            case FLOAT32 -> floats[k] = (float) v;
            case FLOAT64 -> doubles[k] = v;
            case INT64 -> longs[k] = (long) v;
        }
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public long length() {
        return switch (dtype) {
            case FLOAT32 -> floats.length;
            case FLOAT64 -> doubles.length;
            case INT64 -> longs.length;
        };
    }

    @Override
    public Device device() {
        return Device.CPU;
    }
}
