package org.myelin.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.myelin.api.DataFormatException;

/**
 * Reads IDX files (the format of MNIST and Fashion-MNIST), raw or gzip-compressed.
 *
 * <p>Compression is recognised by the gzip magic bytes {@code 1f 8b}, not by the file name, so a
 * file named {@code .gz} that is not gzip is reported for what it is. The header is checked before
 * anything is allocated from it: the magic number, the type (only {@code 0x08}, unsigned bytes), the
 * number of dimensions (1 to 4), and the size the dimensions claim against the data really present.
 * A header that claims more data than a Java array holds, or than the file has, fails at once.
 *
 * <p>Every problem is a {@link DataFormatException} naming the file, what is wrong and what to do.
 */
public final class IdxReader {
    /** The IDX type byte for unsigned bytes, the only type MNIST-style files use. */
    public static final int TYPE_UNSIGNED_BYTE = 0x08;

    private static final int MAX_DIMENSIONS = 4;
    /** The largest array the JVM reliably allocates (a few words below Integer.MAX_VALUE). */
    private static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;
    private static final int FIRST_CHUNK = 1 << 20;
    private static final String DEFAULT_REMEDY = "replace it with a valid IDX file";

    private IdxReader() {}

    /**
     * Reads and checks one IDX file.
     *
     * @param file the file, raw or gzip-compressed
     * @return its dimensions and data
     * @throws DataFormatException if the file is missing, unreadable, truncated or not valid IDX
     */
    public static IdxFile read(Path file) {
        return read(file, DEFAULT_REMEDY);
    }

