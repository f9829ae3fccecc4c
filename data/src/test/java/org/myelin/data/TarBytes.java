package org.myelin.data;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes small ustar archives in memory, the way npm lays out a package tarball. */
final class TarBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Adds a regular file. */
    TarBytes file(String name, byte[] data) {
        return entry(name, '0', data);
    }

    /** Adds a directory entry. */
    TarBytes directory(String name) {
        return entry(name, '5', new byte[0]);
    }

    /** Adds a pax extended header that renames the next entry. */
    TarBytes paxPath(String path) {
        String body = " path=" + path + "\n";
        int length = body.length() + 2;
        String record = length + body;
        if (record.length() != length) {
            record = (length + 1) + body;
        }
        return entry("PaxHeader", 'x', record.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds an entry with a header whose size field says {@code claimedSize} but carries {@code data}. */
    TarBytes lying(String name, long claimedSize, byte[] data) {
        out.writeBytes(header(name, '0', claimedSize));
        out.writeBytes(data);
        return this;
    }

    TarBytes entry(String name, char type, byte[] data) {
        out.writeBytes(header(name, type, data.length));
        out.writeBytes(data);
        int pad = (512 - data.length % 512) % 512;
        out.writeBytes(new byte[pad]);
        return this;
    }

    /** @return the archive with its two zero blocks at the end */
    byte[] finish() {
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    /** @return the archive as it stands, without the end marker (as a cut download would be) */
    byte[] unfinished() {
        return out.toByteArray();
    }

    static byte[] header(String name, char type, long size) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", size));
        put(h, 136, "00000000000");
        h[156] = (byte) type;
        put(h, 257, "ustar");
        put(h, 263, "00");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        h[155] = ' ';
        return h;
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }
}
