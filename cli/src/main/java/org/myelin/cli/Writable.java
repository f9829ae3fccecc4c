package org.myelin.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.myelin.api.InvalidArgumentException;

/** Checks output paths before a run starts, so an hour of training is not lost to a typo. */
final class Writable {
    private Writable() {}

    /** Creates the folder if it is missing; it must end up a writable folder. */
    static void folder(String option, Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InvalidArgumentException(option + " " + dir + " is a file, not a folder; choose a folder");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InvalidArgumentException(option + " " + dir + " cannot be created (" + e.getMessage()
                    + "); choose a writable folder");
        }
        if (!Files.isWritable(dir)) {
            throw new InvalidArgumentException(option + " " + dir + " is not writable; choose a writable folder");
        }
    }

    /** The file's folder must exist and be writable, and the file must not be a folder. */
    static void file(String option, Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir) || Files.isDirectory(file)) {
            throw new InvalidArgumentException(option + " " + file + " cannot be written: "
                    + (Files.isDirectory(file) ? "it is a folder" : "its folder " + dir + " does not exist or is not writable")
                    + "; choose a file in a writable folder");
        }
    }
}