    /**
     * Reads and checks one IDX file, with the caller's advice for when it is bad.
     *
     * @param file   the file, raw or gzip-compressed
     * @param remedy what the user should do if the file is bad, e.g. "delete /x/mnist to fetch it again"
     * @return its dimensions and data
     * @throws DataFormatException if the file is missing, unreadable, truncated or not valid IDX
     */
    public static IdxFile read(Path file, String remedy) {
        boolean gzip = startsWithGzipMagic(file, remedy);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw) {
            long[] dimensions = readHeader(file, new DataInputStream(in), remedy);
            long expected = checkedDataLength(file, dimensions, remedy);
            if (gzip) {
                checkGzipLength(file, dimensions, expected, remedy);
            } else {
                checkRawLength(file, dimensions, expected, remedy);
            }
            checkMemory(file, dimensions, expected, remedy);
            byte[] data = readExactly(file, in, (int) expected, dimensions, remedy);
            return new IdxFile(file, dimensions, data);
        } catch (EOFException e) {
            throw fail(file, "ends inside its header (truncated)", remedy, e);
        } catch (IOException e) {
            // a gzip stream with a bad header, a bad block or a bad checksum lands here
            throw fail(file, "could not be read (" + e.getMessage() + ")", remedy, e);
        }
    }

    private static boolean startsWithGzipMagic(Path file, String remedy) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
        } catch (NoSuchFileException e) {
            throw new DataFormatException("IDX file " + file + " is missing: " + remedy + ".", e);
        } catch (IOException e) {
            throw fail(file, "could not be opened (" + e + ")", remedy, e);
        }
    }

    private static long[] readHeader(Path file, DataInputStream in, String remedy) throws IOException {
        int zero0 = in.readUnsignedByte();
        int zero1 = in.readUnsignedByte();
        int type = in.readUnsignedByte();
        int rank = in.readUnsignedByte();
        if (zero0 != 0 || zero1 != 0) {
            throw fail(file, String.format("is not an IDX file: its magic number starts with %02x %02x, not 00 00",
                    zero0, zero1), remedy, null);
        }
        if (type != TYPE_UNSIGNED_BYTE) {
            throw fail(file, String.format("has IDX type 0x%02x (%s); only 0x08 (unsigned byte) is supported",
                    type, typeName(type)), remedy, null);
        }
        if (rank < 1 || rank > MAX_DIMENSIONS) {
            throw fail(file, "declares " + rank + " dimensions; 1 to " + MAX_DIMENSIONS + " are supported", remedy, null);
        }
        long[] dimensions = new long[rank];
        for (int i = 0; i < rank; i++) {
            // the format stores sizes as 32-bit big-endian integers; read them unsigned, never negative
            dimensions[i] = Integer.toUnsignedLong(in.readInt());
        }
        return dimensions;
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0x09 -> "signed byte";
            case 0x0B -> "16-bit integer";
            case 0x0C -> "32-bit integer";
            case 0x0D -> "32-bit float";
            case 0x0E -> "64-bit float";
            default -> "not an IDX type";
        };
    }

    /** The product of the dimensions, refused before any allocation when it cannot be a Java array. */
    private static long checkedDataLength(Path file, long[] dimensions, String remedy) {
        long product = 1;
        long perItem = 1;
        boolean tooLarge = false;
        for (int i = 0; i < dimensions.length; i++) {
            try {
                product = Math.multiplyExact(product, dimensions[i]);
                if (i > 0) {
                    perItem = Math.multiplyExact(perItem, dimensions[i]);
                }
            } catch (ArithmeticException overflow) {
                tooLarge = true;
            }
        }
        if (tooLarge || product > MAX_ARRAY_LENGTH || perItem > MAX_ARRAY_LENGTH) {
            throw fail(file, "has a header that claims " + dimensions[0] + " items (dimensions "
                    + describe(dimensions) + (tooLarge ? "" : " = " + product + " bytes")
                    + "), more than this reader holds (at most " + MAX_ARRAY_LENGTH + " bytes); the header is corrupt",
                    remedy, null);
        }
        return product;
    }

    private static void checkRawLength(Path file, long[] dimensions, long expected, String remedy) throws IOException {
        long available = Files.size(file) - 4L - 4L * dimensions.length;
        if (available != expected) {
            throw fail(file, "has a header that claims " + dimensions[0] + " items (dimensions " + describe(dimensions)
                    + " = " + expected + " bytes) but holds " + Math.max(available, 0) + " bytes of data ("
                    + (available < expected ? "truncated" : "trailing data") + ")", remedy, null);
        }
    }

    /**
     * A gzip file's last four bytes hold its uncompressed length (modulo 2^32): compared with what the
     * header claims before anything is decompressed, so a small file that claims gigabytes is caught
     * without reading them.
     */
    private static void checkGzipLength(Path file, long[] dimensions, long expected, String remedy) throws IOException {
        long size = Files.size(file);
        if (size < 18) {
            throw fail(file, "is too short to be a gzip file (" + size + " bytes)", remedy, null);
        }
        byte[] tail = new byte[4];
        try (var ch = java.nio.channels.FileChannel.open(file)) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(tail);
            while (buf.hasRemaining() && ch.read(buf, size - 4 + buf.position()) >= 0) {
                // read the trailer
            }
        }
        long isize = (tail[0] & 0xffL) | (tail[1] & 0xffL) << 8 | (tail[2] & 0xffL) << 16 | (tail[3] & 0xffL) << 24;
        long claimed = (4L + 4L * dimensions.length + expected) & 0xffffffffL;
        if (isize != claimed) {
            long headerBytes = 4L + 4L * dimensions.length;
            long dataBytes = isize - headerBytes;
            String held = dataBytes >= 0 ? "its data ends after " + dataBytes + " bytes" : "it is shorter than its header";
            throw fail(file, held + " (its gzip trailer says it decompresses to " + isize + " bytes), but its header claims "
                    + describe(dimensions) + " = " + expected + " bytes, " + (headerBytes + expected) + " in all ("
                    + (isize < claimed ? "truncated" : "trailing data") + ")", remedy, null);
        }
    }

    /**
     * The bytes, and the floats or longs they become, must fit in the heap that is left: checked
     * before allocating, so a file that really is that large ends in one clear line, not an
     * OutOfMemoryError.
     */
    private static void checkMemory(Path file, long[] dimensions, long expected, String remedy) {
        long widened = dimensions.length > 1 ? 4 : 8; // images become floats, labels longs
        long needed = expected + expected * widened;
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (needed > free) {
            throw new DataFormatException("IDX file " + file + " needs about " + needed / (1 << 20) + " MB of memory"
                    + " (its header claims dimensions " + describe(dimensions) + "), more than the " + free / (1 << 20)
                    + " MB the Java heap has free; give Myelin more heap (MYELIN_JAVA_OPTS=-Xmx8g, or more), or "
                    + remedy + ".");
        }
    }

    /**
     * Reads exactly {@code expected} bytes and then the end of the stream. The buffer grows with the data
     * actually read (doubling, capped at {@code expected}), so a header that lies about a gzip file's size
     * never makes us allocate more than about twice what the file really holds.
     */
    private static byte[] readExactly(Path file, InputStream in, int expected, long[] dimensions, String remedy)
            throws IOException {
        byte[] buffer = new byte[Math.min(expected, FIRST_CHUNK)];
        int filled = 0;
        while (true) {
            if (filled == buffer.length) {
                if (filled == expected) {
                    break;
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min((long) expected, 2L * buffer.length));
            }
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                throw fail(file, "has a header that claims " + dimensions[0] + " items (dimensions "
                        + describe(dimensions) + " = " + expected + " bytes) but its data ends after " + filled
                        + " bytes (truncated)", remedy, null);
            }
            filled += n;
        }
        if (in.read() >= 0) {
            throw fail(file, "holds more data than its header claims (" + describe(dimensions) + " = " + expected
                    + " bytes): trailing data", remedy, null);
        }
        return buffer;
    }

    private static String describe(long[] dimensions) {
        StringBuilder text = new StringBuilder();
        for (long d : dimensions) {
            text.append(text.isEmpty() ? "" : " x ").append(d);
        }
        return text.toString();
    }

    private static DataFormatException fail(Path file, String problem, String remedy, Throwable cause) {
        return new DataFormatException("IDX file " + file + " " + problem + ": " + remedy + ".", cause);
    }
}
