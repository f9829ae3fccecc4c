package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.api.Tensor;
import org.myelin.nn.io.SafeTensors;

/**
 * The cases a careless user or a hostile file brings: each ends in one line on stderr with the
 * right exit status (2 for what the user gave, 1 for a run that failed), and no trace.
 */
class HardeningCliTest {
    @TempDir
    Path tmp;

    private static String oneLine(CliRun run, int exit, String... mentions) {
        assertEquals(exit, run.exit(), () -> "exit status; stdout: " + run.out() + "\nstderr: " + run.err());
        List<String> lines = CliProcess.errLines(run).stream().filter(l -> !l.startsWith("myelin: warning")).toList();
        assertEquals(1, lines.size(), () -> "one line only: " + run.err());
        String line = lines.get(0);
        assertFalse(line.contains("Exception") || line.contains("Error:") || run.err().contains("\tat "),
                () -> "no stack trace and no exception's name: " + run.err());
        for (String m : mentions) {
            assertTrue(line.contains(m), () -> "stderr should mention '" + m + "': " + line);
        }
        return line;
    }

    /** Writes a safetensors file from its header's text and its data, for files no writer would make. */
    private Path safetensors(String name, String header, int dataBytes) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json);
        return Files.write(tmp.resolve(name), b.array());
    }

    private Path courseCheckpoint(Map<String, String> metadata) {
        Path file = tmp.resolve("course.safetensors");
        SafeTensors.save(file, Map.of("0.weight", Tensor.zeros(30, 784), "0.bias", Tensor.zeros(30),
                "2.weight", Tensor.zeros(10, 30), "2.bias", Tensor.zeros(10)), metadata);
        return file;
    }

    @Test
    void checkpointsWhoseHeadersLieAreOneLineNamingTheFileAndTheField() throws IOException {
        String w = "\"w\":{\"dtype\":\"F32\",";
        Object[][] cases = {
            {"overflow", "{" + w + "\"shape\":[4294967296,4294967296,4294967296],\"data_offsets\":[0,16]}}", 16, "w.shape"},
            {"escape", "{\"__metadata__\":{\"model\":\"\\u12G4\"}}", 0, "header"},
            {"string-offsets", "{" + w + "\"shape\":[4],\"data_offsets\":[\"0\",\"16\"]}}", 16, "w.data_offsets"},
            {"overlap", "{" + w + "\"shape\":[4],\"data_offsets\":[0,16]},\"v\":{\"dtype\":\"F32\",\"shape\":[4],"
                    + "\"data_offsets\":[8,24]}}", 24, "data_offsets"},
            {"gap", "{" + w + "\"shape\":[4],\"data_offsets\":[0,16]},\"v\":{\"dtype\":\"F32\",\"shape\":[4],"
                    + "\"data_offsets\":[20,36]}}", 36, "v.data_offsets"},
            {"not-json", "{" + w + "\"shape\":[4],\"data_offsets\":[0,16],}}", 16, "header"},
        };
        for (Object[] c : cases) {
            Path file = safetensors(c[0] + ".safetensors", (String) c[1], (Integer) c[2]);
            oneLine(CliRun.of("eval", "--load", file.toString()), 2, c[0] + ".safetensors", (String) c[3]);
        }
    }

    @Test
    void aCheckpointsMetadataIsCheckedBeforeTheModelIsBuilt() {
        Path badDropout = courseCheckpoint(Map.of("model", "784-30-10", "dropout", "a lot"));
        oneLine(CliRun.of("eval", "--load", badDropout.toString()), 2, "__metadata__.dropout", "a lot");

        // The 7.8 GB model of the report: the spec is refused against the file's 95 KB of tensors before it is built.
        Path huge = courseCheckpoint(Map.of("model", "784-1000000-1000-10"));
        long before = ModelBudget.freeHeap();
        oneLine(CliRun.of("eval", "--load", huge.toString()), 2, "__metadata__.model", "784-1000000-1000-10");
        assertTrue(ModelBudget.freeHeap() > before - (64 << 20), "the model was not built");

        Path mismatched = courseCheckpoint(Map.of("model", "784-100-10"));
        oneLine(CliRun.of("eval", "--load", mismatched.toString()), 2, "__metadata__.model", "784-100-10");
        oneLine(CliRun.of("eval", "--load", mismatched.toString(), "--model", "784-40-10"), 2, "--model");
    }

    @Test
    void modelsTooLargeForTheHeapOrForALongAreOneLine() {
        oneLine(CliRun.of("train", "--model", "784-100000000-10", "--data", tmp.toString()), 2,
                "784-100000000-10", "MYELIN_JAVA_OPTS=-Xmx");
        oneLine(CliRun.of("train", "--model", "784-99999999999999999999-10", "--data", tmp.toString()), 2,
                "99999999999999999999");
        oneLine(CliRun.of("train", "--model", "linear(4294967296,4294967296) linear(4294967296,10)",
                "--data", tmp.toString()), 2, "4294967296");
    }

    @Test
    void thereIsOneCpuDevice() {
        oneLine(CliRun.of("train", "--device", "cpu:1", "--data", tmp.toString()), 2, "cpu:1", "one CPU device");
    }

    @Test
    void aDatasetWithNoImagesIsAnError() throws IOException {
        Path mnist = Files.createDirectories(tmp.resolve("mnist"));
        idx(mnist.resolve("train-images-idx3-ubyte"), new int[] {0, 28, 28}, 0, false);
        idx(mnist.resolve("train-labels-idx1-ubyte"), new int[] {0}, 0, false);
        idx(mnist.resolve("t10k-images-idx3-ubyte"), new int[] {1, 28, 28}, 784, false);
        idx(mnist.resolve("t10k-labels-idx1-ubyte"), new int[] {1}, 1, false);
        oneLine(CliRun.of("train", "--data", tmp.toString()), 2, "train-images-idx3-ubyte", "no images");
    }

    @Test
    void aGzipThatReallyExpandsBeyondTheHeapIsOneLineNotAnOutOfMemoryError() throws Exception {
        // 100,000 images are 78 MB of bytes and 314 MB of floats: well past a 128 MB heap, but a true file.
        Path mnist = Files.createDirectories(tmp.resolve("data/mnist"));
        idx(mnist.resolve("train-images-idx3-ubyte.gz"), new int[] {100_000, 28, 28}, 100_000 * 784, true);
        idx(mnist.resolve("train-labels-idx1-ubyte.gz"), new int[] {100_000}, 100_000, true);
        idx(mnist.resolve("t10k-images-idx3-ubyte.gz"), new int[] {1, 28, 28}, 784, true);
        idx(mnist.resolve("t10k-labels-idx1-ubyte.gz"), new int[] {1}, 1, true);
        CliRun run = CliProcess.runWithJvmOptions(tmp, List.of("-Xmx128m"), "train", "--data", tmp.resolve("data").toString());
        oneLine(run, 2, "train-images-idx3-ubyte.gz", "MB", "-Xmx");
    }

    @Test
    void anOutOfMemoryErrorAtTheTopIsOneLineSayingWhatWasBeingBuilt() throws Exception {
        Path plugins = Files.createDirectory(tmp.resolve("plugins"));
        PluginJars.heapEater(plugins);
        CliRun run = CliProcess.runWithJvmOptions(tmp, List.of("-Xmx96m"), "train", "--plugins", plugins.toString(),
                "--model", "linear(784,30) hungry linear(30,10)", "--data", tmp.toString());
        oneLine(run, 2, "out of memory while building the model 'linear(784,30) hungry linear(30,10)'",
                "MYELIN_JAVA_OPTS=-Xmx");
    }

    @Test
    @Tag("dataset")
    void aDivergingRunStopsAtTheFirstNaNAndKeepsTheOldCheckpoint() throws IOException {
        Path saved = Files.write(tmp.resolve("model.safetensors"), "the last good weights".getBytes(StandardCharsets.UTF_8));
        byte[] before = Files.readAllBytes(saved);
        CliRun run = CliRun.of("train", "--model", "784-256-256-10", "--activation", "relu", "--lr", "1e30",
                "--epochs", "1", "--save", saved.toString());
        oneLine(run, 1, "NaN", "epoch 1, step ", "lower --lr", saved + " still holds what it held");
        assertArrayEquals(before, Files.readAllBytes(saved));
        assertFalse(run.out().contains("test accuracy"), "it stopped at once:\n" + run.out());
    }

    @Test
    @Tag("dataset")
    void anomalyModeNamesTheOperatorThatMadeTheNaN() {
        CliRun run = CliRun.of("train", "--model", "784-256-256-10", "--activation", "relu", "--lr", "1e30",
                "--epochs", "1", "--detect-anomaly");
        String line = oneLine(run, 1, "anomaly", "module ");
        assertTrue(line.matches(".*'[a-z_]+'.*"), "an operator is named: " + line);
    }

    @Test
    @Tag("dataset")
    void aLossThatExplodesWhileFiniteGetsOneWarning() {
        CliRun run = CliRun.of("train", "--lr", "1e6", "--epochs", "1");
        assertEquals(0, run.exit(), run.err());
        List<String> warnings = CliProcess.errLines(run).stream().filter(l -> l.startsWith("myelin: warning:")).toList();
        assertEquals(1, warnings.size(), run.err());
        assertTrue(warnings.get(0).contains("diverging") && warnings.get(0).contains("lower --lr"), warnings.get(0));
    }

    @Test
    @Tag("dataset")
    void aSaveThatFailsAfterTrainingPutsTheWeightsInTheWorkingFolder() throws Exception {
        // The folder given is writable, but its link leads where no file can be made (as root, permissions would not stop it).
        Path out = Files.createDirectory(tmp.resolve("out"));
        Path blocked = Files.writeString(tmp.resolve("blocked"), "a file, not a folder");
        Path link = Files.createSymbolicLink(out.resolve("model.safetensors"), blocked.resolve("model.safetensors"));
        Path tmpdir = Files.createDirectory(tmp.resolve("tmpdir"));
        CliRun run = CliProcess.runWithJvmOptions(tmp, List.of("-Djava.io.tmpdir=" + tmpdir), "train", "--epochs", "1",
                "--save", link.toString());
        Path fallback = tmp.resolve("model.safetensors");
        oneLine(run, 1, "saved to " + fallback.toAbsolutePath());
        assertEquals(4, SafeTensors.load(fallback).tensors().size(), "the trained weights are there");
        assertTrue(run.out().contains("test accuracy"), run.out());
    }

    @Test
    @Tag("dataset")
    void aSaveRemovesDeadWritersTempFilesKeepsPermissionsAndWritesThroughALink() throws Exception {
        Path store = Files.createDirectory(tmp.resolve("store"));
        Path target = Files.writeString(store.resolve("model.safetensors"), "an older checkpoint");
        Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Path link = Files.createSymbolicLink(tmp.resolve("model.safetensors"), target);
        // 2147483646 is beyond any pid Linux hands out (pid_max is at most 2^22); the older writer named no process.
        Path killed = Files.writeString(store.resolve(".model.safetensors.2147483646.5eed.tmp"), "half a save");
        Path older = Files.writeString(store.resolve(".model.safetensors8316273645.tmp"), "half a save, older style");
        Path someoneElses = Files.writeString(store.resolve(".model.safetensors.notes.txt"), "not ours");

        CliRun run = CliRun.of("train", "--epochs", "1", "--save", link.toString());

        assertEquals(0, run.exit(), run.err());
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertEquals(4, SafeTensors.load(target).tensors().size(), "its target holds the new weights");
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(target)));
        assertFalse(Files.exists(killed) || Files.exists(older), "a dead writer's temporary files are gone");
        assertTrue(Files.exists(someoneElses));
        try (var files = Files.list(store)) {
            assertEquals(2, files.count(), "no temporary file of this save is left");
        }
    }

    private static void idx(Path file, int[] dims, long payload, boolean gzip) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream out = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw) {
            out.write(new byte[] {0, 0, 8, (byte) dims.length});
            ByteBuffer b = ByteBuffer.allocate(4 * dims.length);
            for (int d : dims) {
                b.putInt(d);
            }
            out.write(b.array());
            byte[] block = new byte[1 << 16];
            for (long left = payload; left > 0; left -= block.length) {
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
    }
}
