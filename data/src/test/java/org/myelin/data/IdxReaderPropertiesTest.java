package org.myelin.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.myelin.api.DataFormatException;

/**
 * Whatever bytes an IDX file holds, raw or gzip-compressed, the reader gives data that agrees with
 * the header or throws {@link DataFormatException} naming the file: random bytes, and mutations of
 * valid files (bytes flipped, cut, inserted, header sizes changed), thousands of each.
 */
class IdxReaderPropertiesTest {
    private static Path dir;
    private static byte[] raw;
    private static byte[] gzipped;

    @BeforeContainer
    static void makeValidFiles() throws IOException {
        dir = Files.createTempDirectory("idx-properties");
        raw = IdxBytes.images(3, 4, 5);
        gzipped = IdxBytes.gzip(raw);
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

    @Property(tries = 4000)
    void mutationsOfARawFileAreReadOrRefused(@ForAll("rawMutations") byte[] bytes) throws IOException {
        readOrRefuse(bytes);
    }

    @Property(tries = 4000)
    void mutationsOfAGzipFileAreReadOrRefused(@ForAll("gzipMutations") byte[] bytes) throws IOException {
        readOrRefuse(bytes);
    }

    @Provide
    Arbitrary<byte[]> randomFiles() {
        Arbitrary<byte[]> anything = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        // A valid magic number first, so the dimensions and the data are what varies.
        Arbitrary<byte[]> idxLike = Arbitraries.bytes().array(byte[].class).ofMaxSize(200).map(tail -> {
            byte[] b = new byte[4 + tail.length];
            b[2] = 0x08;
            b[3] = (byte) (1 + Math.floorMod(tail.length, 4));
            System.arraycopy(tail, 0, b, 4, tail.length);
            return b;
        });
        return Arbitraries.oneOf(anything, idxLike);
    }

    @Provide
    Arbitrary<byte[]> rawMutations() {
        return mutationsOf(raw);
    }

    @Provide
    Arbitrary<byte[]> gzipMutations() {
        return mutationsOf(gzipped);
    }

    private static Arbitrary<byte[]> mutationsOf(byte[] valid) {
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
        Arbitrary<byte[]> sized = Combinators.combine(Arbitraries.integers().between(4, 15), Arbitraries.bytes()).as((i, b) -> {
            byte[] copy = valid.clone();
            copy[Math.min(i, copy.length - 1)] = b; // the dimension words of a raw file; gzip's header bytes
            return copy;
        });
        return Arbitraries.oneOf(flipped, cut, inserted, sized);
    }

    private static void readOrRefuse(byte[] bytes) throws IOException {
        Path file = Files.createTempFile(dir, "case", ".idx");
        try {
            Files.write(file, bytes);
            IdxFile idx;
            try {
                idx = IdxReader.read(file);
            } catch (DataFormatException refused) {
                if (!refused.getMessage().contains(file.toString())) {
                    throw new AssertionError("the refusal does not name the file: " + refused.getMessage());
                }
                Statistics.collect("refused");
                return;
            }
            long product = 1;
            for (long d : idx.dimensions()) {
                product *= d;
            }
            if (product != idx.length()) {
                throw new AssertionError("read " + idx.length() + " values for dimensions "
                        + java.util.Arrays.toString(idx.dimensions()));
            }
            Statistics.collect("read");
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
