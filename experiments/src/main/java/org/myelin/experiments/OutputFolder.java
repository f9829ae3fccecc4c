package org.myelin.experiments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.myelin.api.InvalidArgumentException;

/** The folder a run writes into, made and checked before any training, so a bad --out fails at once. */
public final class OutputFolder {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private OutputFolder() {}

    /**
     * @param experiment the experiment's name
     * @param now        the time of the run
     * @return {@code runs/NAME-yyyyMMdd-HHmmss}, relative to the working folder
     */
    public static Path defaultFor(String experiment, LocalDateTime now) {
        return Path.of("runs", experiment + "-" + STAMP.format(now));
    }

    /**
     * Creates the folder (and its parents) when missing and checks that a file can be written in it.
     *
     * @param folder the --out folder
     * @return the folder
     * @throws InvalidArgumentException when it is a file, cannot be created or is not writable
     */
    public static Path prepare(Path folder) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new InvalidArgumentException("--out " + folder + " is a file, not a folder; choose a folder to write the report into");
        }
        try {
            Files.createDirectories(folder);
            // isWritable can say yes where a write still fails (read-only mounts, ACLs): try one.
            Path probe = Files.createTempFile(folder, ".probe", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new InvalidArgumentException("--out " + folder + " cannot be written: " + reason(e) + "; choose a writable folder");
        }
        return folder;
    }

    /** The operating system's words ("Not a directory", "Permission denied"), without Java's class names. */
    private static String reason(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return f.getFile() + " is a file, not a folder";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT) + (f.getFile() == null ? "" : " (" + f.getFile() + ")");
        }
        return e.getMessage() == null ? "the file system refused" : e.getMessage();
    }
}
