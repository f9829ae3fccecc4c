package org.myelin.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.myelin.api.DataFormatException;
import org.myelin.api.MyelinException;

class IdxReaderTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void readsAWellFormedFileRawOrGzipped(boolean gzip) {
        byte[] bytes = IdxBytes.counting(3, 2, 4);
        Path file = IdxBytes.write(dir.resolve("good"), gzip ? IdxBytes.gzip(bytes) : bytes);

        IdxFile idx = IdxReader.read(file);

        assertArrayEquals(new long[] {3, 2, 4}, idx.dimensions());
        assertEquals(3, idx.count());
        assertEquals(8, idx.valuesPerItem());
        assertEquals(24, idx.length());
        assertEquals(23, idx.unsignedAt(23));
        assertEquals(file, idx.source());
    }

    @Test
    void detectsGzipByItsMagicBytesNotByName() {
        Path gzipWithoutSuffix = IdxBytes.write(dir.resolve("images"), IdxBytes.gzip(IdxBytes.counting(2, 2)));
        Path rawWithGzSuffix = IdxBytes.write(dir.resolve("labels.gz"), IdxBytes.counting(5));

        assertEquals(4, IdxReader.read(gzipWithoutSuffix).length());
        assertEquals(5, IdxReader.read(rawWithGzSuffix).length());
    }

    @Test
    void readsUnsignedBytesAndScalesThem() {
        byte[] data = {0, (byte) 128, (byte) 255};
        IdxFile idx = IdxReader.read(IdxBytes.write(dir.resolve("u"), IdxBytes.idx(0x08, new long[] {3}, data)));

        assertArrayEquals(new long[] {0, 128, 255}, idx.toLongs());
        assertArrayEquals(new float[] {0f, 128f / 255f, 1f}, idx.toScaledFloats(255f));
    }

    @Test
    void readsAnEmptyFile() {
        IdxFile idx = IdxReader.read(IdxBytes.write(dir.resolve("empty"), IdxBytes.counting(0, 28, 28)));
        assertEquals(0, idx.count());
        assertEquals(784, idx.valuesPerItem());
    }

    @Test
    void missingFileNamesTheFile() {
        Path missing = dir.resolve("nope-idx1-ubyte");
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        assertTrue(MyelinException.class.isInstance(e));
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void truncatedDataIsReportedWithTheClaim(boolean gzip) {
        byte[] whole = IdxBytes.counting(10, 28, 28);
        byte[] cut = Arrays.copyOf(whole, whole.length - 100);
        Path file = IdxBytes.write(dir.resolve("cut"), gzip ? IdxBytes.gzip(cut) : cut);

        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(file));

        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("10 x 28 x 28"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void truncatedHeaderIsReported() {
        Path file = IdxBytes.write(dir.resolve("head"), Arrays.copyOf(IdxBytes.counting(10, 28, 28), 9));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(file));
        assertTrue(e.getMessage().contains("header"), e.getMessage());
    }

    @Test
    void cutGzipStreamIsReported() {
        byte[] gz = IdxBytes.gzip(IdxBytes.counting(10, 28, 28));
        Path file = IdxBytes.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void trailingDataIsReported(boolean gzip) {
        byte[] bytes = Arrays.copyOf(IdxBytes.counting(4), 4 + 4 + 4 + 3);
        Path file = IdxBytes.write(dir.resolve("long"), gzip ? IdxBytes.gzip(bytes) : bytes);
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(file));
        assertTrue(e.getMessage().contains("trailing data"), e.getMessage());
    }

    @Test
    void badMagicIsReported() {
        byte[] bytes = IdxBytes.counting(4);
        bytes[0] = 0x12;
        Path file = IdxBytes.write(dir.resolve("magic"), bytes);
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(file));
        assertTrue(e.getMessage().contains("not an IDX file"), e.getMessage());
    }

    @Test
    void garbageNamedGzIsReportedAsNotIdx() {
        Path file = IdxBytes.write(dir.resolve("train-images-idx3-ubyte.gz"),
                "<html>404 Not Found</html>".getBytes(StandardCharsets.US_ASCII));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(file));
        assertTrue(e.getMessage().contains("not an IDX file"), e.getMessage());
    }

    @Test
    void corruptGzipIsReported() {
        byte[] gz = IdxBytes.gzip(IdxBytes.counting(100));
        for (int i = 12; i < gz.length - 8; i++) {
            gz[i] ^= 0x5a; // keep the gzip magic, ruin the deflate data
        }
        Path file = IdxBytes.write(dir.resolve("bad.gz"), gz);
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(file, "delete it"));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().endsWith("delete it."), e.getMessage());
    }

    @Test
    void otherTypesAreRefusedByName() {
        Path file = IdxBytes.write(dir.resolve("floats"), IdxBytes.idx(0x0D, new long[] {1}, new byte[4]));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(file));
        assertTrue(e.getMessage().contains("0x0d"), e.getMessage());
        assertTrue(e.getMessage().contains("32-bit float"), e.getMessage());
        assertTrue(e.getMessage().contains("only 0x08"), e.getMessage());
    }

    @ParameterizedTest(name = "{0} dimensions")
    @ValueSource(ints = {0, 5})
    void dimensionCountOutsideOneToFourIsRefused(int rank) {
        Path file = IdxBytes.write(dir.resolve("rank"), IdxBytes.idx(0x08, new long[rank], new byte[0]));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(file));
        assertTrue(e.getMessage().contains("declares " + rank + " dimensions"), e.getMessage());
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void aHeaderClaimingBillionsOfImagesFailsFastWithoutAllocating(boolean gzip) {
        // 32-bit sizes cannot say 10^12 in one dimension; 4294967295 images of 28 x 28 is 3.4 * 10^12 bytes
        byte[] bytes = IdxBytes.idx(0x08, new long[] {4_294_967_295L, 28, 28}, new byte[784]);
        Path file = IdxBytes.write(dir.resolve("huge"), gzip ? IdxBytes.gzip(bytes) : bytes);

        DataFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertThrows(DataFormatException.class, () -> IdxReader.read(file)));

        assertTrue(e.getMessage().contains("4294967295 items"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void aHeaderClaimingTenToTheTwelveImagesAcrossDimensionsFailsFast() {
        // 10^6 x 10^6 = 10^12 images of 28 x 28: the product overflows no long, but no array holds it
        byte[] bytes = IdxBytes.idx(0x08, new long[] {1_000_000, 1_000_000, 28, 28}, new byte[16]);
        Path file = IdxBytes.write(dir.resolve("huge4"), IdxBytes.gzip(bytes));

        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(file));

        assertTrue(e.getMessage().contains("1000000 x 1000000 x 28 x 28 = 784000000000000 bytes"), e.getMessage());
    }

    @Test
    void aPlausibleButFalseClaimInAGzipFileIsCaughtAfterReadingWhatIsThere() {
        // 2 * 10^9 bytes fits an array, so only the data can refute it; the reader must not allocate it up front
        byte[] bytes = IdxBytes.idx(0x08, new long[] {2_000_000, 1000}, new byte[5000]);
        Path file = IdxBytes.write(dir.resolve("liar.gz"), IdxBytes.gzip(bytes));

        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(file));

        assertTrue(e.getMessage().contains("ends after 5000 bytes"), e.getMessage());
    }

    @Test
    void aGzipFileThatClaimsMoreThanItHoldsIsRefusedBeforeItIsRead() {
        // The header claims 2.7 million 28x28 images (2.1 GB); the stream holds 100 bytes of them.
        byte[] header = IdxBytes.idx(IdxReader.TYPE_UNSIGNED_BYTE, new long[] {2_700_000, 28, 28}, new byte[100]);
        Path file = IdxBytes.write(dir.resolve("liar.gz"), IdxBytes.gzip(header));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(file));
        assertTrue(e.getMessage().contains("liar.gz") && e.getMessage().contains("decompresses to 116 bytes")
                && e.getMessage().contains("2116800016"), e.getMessage());
    }
}
