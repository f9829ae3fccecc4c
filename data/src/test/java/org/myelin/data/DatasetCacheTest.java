package org.myelin.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetCacheTest {
    private static final Path HOME = Path.of("/home/ada");

    @Test
    void theOptionWinsOverEverything() {
        assertEquals(Path.of("/data"), DatasetCache.root(Path.of("/data"), Map.of("MYELIN_DATA", "/env"), HOME));
    }

    @Test
    void theEnvironmentVariableComesNext() {
        assertEquals(Path.of("/env"), DatasetCache.root(null, Map.of("MYELIN_DATA", "/env"), HOME));
    }

    @Test
    void theHomeCacheIsTheDefault() {
        Path expected = Path.of("/home/ada/.cache/myelin/datasets");
        assertEquals(expected, DatasetCache.root(null, Map.of(), HOME));
        assertEquals(expected, DatasetCache.root(null, Map.of("MYELIN_DATA", " "), HOME), "blank counts as unset");
    }

    @Test
    void eachDatasetHasItsOwnFolder() {
        Path root = Path.of("/data");
        assertEquals(Path.of("/data/mnist"), Mnist.folder(root));
        assertEquals(Path.of("/data/fashion-mnist"), root.resolve(FashionMnist.FOLDER));
    }
}
