package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every user mistake: one clear line on stderr, exit status 2, and no stack trace. */
class CliUserErrorsTest {
    @TempDir
    Path tmp;

    static void assertUserError(CliRun run, String... mentions) {
        assertEquals(2, run.exit(), () -> "exit status; stderr: " + run.err());
        String err = run.err().strip();
        assertFalse(err.contains("\n"), () -> "one line only: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), () -> "no stack trace: " + err);
        for (String m : mentions) {
            assertTrue(err.contains(m), () -> "stderr should mention '" + m + "': " + err);
        }
    }

    @Test
    void zeroOrNegativeBatchSizeOrLearningRate() {
        assertUserError(CliRun.of("train", "--batch-size", "0"), "--batch-size", "positive");
        assertUserError(CliRun.of("train", "--batch-size", "-5"), "--batch-size");
        assertUserError(CliRun.of("train", "--lr", "0"), "--lr");
        assertUserError(CliRun.of("train", "--lr", "-0.1"), "--lr");
    }

    @Test
    void unknownNames() {
        assertUserError(CliRun.of("train", "--optimizer", "adamax", "--data", tmp.toString()), "adamax");
        assertUserError(CliRun.of("train", "--activation", "swishy", "--data", tmp.toString()), "swishy");
        assertUserError(CliRun.of("train", "--model", "linear(784,30) wobble linear(30,10)", "--data", tmp.toString()), "wobble");
        assertUserError(CliRun.of("train", "--backend", "no-such-backend"), "no-such-backend");
        assertUserError(CliRun.of("train", "--dataset", "cifar"), "cifar", "mnist");
    }

    @Test
    void aModelWhoseSizesDoNotChain() {
        assertUserError(CliRun.of("train", "--model", "linear(784,30) relu linear(20,10)", "--data", tmp.toString()), "30", "20");
    }

    /** Convolution mistakes surface at the first batch (real MNIST, from the default cache), one line each. */
    @Test
    @org.junit.jupiter.api.Tag("dataset")
    void convolutionMistakes() {
        assertUserError(CliRun.of("train", "--model", "conv2d(1,6,5) relu flatten linear(3456,10)"), "unflatten(1,1x28x28)");
        assertUserError(CliRun.of("train", "--model", "unflatten(1,1x28x28) conv2d(3,6,5) relu flatten linear(3456,10)"),
                "3 channels", "does not take mnist's 784 inputs");
        assertUserError(CliRun.of("train", "--model", "unflatten(1,1x28x28) conv2d(1,6,29) flatten linear(6,10)"),
                "larger than the padded input");
        assertUserError(CliRun.of("train", "--model", "unflatten(1,1x28x28) conv2d(2,6,5,groups=4) flatten linear(6,10)"),
                "groups (4)");
        assertUserError(CliRun.of("train", "--model", "unflatten(1,1x28x28) conv2d(1,2,28) batchnorm2d(2) flatten "
                + "linear(2,10)", "--batch-size", "1"), "more than one value per channel");
    }

    @Test
    void aSavePathThatCannotBeWritten() {
        assertUserError(CliRun.of("train", "--save", tmp.resolve("no/such/dir/model.safetensors").toString()), "--save");
    }

    @Test
    void unknownOptionsAndCommands() {
        assertUserError(CliRun.of("train", "--epochz", "3"), "--epochz");
        assertUserError(CliRun.of("fly"), "fly");
    }

    @Test
    void aMissingOrCorruptCheckpoint() throws IOException {
        assertUserError(CliRun.of("eval", "--load", tmp.resolve("absent.safetensors").toString()), "absent.safetensors");
        Path junk = tmp.resolve("junk.safetensors");
        Files.write(junk, new byte[] {1, 2, 3});
        assertUserError(CliRun.of("eval", "--load", junk.toString()), "junk.safetensors");
        Path liar = tmp.resolve("liar.safetensors");
        Files.write(liar, ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array());
        assertUserError(CliRun.of("eval", "--load", liar.toString()), "liar.safetensors", "claims");
    }

    @Test
    void truncatedCorruptAndLyingIdxFiles() throws IOException {
        Path mnist = tmp.resolve("mnist");
        Files.createDirectories(mnist);
        writeIdx(mnist.resolve("train-images-idx3-ubyte"), new int[] {0, 0, 8, 3}, new int[] {2, 28, 28}, 2 * 784 - 100);
        writeIdx(mnist.resolve("train-labels-idx1-ubyte"), new int[] {0, 0, 8, 1}, new int[] {2}, 2);
        writeIdx(mnist.resolve("t10k-images-idx3-ubyte"), new int[] {0, 0, 8, 3}, new int[] {1, 28, 28}, 784);
        writeIdx(mnist.resolve("t10k-labels-idx1-ubyte"), new int[] {0, 0, 8, 1}, new int[] {1}, 1);
        assertUserError(CliRun.of("train", "--data", tmp.toString()), "train-images-idx3-ubyte");

        writeIdx(mnist.resolve("train-images-idx3-ubyte"), new int[] {9, 9, 8, 3}, new int[] {2, 28, 28}, 2 * 784);
        assertUserError(CliRun.of("train", "--data", tmp.toString()), "train-images-idx3-ubyte");

        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(mnist.resolve("train-images-idx3-ubyte.gz")))) {
            out.write(new byte[] {0, 0, 8, 3});
            out.write(ByteBuffer.allocate(12).putInt(1_000_000_000).putInt(1000).putInt(1000).array());
        }
        Files.delete(mnist.resolve("train-images-idx3-ubyte"));
        assertUserError(CliRun.of("train", "--data", tmp.toString()), "train-images-idx3-ubyte");
    }

    private static void writeIdx(Path file, int[] magic, int[] dims, int payload) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int m : magic) {
                out.write(m);
            }
            ByteBuffer b = ByteBuffer.allocate(4 * dims.length);
            for (int d : dims) {
                b.putInt(d);
            }
            out.write(b.array());
            out.write(new byte[payload]);
        }
    }

    @Test
    void aDatasetThatCannotBeFetched() {
        String old = System.getProperty("myelin.npm");
        System.setProperty("myelin.npm", tmp.resolve("no-npm-here").toString());
        try {
            assertUserError(CliRun.of("train", "--data", tmp.resolve("empty").toString()), "npm");
        } finally {
            if (old == null) {
                System.clearProperty("myelin.npm");
            } else {
                System.setProperty("myelin.npm", old);
            }
        }
    }

    @Test
    void debugAddsTheStackTrace() {
        CliRun run = CliRun.of("--debug", "train", "--batch-size", "0");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("\tat "), run.err());
    }
}
