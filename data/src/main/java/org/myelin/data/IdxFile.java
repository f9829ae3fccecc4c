package org.myelin.data;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The contents of one IDX file of unsigned bytes (type 0x08), as read and checked by
 * {@link IdxReader}: its dimensions and its data, row-major.
 *
 * <p>The data array is never handed out, so an {@code IdxFile} cannot change after it was read.
 */
public final class IdxFile {
    private final Path source;
    private final long[] dimensions;
    private final byte[] data;

    IdxFile(Path source, long[] dimensions, byte[] data) {
        this.source = source;
        this.dimensions = dimensions.clone();
        this.data = data;
    }

    /** @return the file this was read from */
    public Path source() {
        return source;
    }

    /** @return the sizes from the header, outermost first (a copy) */
    public long[] dimensions() {
        return dimensions.clone();
    }

    /** @return the number of items: the first dimension */
    public long count() {
        return dimensions[0];
    }

    /** @return the number of values in all dimensions but the first (1 for a 1-d file) */
    public int valuesPerItem() {
        long product = 1; // the reader checked that this fits an int
        for (int i = 1; i < dimensions.length; i++) {
            product *= dimensions[i];
        }
        return (int) product;
    }

    /** @return the number of values in the file */
    public int length() {
        return data.length;
    }

    /**
     * @param index a position in the row-major data, from 0
     * @return the unsigned byte stored there, 0..255
     */
    public int unsignedAt(int index) {
        return Byte.toUnsignedInt(data[index]);
    }

    /**
     * @param divisor what each value is divided by (255 scales pixels to [0, 1])
     * @return every value as a float, divided by {@code divisor}
     */
    public float[] toScaledFloats(float divisor) {
        float[] out = new float[data.length];
        for (int i = 0; i < out.length; i++) {
            // a division, not a multiplication by 1/divisor, so the values match PyTorch's x / 255 bit for bit
            out[i] = Byte.toUnsignedInt(data[i]) / divisor;
        }
        return out;
    }

    /** @return every value widened to a long, as labels are for an INT64 tensor */
    public long[] toLongs() {
        long[] out = new long[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Byte.toUnsignedInt(data[i]);
        }
        return out;
    }

    @Override
    public String toString() {
        return "IdxFile[" + source + ", dimensions " + Arrays.toString(dimensions) + "]";
    }
}
