package org.myelin.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.api.DataFormatException;

class TarGzExtractorTest {
    @TempDir
    Path dir;

    private Path archive(byte[] tar) {
        return IdxBytes.write(dir.resolve("package.tgz"), IdxBytes.gzip(tar));
    }

    @Test
    void extractsOnlyTheWantedEntriesToTheChosenPaths() throws IOException {
        byte[] big = new byte[1300]; // not a multiple of 512, so padding is exercised
        Arrays.fill(big, (byte) 7);
        Path tgz = archive(new TarBytes()
                .directory("package/")
                .file("package/package.json", "{}".getBytes(StandardCharsets.UTF_8))
                .file("package/data/a", big)
                .file("package/data/b", new byte[] {1, 2, 3})
                .finish());
        Path a = dir.resolve("out-a");

        Set<String> found = TarGzExtractor.extract(tgz, Map.of("package/data/a", a, "package/data/zzz", dir.resolve("z")));

        assertEquals(Set.of("package/data/a"), found);
        assertArrayEquals(big, Files.readAllBytes(a));
        assertFalse(Files.exists(dir.resolve("z")));
        assertFalse(Files.exists(dir.resolve("package")), "nothing is written but what was asked for");
    }

    @Test
    void followsPaxPathHeaders() throws IOException {
        String longName = "package/data/" + "x".repeat(120);
        Path tgz = archive(new TarBytes().paxPath(longName).file("short-name", new byte[] {9}).finish());
        Path target = dir.resolve("out");

        assertEquals(Set.of(longName), TarGzExtractor.extract(tgz, Map.of(longName, target)));
        assertArrayEquals(new byte[] {9}, Files.readAllBytes(target));
    }

    @Test
    void aTruncatedArchiveIsReported() {
        byte[] tar = new TarBytes().file("package/data/a", new byte[4000]).unfinished();
        Path tgz = archive(Arrays.copyOf(tar, 2000));

        DataFormatException e = assertThrows(DataFormatException.class,
                () -> TarGzExtractor.extract(tgz, Map.of("package/data/a", dir.resolve("a"))));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void aSizeLargerThanTheArchiveIsNotTrusted() {
        Path tgz = archive(new TarBytes().lying("package/data/a", 50_000_000, new byte[600]).unfinished());

        assertThrows(DataFormatException.class,
                () -> TarGzExtractor.extract(tgz, Map.of("package/data/a", dir.resolve("a"))));
        assertThrows(DataFormatException.class, () -> TarGzExtractor.extract(tgz, Map.of()), "skipping checks too");
    }

    @Test
    void anAbsurdSizeIsRefusedBeforeCopying() {
        Path tgz = archive(new TarBytes().lying("package/data/a", 077777777777L, new byte[512]).finish());

        DataFormatException e = assertThrows(DataFormatException.class,
                () -> TarGzExtractor.extract(tgz, Map.of("package/data/a", dir.resolve("a"))));
        assertTrue(e.getMessage().contains("8589934591 bytes"), e.getMessage());
    }

    @Test
    void aCorruptHeaderFailsItsChecksum() {
        byte[] tar = new TarBytes().file("package/data/a", new byte[10]).finish();
        tar[5] ^= 1;
        Path tgz = archive(tar);

        DataFormatException e = assertThrows(DataFormatException.class, () -> TarGzExtractor.extract(tgz, Map.of()));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void aFileThatIsNotGzipIsReported() throws IOException {
        Path notGzip = Files.writeString(dir.resolve("x.tgz"), "npm ERR! 404");
        DataFormatException e = assertThrows(DataFormatException.class, () -> TarGzExtractor.extract(notGzip, Map.of()));
        assertTrue(e.getMessage().contains("not a valid gzip file"), e.getMessage());
    }
}
