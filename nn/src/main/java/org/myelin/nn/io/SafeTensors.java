package org.myelin.nn.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.myelin.api.DType;
import org.myelin.api.DataFormatException;
import org.myelin.api.MyelinException;
import org.myelin.api.Tensor;

/**
 * Tensors in the safetensors format, which PyTorch's ecosystem reads directly: an 8-byte
 * little-endian header length, a JSON header naming each tensor's type, shape and byte range, with
 * an optional {@code __metadata__} object of strings, then the raw little-endian data.
 *
 * <pre>{@code
 * SafeTensors.save(Path.of("model.safetensors"), model.stateDict(), Map.of("model", "784-30-10"));
 * SafeTensors.Contents back = SafeTensors.load(Path.of("model.safetensors"));
 * model.loadStateDict(back.tensors());
 * }</pre>
 *
 * <p>Loading checks every claim of the header against the file before it allocates anything: the
 * header's JSON (strict), each dtype, each shape (overflow-checked), and the byte ranges, which
 * must lie in the data section, cover it without gaps and never overlap, as the format requires.
 * Every failure is a {@link DataFormatException} that names the file and the field. Saving writes
 * a temporary file and moves it into place ({@link AtomicFiles}).
 */
public final class SafeTensors {
    /** Headers larger than this are refused before anything is allocated (the format's own limit). */
    public static final long MAX_HEADER_BYTES = 100L << 20;

    private SafeTensors() {}

