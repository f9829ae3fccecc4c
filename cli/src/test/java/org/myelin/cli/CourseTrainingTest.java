package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job, end to end on real MNIST: the course's network with no options, a checkpoint that
 * reloads to exactly the same accuracy, and the wider ReLU network on MNIST and Fashion-MNIST.
 * These train for real (a few minutes in all); the data come from the default cache, fetched on
 * first use as a user's first run would.
 */
@Tag("dataset")
class CourseTrainingTest {
    @TempDir
    Path tmp;

    @Test
    void theCourseNetworkReaches95Point5PercentInThreeEpochsAndItsCheckpointReloads() throws IOException {
        Path saved = tmp.resolve("course.safetensors");
        CliRun train = CliRun.of("train", "--save", saved.toString());
        assertEquals(0, train.exit(), train.err());
        double accuracy = train.lastPercentAfter("test accuracy");
        assertTrue(accuracy >= 95.5, "784-30-10 sigmoid after 3 epochs: " + accuracy + "%\n" + train.out());

        CliRun eval = CliRun.of("eval", "--load", saved.toString());
        assertEquals(0, eval.exit(), eval.err());
        assertEquals(accuracy, eval.lastPercentAfter("accuracy"), 0.0, "eval on the checkpoint gives the same accuracy");
        assertTrue(eval.out().contains("confusion matrix"));

        byte[] bytes = Files.readAllBytes(saved);
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
        assertTrue(header.contains("\"0.weight\":{\"dtype\":\"F32\",\"shape\":[30,784]"), header);
        assertTrue(header.contains("\"2.bias\":{\"dtype\":\"F32\",\"shape\":[10]"), header);
        assertTrue(header.contains("\"model\":\"784-30-10\""), header);
        assertEquals(8 + headerLength + 4L * (30 * 784 + 30 + 10 * 30 + 10), bytes.length, "raw little-endian float32 data follows");
        assertEquals(0, (8 + headerLength) % 8, "the data starts 8-byte aligned");
    }

    @Test
    void theWiderReluNetworkReaches97PercentOnMnist() {
        CliRun run = CliRun.of("train", "--model", "784-256-256-10", "--activation", "relu", "--batch-size", "128",
                "--lr", "0.05", "--momentum", "0.9");
        assertEquals(0, run.exit(), run.err());
        double accuracy = run.lastPercentAfter("test accuracy");
        assertTrue(accuracy >= 97.0, "784-256-256-10 relu on MNIST: " + accuracy + "%\n" + run.out());
    }

    @Test
    void theWiderReluNetworkReaches85Point5PercentOnFashionMnist() {
        CliRun run = CliRun.of("train", "--dataset", "fashion-mnist", "--model", "784-256-256-10", "--activation", "relu",
                "--batch-size", "128", "--lr", "0.05", "--momentum", "0.9");
        assertEquals(0, run.exit(), run.err());
        double accuracy = run.lastPercentAfter("test accuracy");
        assertTrue(accuracy >= 85.5, "784-256-256-10 relu on Fashion-MNIST: " + accuracy + "%\n" + run.out());
    }
}
