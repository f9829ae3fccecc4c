package org.myelin.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.myelin.api.DType;
import org.myelin.api.DataFormatException;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.MyelinException;
import org.myelin.api.Tensor;

/**
 * A model's weights in the safetensors format: an 8-byte little-endian header length, a JSON
 * header naming each tensor's type, shape and byte range (plus free-form {@code __metadata__},
 * where Myelin keeps the model spec), then the raw little-endian data. PyTorch's ecosystem opens
 * these files directly.
 *
 * @param tensors  the tensors by name, in file order
 * @param metadata the string metadata
 */
record Checkpoint(Map<String, Tensor> tensors, Map<String, String> metadata) {
    /** Headers larger than this are refused before anything is allocated. */
    static final long MAX_HEADER_BYTES = 100L << 20;

    /**
     * Writes to a temporary file beside the target, then moves it into place, so a crash never
     * leaves a half-written checkpoint and an old one survives until the new one is complete.
     */
    static void save(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) {
        StringBuilder header = new StringBuilder("{\"__metadata__\":{");
        boolean first = true;
        for (var e : metadata.entrySet()) {
            header.append(first ? "" : ",").append(JsonHeader.quote(e.getKey())).append(':').append(JsonHeader.quote(e.getValue()));
            first = false;
        }
        header.append('}');
        long offset = 0;
        for (var e : tensors.entrySet()) {
            Tensor t = e.getValue();
            long bytes = t.numel() * t.dtype().byteSize();
            header.append(',').append(JsonHeader.quote(e.getKey())).append(":{\"dtype\":\"").append(code(t.dtype()))
                    .append("\",\"shape\":").append(shapeJson(t)).append(",\"data_offsets\":[").append(offset).append(',')
                    .append(offset + bytes).append("]}");
            offset += bytes;
        }
        header.append('}');
        while ((header.length() + 8) % 8 != 0) {
            header.append(' ');
        }
        byte[] head = header.toString().getBytes(StandardCharsets.UTF_8);
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(head.length).array());
                out.write(head);
                for (Tensor t : tensors.values()) {
                    out.write(littleEndian(t));
                }
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (java.nio.file.FileSystemException e) {
            deleteQuietly(tmp);
            throw new InvalidArgumentException("cannot write checkpoint " + file + ": " + reason(e)
                    + "; choose a --save path in a folder you can write");
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new MyelinException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private static String reason(IOException e) {
        return e instanceof AccessDeniedException ? "permission denied"
                : e instanceof NoSuchFileException ? "no such folder" : String.valueOf(e.getMessage());
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // The temporary file is only litter; the real error is already being reported.
            }
        }
    }

    /** Reads a checkpoint, checking every header claim against the real file length first. */
    static Checkpoint load(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw bad(file, "it is " + size + " bytes long, shorter than the 8-byte header length");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0);
            long headerLen = lenBuf.flip().getLong();
            if (headerLen <= 0 || headerLen > MAX_HEADER_BYTES || headerLen > size - 8) {
                throw bad(file, "its header claims " + headerLen + " bytes but the file holds " + (size - 8) + " after the length");
            }
            ByteBuffer headBuf = ByteBuffer.allocate((int) headerLen);
            readFully(ch, headBuf, 8);
            Map<String, Object> header = JsonHeader.parseObject(new String(headBuf.array(), StandardCharsets.UTF_8),
                    file.toString());
            long dataStart = 8 + headerLen;
            long dataLen = size - dataStart;
            Map<String, String> metadata = new LinkedHashMap<>();
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (var e : header.entrySet()) {
                if (e.getKey().equals("__metadata__")) {
                    if (!(e.getValue() instanceof Map<?, ?> m)) {
                        throw bad(file, "__metadata__ is not an object");
                    }
                    m.forEach((k, v) -> metadata.put(String.valueOf(k), String.valueOf(v)));
                    continue;
                }
                tensors.put(e.getKey(), readTensor(ch, file, e.getKey(), e.getValue(), dataStart, dataLen));
            }
            return new Checkpoint(tensors, metadata);
        } catch (NoSuchFileException e) {
            throw new DataFormatException("checkpoint " + file + " does not exist; give the path that myelin train --save wrote");
        } catch (IOException e) {
            throw new DataFormatException("cannot read checkpoint " + file + ": " + e.getMessage());
        }
    }

    private static Tensor readTensor(FileChannel ch, Path file, String name, Object spec, long dataStart, long dataLen)
            throws IOException {
        if (!(spec instanceof Map<?, ?> m) || !(m.get("dtype") instanceof String code)
                || !(m.get("shape") instanceof List<?> shapeList) || !(m.get("data_offsets") instanceof List<?> offsets)
                || offsets.size() != 2) {
            throw bad(file, "tensor '" + name + "' lacks dtype, shape or data_offsets");
        }
        DType dtype = dtypeOf(code, file, name);
        long[] shape = new long[shapeList.size()];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!(shapeList.get(i) instanceof Long d) || d < 0) {
                throw bad(file, "tensor '" + name + "' has a bad shape " + shapeList);
            }
            shape[i] = d;
            numel = Math.multiplyExact(numel, d);
        }
        long begin = (Long) offsets.get(0);
        long end = (Long) offsets.get(1);
        if (begin < 0 || end < begin || end > dataLen || end - begin != numel * dtype.byteSize()) {
            throw bad(file, "tensor '" + name + "' claims bytes [" + begin + ", " + end + ") for shape " + shapeList
                    + " but the data section holds " + dataLen + " bytes");
        }
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(end - begin)).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, buf, dataStart + begin);
        buf.flip();
        int n = (int) numel;
        return switch (dtype) {
            case FLOAT32 -> {
                float[] v = new float[n];
                buf.asFloatBuffer().get(v);
                yield Tensor.of(v, shape);
            }
            case FLOAT64 -> {
                double[] v = new double[n];
                buf.asDoubleBuffer().get(v);
                yield Tensor.of(v, shape);
            }
            case INT64 -> {
                long[] v = new long[n];
                buf.asLongBuffer().get(v);
                yield Tensor.of(v, shape);
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

    private static DataFormatException bad(Path file, String what) {
        return new DataFormatException(file + ": not a valid safetensors checkpoint: " + what
                + "; save it again with myelin train --save");
    }

    private static String code(DType d) {
        return switch (d) {
            case FLOAT32 -> "F32";
            case FLOAT64 -> "F64";
            case INT64 -> "I64";
        };
    }

    private static DType dtypeOf(String code, Path file, String name) {
        return switch (code) {
            case "F32" -> DType.FLOAT32;
            case "F64" -> DType.FLOAT64;
            case "I64" -> DType.INT64;
            default -> throw bad(file, "tensor '" + name + "' has type " + code + ", which Myelin does not read (F32, F64, I64)");
        };
    }

    private static String shapeJson(Tensor t) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < t.dim(); i++) {
            sb.append(i == 0 ? "" : ",").append(t.size(i));
        }
        return sb.append(']').toString();
    }

    private static byte[] littleEndian(Tensor t) {
        int n = Math.toIntExact(t.numel());
        ByteBuffer buf = ByteBuffer.allocate(n * t.dtype().byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        switch (t.dtype()) {
            case FLOAT32 -> buf.asFloatBuffer().put(t.toFloatArray());
            case FLOAT64 -> buf.asDoubleBuffer().put(t.toDoubleArray());
            case INT64 -> buf.asLongBuffer().put(t.toLongArray());
        }
        return buf.array();
    }
}
