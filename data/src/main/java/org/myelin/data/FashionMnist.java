package org.myelin.data;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.myelin.api.DataFormatException;
import org.myelin.api.MyelinException;

/**
 * Fashion-MNIST: 60,000 training and 10,000 test images of clothing, 28 x 28 pixels, ten classes,
 * in the same IDX files as MNIST (gzip-compressed).
 *
 * <p>The files are taken from {@code <cache root>/fashion-mnist/} when they are there, else straight
 * from the folder of the Debian package {@code dataset-fashion-mnist} ({@value #SYSTEM_FOLDER}),
 * which needs no copy.
 */
public final class FashionMnist {
    /** The folder below the cache root that may hold Fashion-MNIST. */
    public static final String FOLDER = "fashion-mnist";
    /** Where the Debian package {@code dataset-fashion-mnist} installs the four files. */
    public static final String SYSTEM_FOLDER = "/usr/share/datasets/fashion-mnist";
    /** The one command that installs the files, for messages. */
    public static final String INSTALL_COMMAND = "apt-get install dataset-fashion-mnist";
    private static final String NAME = "Fashion-MNIST";

    private FashionMnist() {}

    /**
     * Finds the folder that holds the four files: the cache's, else the Debian package's.
     *
     * @param cacheRoot the cache root, from {@link DatasetCache#root(Path)}
     * @param progress  receives one line saying which folder is used
     * @return the folder that holds the files
     * @throws MyelinException if neither holds them; the message is the command that installs them
     */
    public static Path ensureAvailable(Path cacheRoot, Consumer<String> progress) {
        return ensureAvailable(cacheRoot, progress, Path.of(SYSTEM_FOLDER));
    }

    /** As {@link #ensureAvailable(Path, Consumer)}, with the package folder given, so tests can stand in for it. */
    static Path ensureAvailable(Path cacheRoot, Consumer<String> progress, Path systemFolder) {
        Path folder = locate(cacheRoot, systemFolder).orElseThrow(() -> notInstalled(cacheRoot, systemFolder));
        progress.accept(NAME + " is read from " + folder);
        return folder;
    }

    /**
     * Loads one split from the cache folder or the Debian package's folder.
     *
     * @param cacheRoot the cache root, from {@link DatasetCache#root(Path)}
     * @param train     true for the 60,000 training examples, false for the 10,000 test examples
     * @return inputs FLOAT32 [N, 784] scaled to [0, 1], targets INT64 [N]
     * @throws MyelinException if the files are nowhere; {@link DataFormatException} if one is bad
     */
    public static TensorDataset load(Path cacheRoot, boolean train) {
        return load(cacheRoot, train, Path.of(SYSTEM_FOLDER));
    }

    /** As {@link #load(Path, boolean)}, with the package folder given, so tests can stand in for it. */
    static TensorDataset load(Path cacheRoot, boolean train, Path systemFolder) {
        Path folder = locate(cacheRoot, systemFolder).orElseThrow(() -> notInstalled(cacheRoot, systemFolder));
        String ifBad = folder.equals(systemFolder)
                ? "reinstall the package: apt-get install --reinstall dataset-fashion-mnist"
                : "delete the folder " + folder + " (the files of " + INSTALL_COMMAND + " are used then)";
        return IdxDatasetFiles.load(folder, train, NAME, "put the four IDX files there, or " + INSTALL_COMMAND, ifBad);
    }

    private static Optional<Path> locate(Path cacheRoot, Path systemFolder) {
        Path cached = cacheRoot.resolve(FOLDER);
        if (IdxDatasetFiles.complete(cached)) {
            return Optional.of(cached);
        }
        return IdxDatasetFiles.complete(systemFolder) ? Optional.of(systemFolder) : Optional.empty();
    }

    private static MyelinException notInstalled(Path cacheRoot, Path systemFolder) {
        return new MyelinException(NAME + " is in neither " + cacheRoot.resolve(FOLDER) + " nor " + systemFolder
                + "; install it with: " + INSTALL_COMMAND);
    }
}
