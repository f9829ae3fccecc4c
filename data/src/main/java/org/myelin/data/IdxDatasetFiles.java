package org.myelin.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.myelin.api.DataFormatException;

/**
 * The four IDX files that MNIST and Fashion-MNIST share by name, and how a split of them becomes a
 * {@link TensorDataset}: images [N, rows * cols] scaled to [0, 1], labels INT64 [N].
 */
final class IdxDatasetFiles {
    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    static final List<String> ALL = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    private static final int CLASSES = 10;
    private static final float PIXEL_MAX = 255f;

    private IdxDatasetFiles() {}

    /** @return the file named {@code baseName} in {@code folder}, raw or with {@code .gz}, if either is there */
    static Optional<Path> locate(Path folder, String baseName) {
        for (String name : List.of(baseName, baseName + ".gz")) {
            Path candidate = folder.resolve(name);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** @return whether all four files are in {@code folder} */
    static boolean complete(Path folder) {
        return ALL.stream().allMatch(name -> locate(folder, name).isPresent());
    }

    /**
     * @param folder    the folder holding the files
     * @param train     true for the training split, false for the test split
     * @param dataset   the dataset's name, for messages
     * @param ifMissing what to do when a file is missing
     * @param ifBad     what to do when a file is corrupt
     */
    static TensorDataset load(Path folder, boolean train, String dataset, String ifMissing, String ifBad) {
        Path imagesFile = require(folder, train ? TRAIN_IMAGES : TEST_IMAGES, dataset, ifMissing);
        Path labelsFile = require(folder, train ? TRAIN_LABELS : TEST_LABELS, dataset, ifMissing);
        IdxFile images = IdxReader.read(imagesFile, ifBad);
        IdxFile labels = IdxReader.read(labelsFile, ifBad);
        checkShapes(images, labels, dataset, ifBad);
        long count = images.count();
        long[] targets = labels.toLongs();
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] >= CLASSES) {
                throw new DataFormatException(dataset + " labels file " + labelsFile + " has label " + targets[i]
                        + " at position " + i + "; labels must be 0 to " + (CLASSES - 1) + ": " + ifBad + ".");
            }
        }
        RowStore inputs = RowStore.wrap(images.toScaledFloats(PIXEL_MAX), count, images.valuesPerItem());
        return new TensorDataset(inputs, RowStore.wrap(targets, count));
    }

    private static void checkShapes(IdxFile images, IdxFile labels, String dataset, String ifBad) {
        if (images.dimensions().length != 3) {
            throw new DataFormatException(dataset + " images file " + images.source() + " has "
                    + images.dimensions().length + " dimensions; images need 3 (count, rows, columns): " + ifBad + ".");
        }
        if (labels.dimensions().length != 1) {
            throw new DataFormatException(dataset + " labels file " + labels.source() + " has "
                    + labels.dimensions().length + " dimensions; labels need 1 (count): " + ifBad + ".");
        }
        if (images.count() == 0) {
            throw new DataFormatException(dataset + " images file " + images.source() + " holds no images; a data set "
                    + "needs at least one: " + ifBad + ".");
        }
        if (images.count() != labels.count()) {
            throw new DataFormatException(dataset + ": " + images.source() + " holds " + images.count()
                    + " images but " + labels.source() + " holds " + labels.count()
                    + " labels; they must agree: " + ifBad + ".");
        }
    }

    private static Path require(Path folder, String baseName, String dataset, String ifMissing) {
        return locate(folder, baseName).orElseThrow(() -> new DataFormatException(dataset + " file " + baseName
                + " (raw or .gz) is not in " + folder + ": " + ifMissing + "."));
    }
}