    /**
     * What a file holds.
     *
     * @param tensors  the tensors by name, in the order of their data in the file
     * @param metadata the {@code __metadata__} strings; empty when there are none
     */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
        /**
         * Copies both maps, keeping their order, so a result never changes once made.
         *
         * @param tensors  the tensors
         * @param metadata the metadata
         */
        public Contents {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }
    }

    /**
     * Writes tensors and metadata, atomically.
     *
     * @param file     the target; a symlink is followed and its target written, and the file's
     *                 permissions are kept when it exists
     * @param tensors  the tensors by name, such as {@code Module.stateDict()}
     * @param metadata string metadata, such as the model spec
     * @throws org.myelin.api.InvalidArgumentException when the folder cannot be written
     */
    public static void save(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) {
        byte[] head = header(tensors, metadata);
        AtomicFiles.write(file, out -> {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(head.length).array());
            out.write(head);
            for (Tensor t : tensors.values()) {
                write(out, t);
            }
        });
    }

    private static byte[] header(Map<String, Tensor> tensors, Map<String, String> metadata) {
        StringBuilder header = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            header.append("\"__metadata__\":{");
            boolean first = true;
            for (var e : metadata.entrySet()) {
                header.append(first ? "" : ",").append(HeaderJson.quote(e.getKey())).append(':')
                        .append(HeaderJson.quote(e.getValue()));
                first = false;
            }
            header.append('}');
        }
        long offset = 0;
        for (var e : tensors.entrySet()) {
            Tensor t = e.getValue();
            long bytes = t.numel() * t.dtype().byteSize();
            header.append(header.length() > 1 ? "," : "").append(HeaderJson.quote(e.getKey())).append(":{\"dtype\":\"")
                    .append(code(t.dtype())).append("\",\"shape\":").append(shapeJson(t)).append(",\"data_offsets\":[")
                    .append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
        }
        header.append('}');
        // The format pads the header with spaces so the data starts 8-byte aligned.
        while ((header.length() + 8) % 8 != 0) {
            header.append(' ');
        }
        return header.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a file, checking every header claim against it before anything is allocated.
     *
     * @param file a safetensors file
     * @return its tensors and metadata
     * @throws DataFormatException naming the file and the field, when it is not a valid file
     */
    public static Contents load(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(ch, file.toString());
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file + " does not exist; give the path of a safetensors file "
                    + "(myelin train --save writes one)");
        } catch (IOException e) {
            throw new DataFormatException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** One tensor's entry in the header, checked. */
    private record Entry(String name, DType dtype, long[] shape, long numel, long begin, long end) {}

    static Contents read(FileChannel ch, String file) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw bad(file, "header length", "the file is " + size + " bytes long, shorter than the 8-byte length");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, lenBuf, 0);
        long headerLen = lenBuf.flip().getLong();
        if (headerLen <= 0 || headerLen > MAX_HEADER_BYTES || headerLen > size - 8) {
            throw bad(file, "header length", "it claims " + headerLen + " bytes, but the file holds " + (size - 8)
                    + " after it (and at most " + MAX_HEADER_BYTES + " are allowed)");
        }
        ByteBuffer headBuf = ByteBuffer.allocate((int) headerLen);
        readFully(ch, headBuf, 8);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(headBuf.flip()).toString();
        } catch (CharacterCodingException e) {
            throw bad(file, "header", "it is not UTF-8 text");
        }
        Map<String, Object> header = HeaderJson.parseObject(text, file);
        long dataLen = size - 8 - headerLen;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (var e : header.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                metadata = metadata(file, e.getValue());
            } else {
                entries.add(entry(file, e.getKey(), e.getValue()));
            }
        }
        checkLayout(file, entries, dataLen);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Entry en : entries) {
            tensors.put(en.name(), tensor(ch, file, en, 8 + headerLen));
        }
        return new Contents(tensors, metadata);
    }

    private static Map<String, String> metadata(String file, Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            throw bad(file, "__metadata__", "it is not an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : m.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw bad(file, "__metadata__." + e.getKey(), "its value is not a string");
            }
            out.put((String) e.getKey(), s);
        }
        return out;
    }

    private static Entry entry(String file, String name, Object spec) {
        if (!(spec instanceof Map<?, ?> m)) {
            throw bad(file, name, "it is not an object with dtype, shape and data_offsets");
        }
        for (Object key : m.keySet()) {
            if (!List.of("dtype", "shape", "data_offsets").contains(key)) {
                throw bad(file, name + "." + key, "safetensors knows no such field");
            }
        }
        if (!(m.get("dtype") instanceof String code)) {
            throw bad(file, name + ".dtype", "it is missing or not a string");
        }
        DType dtype = switch (code) {
            case "F32" -> DType.FLOAT32;
            case "F64" -> DType.FLOAT64;
            case "I64" -> DType.INT64;
            default -> throw bad(file, name + ".dtype", "'" + code + "' is not one Myelin reads (F32, F64, I64)");
        };
        if (!(m.get("shape") instanceof List<?> shapeList)) {
            throw bad(file, name + ".shape", "it is missing or not a list");
        }
        long[] shape = new long[shapeList.size()];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!(shapeList.get(i) instanceof Long d) || d < 0) {
                throw bad(file, name + ".shape", "size " + i + " is not a non-negative integer: " + shapeList);
            }
            shape[i] = d;
            try {
                numel = Math.multiplyExact(numel, d);
                Math.multiplyExact(numel, dtype.byteSize());
            } catch (ArithmeticException overflow) {
                throw bad(file, name + ".shape", shapeList + " holds more elements than a file can");
            }
        }
        if (!(m.get("data_offsets") instanceof List<?> offsets) || offsets.size() != 2
                || !(offsets.get(0) instanceof Long begin) || !(offsets.get(1) instanceof Long end)) {
            throw bad(file, name + ".data_offsets", "it is not a list of two integers");
        }
        if (begin < 0 || end < begin || end - begin != numel * dtype.byteSize()) {
            throw bad(file, name + ".data_offsets", "[" + begin + ", " + end + ") is not the " + numel * dtype.byteSize()
                    + " bytes that shape " + shapeList + " of " + code + " needs");
        }
        return new Entry(name, dtype, shape, numel, begin, end);
    }

    /** The byte ranges, in file order, must tile the data section exactly: no gap, no overlap, nothing past the end. */
    private static void checkLayout(String file, List<Entry> entries, long dataLen) {
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long at = 0;
        for (Entry e : byOffset) {
            if (e.begin() < at) {
                throw bad(file, e.name() + ".data_offsets", "[" + e.begin() + ", " + e.end()
                        + ") overlaps the tensor before it, which ends at " + at);
            }
            if (e.begin() > at) {
                throw bad(file, e.name() + ".data_offsets", "it starts at " + e.begin() + ", leaving bytes [" + at + ", "
                        + e.begin() + ") that no tensor uses");
            }
            if (e.end() > dataLen) {
                throw bad(file, e.name() + ".data_offsets", "it claims bytes [" + e.begin() + ", " + e.end()
                        + "), past the " + dataLen + " bytes of data the file holds");
            }
            at = e.end();
        }
        if (at != dataLen) {
            throw bad(file, "data", "the tensors use " + at + " of its " + dataLen + " bytes");
        }
        if (dataLen > Integer.MAX_VALUE && entries.stream().anyMatch(e -> e.end() - e.begin() > Integer.MAX_VALUE)) {
            throw bad(file, "data", "a tensor is larger than 2 GiB, more than one Java array holds");
        }
    }

    private static Tensor tensor(FileChannel ch, String file, Entry e, long dataStart) throws IOException {
        ByteBuffer buf;
        try {
            buf = ByteBuffer.allocate(Math.toIntExact(e.end() - e.begin())).order(ByteOrder.LITTLE_ENDIAN);
        } catch (ArithmeticException tooBig) {
            throw bad(file, e.name(), "it is larger than 2 GiB, more than one Java array holds");
        } catch (OutOfMemoryError oom) {
            throw new MyelinException(file + ": tensor '" + e.name() + "' needs " + (e.end() - e.begin()) / (1 << 20)
                    + " MB, more than the Java heap has left; give more with MYELIN_JAVA_OPTS=-Xmx8g (or larger)");
        }
        readFully(ch, buf, dataStart + e.begin());
        buf.flip();
        int n = (int) e.numel();
        return switch (e.dtype()) {
            case FLOAT32 -> {
                float[] v = new float[n];
                buf.asFloatBuffer().get(v);
                yield Tensor.wrap(v, e.shape());
            }
            case FLOAT64 -> {
                double[] v = new double[n];
                buf.asDoubleBuffer().get(v);
                yield Tensor.wrap(v, e.shape());
            }
            case INT64 -> {
                long[] v = new long[n];
                buf.asLongBuffer().get(v);
                yield Tensor.wrap(v, e.shape());
            }
        };
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long at = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, at);
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
            at += n;
        }
    }

    private static DataFormatException bad(String file, String field, String what) {
        return new DataFormatException(file + ": not a valid safetensors file: " + field + ": " + what
                + "; write it again (Module.stateDict() with SafeTensors.save, or myelin train --save)");
    }

    private static String code(DType d) {
        return switch (d) {
            case FLOAT32 -> "F32";
            case FLOAT64 -> "F64";
            case INT64 -> "I64";
        };
    }

    private static String shapeJson(Tensor t) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < t.dim(); i++) {
            sb.append(i == 0 ? "" : ",").append(t.size(i));
        }
        return sb.append(']').toString();
    }

    private static void write(OutputStream out, Tensor t) throws IOException {
        int n = Math.toIntExact(t.numel());
        ByteBuffer buf = ByteBuffer.allocate(n * t.dtype().byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        switch (t.dtype()) {
            case FLOAT32 -> buf.asFloatBuffer().put(t.toFloatArray());
            case FLOAT64 -> buf.asDoubleBuffer().put(t.toDoubleArray());
            case INT64 -> buf.asLongBuffer().put(t.toLongArray());
        }
        out.write(buf.array());
    }
}
