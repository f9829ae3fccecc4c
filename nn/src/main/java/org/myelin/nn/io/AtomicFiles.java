package org.myelin.nn.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.ThreadLocalRandom;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.MyelinException;

/**
 * Writes a file so that nothing half-written is ever seen under its name: the bytes go to a
 * temporary file beside it, are forced to disk, and the temporary file is moved into place. An old
 * file survives until the new one is complete; its permissions are kept; a symlink is followed and
 * its target replaced (the link stays a link); and the temporary files that a killed writer of the
 * same target left behind are removed.
 */
public final class AtomicFiles {
    private static final int MAX_LINKS = 40;

    private AtomicFiles() {}

    /** What to write. */
    @FunctionalInterface
    public interface Body {
        /**
         * @param out the temporary file's stream; closed by the caller
         * @throws IOException when writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * @param file the target
     * @param body writes the contents
     * @throws InvalidArgumentException when the folder cannot be written (permission, no space, no such folder)
     * @throws MyelinException on any other I/O failure
     */
    public static void write(Path file, Body body) {
        Path target;
        Path tmp = null;
        try {
            target = followLinks(file.toAbsolutePath());
            Path dir = target.getParent();
            Files.createDirectories(dir);
            removeStale(dir, target.getFileName().toString());
            tmp = dir.resolve(tempName(target.getFileName().toString()));
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                body.writeTo(out);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            keepPermissions(target, tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (FileSystemException e) {
            deleteQuietly(tmp);
            throw new InvalidArgumentException("cannot write " + file + ": " + reason(e)
                    + "; choose a path in a folder you can write, with space left");
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new MyelinException("cannot write " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(tmp); // the body failed: the old file stays, and no half-written one is left
            throw e;
        }
    }

    /** The file a chain of symlinks ends at; it need not exist yet. */
    static Path followLinks(Path file) throws IOException {
        Path p = file;
        for (int i = 0; i < MAX_LINKS && Files.isSymbolicLink(p); i++) {
            p = p.resolveSibling(Files.readSymbolicLink(p)).normalize();
        }
        if (Files.isSymbolicLink(p)) {
            throw new FileSystemException(file.toString(), null, "more than " + MAX_LINKS + " symlinks in a row");
        }
        return p;
    }

    /** {@code .NAME.PID.RANDOM.tmp}: the writer's process id tells a stale file from one being written. */
    private static String tempName(String name) {
        return "." + name + "." + ProcessHandle.current().pid() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + ".tmp";
    }

    /** Removes temporary files of this target whose writer is no longer running. */
    private static void removeStale(Path dir, String name) {
        String prefix = "." + name;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, p -> {
            String f = p.getFileName().toString();
            return f.startsWith(prefix) && f.endsWith(".tmp") && f.length() > prefix.length() + 4;
        })) {
            for (Path p : stream) {
                String f = p.getFileName().toString();
                String middle = f.substring(prefix.length(), f.length() - 4);
                // ".PID.RANDOM" from this writer; digits alone from an older one, which named no process.
                String[] parts = middle.split("\\.");
                if (!(middle.startsWith(".") && parts.length == 3) && !middle.chars().allMatch(Character::isDigit)) {
                    continue; // another file whose name merely starts like ours
                }
                long pid = middle.startsWith(".") ? parsePid(parts[1]) : -1;
                boolean alive = pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) {
                    deleteQuietly(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Litter is not worth failing a save for.
        }
    }

    private static long parsePid(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1; // an older writer's name, with no process id: stale
        }
    }

    private static void keepPermissions(Path target, Path tmp) throws IOException {
        if (!Files.exists(target)) {
            return;
        }
        PosixFileAttributeView from = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        PosixFileAttributeView to = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
        if (from != null && to != null) {
            to.setPermissions(from.readAttributes().permissions());
        }
    }

    private static String reason(FileSystemException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return e.getFile() + " is in the way: it is a file where a folder is needed";
        }
        return e.getReason() != null ? e.getReason() : String.valueOf(e.getMessage());
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // The temporary file is only litter; the real error is already being reported.
            }
        }
    }
}
