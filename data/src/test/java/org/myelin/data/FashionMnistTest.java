package org.myelin.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.api.DataFormatException;
import org.myelin.api.MyelinException;

class FashionMnistTest {
    @TempDir
    Path dir;

    @Test
    void theCacheFolderComesFirst() {
        Path cacheRoot = dir.resolve("cache");
        Path system = dir.resolve("system");
        IdxBytes.smallDataset(cacheRoot.resolve(FashionMnist.FOLDER), true, 4, 2);
        IdxBytes.smallDataset(system, true, 9, 9);
        List<String> progress = new ArrayList<>();

        assertEquals(cacheRoot.resolve(FashionMnist.FOLDER), FashionMnist.ensureAvailable(cacheRoot, progress::add, system));
        assertEquals(4, FashionMnist.load(cacheRoot, true, system).size());
        assertTrue(progress.getFirst().contains(cacheRoot.toString()), progress.toString());
    }

    @Test
    void thePackageFolderIsUsedInPlace() {
        Path system = dir.resolve("system");
        IdxBytes.smallDataset(system, true, 9, 3);

        assertEquals(system, FashionMnist.ensureAvailable(dir.resolve("cache"), s -> {}, system));
        assertEquals(3, FashionMnist.load(dir.resolve("cache"), false, system).size());
    }

    @Test
    void neitherFolderGivesTheInstallCommand() {
        MyelinException e = assertThrows(MyelinException.class,
                () -> FashionMnist.ensureAvailable(dir.resolve("cache"), s -> {}, dir.resolve("system")));
        assertTrue(e.getMessage().endsWith("apt-get install dataset-fashion-mnist"), e.getMessage());
        assertThrows(MyelinException.class, () -> FashionMnist.load(dir.resolve("cache"), true, dir.resolve("system")));
    }

    @Test
    void aBadPackageFileSuggestsReinstalling() {
        Path system = dir.resolve("system");
        IdxBytes.smallDataset(system, true, 2, 2);
        IdxBytes.write(system.resolve("t10k-images-idx3-ubyte.gz"), new byte[] {0x1f, (byte) 0x8b, 1});

        DataFormatException e = assertThrows(DataFormatException.class,
                () -> FashionMnist.load(dir.resolve("cache"), false, system));
        assertTrue(e.getMessage().contains("--reinstall dataset-fashion-mnist"), e.getMessage());
    }
}
