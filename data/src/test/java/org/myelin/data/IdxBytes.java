package org.myelin.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds IDX files byte by byte, well-formed or broken on purpose, for the tests to read. */
final class IdxBytes {
    private IdxBytes() {}

    /** A header with the given type byte and sizes, followed by {@code data}. */
    static byte[] idx(int type, long[] dimensions, byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dimensions.length + data.length);
        buffer.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dimensions.length);
        for (long d : dimensions) {
            buffer.putInt((int) d); // sizes above 2^31 wrap to their unsigned 32-bit pattern, as IDX stores them
        }
        return buffer.put(data).array();
    }

    /** A well-formed unsigned-byte IDX file whose values are 0, 1, 2, ... (mod 256). */
    static byte[] counting(long... dimensions) {
        long n = 1;
        for (long d : dimensions) {
            n *= d;
        }
        byte[] data = new byte[(int) n];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        return idx(0x08, dimensions, data);
    }

    /** Images [count, rows, cols] whose pixel values are (image * 7 + pixel) mod 256. */
    static byte[] images(int count, int rows, int cols) {
        byte[] data = new byte[count * rows * cols];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ((i / (rows * cols)) * 7 + i % (rows * cols));
        }
        return idx(0x08, new long[] {count, rows, cols}, data);
    }

    /** Labels [labels.length]. */
    static byte[] labels(int... labels) {
        byte[] data = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            data[i] = (byte) labels[i];
        }
        return idx(0x08, new long[] {labels.length}, data);
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the four files of a small MNIST-like dataset into {@code folder}, gzipped or raw. */
    static void smallDataset(Path folder, boolean gzip, int trainCount, int testCount) {
        writeSplit(folder, "train", trainCount, gzip);
        writeSplit(folder, "t10k", testCount, gzip);
    }

    private static void writeSplit(Path folder, String prefix, int count, boolean gzip) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 10;
        }
        byte[] images = images(count, 28, 28);
        byte[] labelBytes = labels(labels);
        String suffix = gzip ? ".gz" : "";
        write(folder.resolve(prefix + "-images-idx3-ubyte" + suffix), gzip ? gzip(images) : images);
        write(folder.resolve(prefix + "-labels-idx1-ubyte" + suffix), gzip ? gzip(labelBytes) : labelBytes);
    }
}
