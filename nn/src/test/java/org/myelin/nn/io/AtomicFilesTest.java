package org.myelin.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.api.InvalidArgumentException;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private static void write(Path file, String text) {
        AtomicFiles.write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aBodyThatFailsLeavesTheOldFileAndNoTemporaryOne() throws IOException {
        Path file = dir.resolve("model.safetensors");
        write(file, "old");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(file, out -> {
            out.write(new byte[1000]);
            throw new IllegalStateException("the writer died half-way");
        }));
        assertEquals("old", Files.readString(file));
        assertEquals(List.of("model.safetensors"), names());
    }

    @Test
    void theOldFilesPermissionsAreKept() throws IOException {
        Path file = dir.resolve("model.safetensors");
        write(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        write(file, "new");
        assertEquals("new", Files.readString(file));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aChainOfLinksIsFollowedAndStaysLinks() throws IOException {
        Path store = Files.createDirectory(dir.resolve("store"));
        Path target = store.resolve("weights.safetensors");
        Path inner = Files.createSymbolicLink(dir.resolve("inner"), Path.of("store/weights.safetensors"));
        Path outer = Files.createSymbolicLink(dir.resolve("outer"), inner.getFileName());
        write(outer, "through two links");
        assertTrue(Files.isSymbolicLink(outer) && Files.isSymbolicLink(inner));
        assertEquals("through two links", Files.readString(target));
    }

    @Test
    void aLoopOfLinksIsOneClearError() throws IOException {
        Path a = dir.resolve("a");
        Files.createSymbolicLink(a, Path.of("b"));
        Files.createSymbolicLink(dir.resolve("b"), Path.of("a"));
        var e = assertThrows(InvalidArgumentException.class, () -> write(a, "x"));
        assertTrue(e.getMessage().contains("symlinks in a row"), e.getMessage());
    }

    @Test
    void onlyTheTemporaryFilesOfDeadWritersOfTheSameTargetAreRemoved() throws IOException {
        Path file = dir.resolve("m.bin");
        long self = ProcessHandle.current().pid();
        Files.writeString(dir.resolve(".m.bin.2147483646.abc.tmp"), "a killed writer's");
        Files.writeString(dir.resolve(".m.bin12345.tmp"), "an older writer's, which named no process");
        Files.writeString(dir.resolve(".m.bin." + self + ".def.tmp"), "a live writer's");
        Files.writeString(dir.resolve(".m.bin.notes.tmp"), "not a temporary file of ours");
        Files.writeString(dir.resolve(".other.bin.2147483646.abc.tmp"), "another target's");
        write(file, "new");
        assertEquals(List.of(".m.bin." + self + ".def.tmp", ".m.bin.notes.tmp", ".other.bin.2147483646.abc.tmp", "m.bin"),
                names());
    }

    @Test
    void aFileWhereAFolderIsNeededIsNamed() throws IOException {
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file");
        var e = assertThrows(InvalidArgumentException.class, () -> write(blocker.resolve("m.bin"), "x"));
        assertTrue(e.getMessage().contains("is in the way"), e.getMessage());
        assertFalse(Files.isDirectory(blocker));
    }
}
