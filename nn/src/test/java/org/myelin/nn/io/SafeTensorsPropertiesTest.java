package org.myelin.nn.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.myelin.api.DataFormatException;
import org.myelin.api.Tensor;

/**
 * Whatever bytes a file holds, reading it as safetensors either gives tensors that agree with the
 * file or throws {@link DataFormatException}: never another exception, never an allocation the
 * file cannot back. Random bytes, and mutations of a valid file (bytes flipped, cut, inserted, and
 * the header's digits and quotes changed), thousands of each.
 */
class SafeTensorsPropertiesTest {
    private static Path dir;
    private static byte[] valid;

    @BeforeContainer
    static void makeAValidFile() throws IOException {
        dir = Files.createTempDirectory("safetensors-properties");
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("0.weight", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        tensors.put("0.bias", Tensor.of(new double[] {0.5, -1}));
        tensors.put("steps", Tensor.of(new long[] {7}));
        tensors.put("empty", Tensor.of(new float[0], 0, 4));
        Path file = dir.resolve("valid.safetensors");
        SafeTensors.save(file, tensors, Map.of("model", "linear(3,2)", "note", "caf\u00e9 \"quoted\""));
        valid = Files.readAllBytes(file);
    }

    @AfterContainer
    static void clean() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    @Property(tries = 2000)
    void randomBytesAreReadOrRefused(@ForAll("randomFiles") byte[] bytes) throws IOException {
        readOrRefuse(bytes);
    }

    @Property(tries = 6000)
    void mutationsOfAValidFileAreReadOrRefused(@ForAll("mutations") byte[] bytes) throws IOException {
        readOrRefuse(bytes);
    }

    @Provide
    Arbitrary<byte[]> randomFiles() {
        Arbitrary<byte[]> anything = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        // A plausible length prefix followed by junk reaches the header parser, not just the length check.
        Arbitrary<byte[]> prefixed = Combinators.combine(Arbitraries.longs().between(0, 400),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(300)).as((len, text) -> {
                    byte[] head = text.getBytes(StandardCharsets.UTF_8);
                    return ByteBuffer.allocate(8 + head.length).order(ByteOrder.LITTLE_ENDIAN).putLong(len).put(head).array();
                });
        return Arbitraries.oneOf(anything, prefixed);
    }

    @Provide
    Arbitrary<byte[]> mutations() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, valid.length - 1);
        Arbitrary<byte[]> flipped = Combinators.combine(at, Arbitraries.bytes()).as((i, b) -> {
            byte[] copy = valid.clone();
            copy[i] = b;
            return copy;
        });
        Arbitrary<byte[]> cut = at.map(i -> java.util.Arrays.copyOf(valid, i));
        Arbitrary<byte[]> inserted = Combinators.combine(at, Arbitraries.bytes()).as((i, b) -> {
            byte[] copy = new byte[valid.length + 1];
            System.arraycopy(valid, 0, copy, 0, i);
            copy[i] = b;
            System.arraycopy(valid, i, copy, i + 1, valid.length - i);
            return copy;
        });
        // Rewrites one character of the header with one of JSON's own: digits, quotes, braces, escapes.
        Arbitrary<byte[]> headerEdit = Combinators.combine(Arbitraries.integers().between(8, headerEnd() - 1),
                Arbitraries.of("0", "9", "-", "\"", "\\", "{", "}", "[", "]", ",", ":", " ", "u", "e", ".")).as((i, c) -> {
                    byte[] copy = valid.clone();
                    copy[i] = (byte) c.charAt(0);
                    return copy;
                });
        Arbitrary<byte[]> twoFlips = Combinators.combine(at, at, Arbitraries.bytes(), Arbitraries.bytes()).as((i, j, a, b) -> {
            byte[] copy = valid.clone();
            copy[i] = a;
            copy[j] = b;
            return copy;
        });
        return Arbitraries.oneOf(flipped, cut, inserted, headerEdit, twoFlips);
    }

    private static int headerEnd() {
        return (int) (8 + ByteBuffer.wrap(valid, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong());
    }

    private static void readOrRefuse(byte[] bytes) throws IOException {
        Path file = Files.createTempFile(dir, "case", ".safetensors");
        try {
            Files.write(file, bytes);
            SafeTensors.Contents contents;
            try (FileChannel ch = FileChannel.open(file)) {
                contents = SafeTensors.read(ch, file.toString());
            } catch (DataFormatException refused) {
                if (!refused.getMessage().contains(file.toString())) {
                    throw new AssertionError("the refusal does not name the file: " + refused.getMessage());
                }
                Statistics.collect("refused");
                return;
            }
            long bytesUsed = 0;
            for (Tensor t : contents.tensors().values()) {
                bytesUsed += t.numel() * t.dtype().byteSize();
            }
            long headerLen = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (bytesUsed != bytes.length - 8 - headerLen) {
                throw new AssertionError("read " + bytesUsed + " bytes of tensors from a data section of "
                        + (bytes.length - 8 - headerLen));
            }
            Statistics.collect("read");
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
