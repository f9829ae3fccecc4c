package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.api.Tensor;
import org.myelin.nn.io.SafeTensors;

/** {@code myelin train} with checkpoints, --resume, validation, early stopping and the metrics log. */
class TrainingLifecycleCliTest {
    @TempDir
    Path tmp;
    private Path data;

    @BeforeEach
    void tinyData() throws IOException {
        data = TinyMnist.write(tmp.resolve("data"));
    }

    /** Adam with a schedule whose length is fixed (cosine over 3 epochs), so a run cut short at 2 is the run of 3 until then. */
    private static final List<String> ADAM_COSINE = List.of("--optimizer", "adam", "--lr", "0.01", "--lr-schedule", "cosine:0:3");
    private static final List<String> SGD_MOMENTUM = List.of("--optimizer", "sgd", "--lr", "0.1", "--momentum", "0.9");

    static Stream<Arguments> optimizers() {
        return Stream.of(Arguments.of(Named.of("adam with a cosine schedule", ADAM_COSINE)),
                Arguments.of(Named.of("sgd with momentum", SGD_MOMENTUM)));
    }

    private CliRun train(String... options) {
        return trainWith(ADAM_COSINE, options);
    }

    private CliRun trainWith(List<String> optimizer, String... options) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--model", "784-16-10",
                "--batch-size", "20"));
        args.addAll(optimizer);
        args.addAll(List.of(options));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exit(), () -> "stdout: " + run.out() + "\nstderr: " + run.err());
        return run;
    }

    private static void assertSameTensors(Path expected, Path actual) {
        Map<String, Tensor> a = SafeTensors.load(expected).tensors();
        Map<String, Tensor> b = SafeTensors.load(actual).tensors();
        assertEquals(a.keySet(), b.keySet());
        a.forEach((k, v) -> assertArrayEquals(v.toFloatArray(), b.get(k).toFloatArray(), 0f, k + " bit for bit"));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void aRunStoppedAfterTwoEpochsAndResumedEndsWithTheWeightsOfThreeEpochsStraight(List<String> optimizer) throws IOException {
        trainWith(optimizer, "--epochs", "3", "--dropout", "0.2", "--save", tmp.resolve("straight.safetensors").toString());
        trainWith(optimizer, "--epochs", "2", "--dropout", "0.2", "--checkpoint-every", "1", "--checkpoint-dir", tmp.resolve("ck").toString());
        assertEquals(List.of("checkpoint-epoch-1.safetensors", "checkpoint-epoch-2.safetensors"), names(tmp.resolve("ck")));

        CliRun resumed = CliRun.of("train", "--data", data.toString(), "--resume",
                tmp.resolve("ck/checkpoint-epoch-2.safetensors").toString(), "--epochs", "3", "--save",
                tmp.resolve("resumed.safetensors").toString());

        assertEquals(0, resumed.exit(), resumed.err());
        assertTrue(resumed.out().contains("resuming") && resumed.out().contains("at epoch 3"), resumed.out());
        assertFalse(resumed.out().contains("epoch 1/3") || resumed.out().contains("epoch 2/3"), resumed.out());
        assertSameTensors(tmp.resolve("straight.safetensors"), tmp.resolve("resumed.safetensors"));
    }

    @Test
    void aRunResumedFromAStepCheckpointInTheMiddleOfAnEpochEndsTheSame() throws IOException {
        // 400 examples in batches of 20: 20 steps an epoch; step 30 is halfway through epoch 2.
        train("--epochs", "2", "--save", tmp.resolve("straight.safetensors").toString());
        train("--epochs", "2", "--checkpoint-every", "30steps", "--keep", "1", "--checkpoint-dir", tmp.resolve("ck").toString());
        assertEquals(List.of("checkpoint-step-30.safetensors"), names(tmp.resolve("ck")));

        CliRun resumed = CliRun.of("train", "--data", data.toString(), "--resume",
                tmp.resolve("ck/checkpoint-step-30.safetensors").toString(), "--save", tmp.resolve("resumed.safetensors").toString());

        assertEquals(0, resumed.exit(), resumed.err());
        assertTrue(resumed.out().contains("at epoch 2, step 30"), resumed.out());
        assertSameTensors(tmp.resolve("straight.safetensors"), tmp.resolve("resumed.safetensors"));
    }

    @Test
    void checkpointsKeepTheLastKAndTheBestByValidationAccuracy() throws IOException {
        CliRun run = train("--epochs", "4", "--val-split", "0.25", "--checkpoint-every", "1", "--keep", "2",
                "--checkpoint-dir", tmp.resolve("ck").toString());

        assertEquals(List.of("best.safetensors", "checkpoint-epoch-3.safetensors", "checkpoint-epoch-4.safetensors"),
                names(tmp.resolve("ck")));
        assertTrue(run.out().contains("300 examples, 100 held out for validation"), run.out());
        assertTrue(run.out().contains("val accuracy"), run.out());
        CliRun eval = CliRun.of("eval", "--load", tmp.resolve("ck/best.safetensors").toString(), "--data", data.toString());
        assertEquals(0, eval.exit(), eval.err());
        assertTrue(eval.lastPercentAfter("accuracy") > 50, "a training checkpoint evaluates as its weights do: " + eval.out());
    }

    @Test
    void earlyStoppingEndsTheRunWhenValidationStopsImproving() {
        // A learning rate too small to move the weights: the validation accuracy never beats the first epoch's.
        CliRun run = CliRun.of("train", "--data", data.toString(), "--model", "784-16-10", "--lr", "1e-12", "--epochs", "6",
                "--val-split", "0.25", "--patience", "2");

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("stopping early after epoch 3"), run.out());
        assertFalse(run.out().contains("epoch 4/6"), run.out());
    }

    @Test
    void theLogFolderGetsOneCsvRowPerEpochAndThePageOfCurves() throws IOException {
        train("--epochs", "3", "--val-split", "0.1", "--log-dir", tmp.resolve("log").toString());

        List<String> csv = Files.readAllLines(tmp.resolve("log/metrics.csv"));
        assertEquals(MetricsLog.HEADER, csv.get(0));
        assertEquals(4, csv.size(), csv.toString());
        for (int epoch = 1; epoch <= 3; epoch++) {
            String[] cells = csv.get(epoch).split(",", -1);
            assertEquals(8, cells.length, csv.get(epoch));
            assertEquals(Integer.toString(epoch), cells[0]);
            for (int c = 1; c < cells.length; c++) {
                assertTrue(Double.parseDouble(cells[c]) >= 0, csv.get(epoch));
            }
        }
        double lrAfterOne = Double.parseDouble(csv.get(1).split(",")[5]);
        double lrAfterThree = Double.parseDouble(csv.get(3).split(",")[5]);
        assertEquals(0.01, lrAfterOne, 1e-12, "the first epoch runs at the base rate");
        assertTrue(lrAfterThree < lrAfterOne, "cosine lowers it: " + csv);
        String html = Files.readString(tmp.resolve("log/curves.html"));
        assertTrue(html.contains("<svg") || html.contains("<img"), "the page holds the curves");
    }

    @Test
    void aResumedRunKeepsItsCheckpointsItsLogAndItsSaveWithoutBeingToldAgain() throws IOException {
        Path ck = tmp.resolve("ck");
        Path log = tmp.resolve("log");
        Path weights = tmp.resolve("weights.safetensors");
        train("--epochs", "3", "--val-split", "0.1", "--patience", "5", "--checkpoint-every", "1", "--keep", "5",
                "--checkpoint-dir", ck.toString(), "--log-dir", log.toString(), "--save", weights.toString());
        List<String> straightLog = Files.readAllLines(log.resolve("metrics.csv"));
        Files.delete(weights);
        Files.delete(ck.resolve("checkpoint-epoch-3.safetensors"));

        CliRun resumed = train("--resume", ck.resolve("checkpoint-epoch-2.safetensors").toString());

        assertTrue(Files.exists(ck.resolve("checkpoint-epoch-3.safetensors")), "checkpoints go on: " + names(ck));
        assertTrue(Files.exists(weights), "the run's --save is written at its end: " + resumed.out());
        List<String> csv = Files.readAllLines(log.resolve("metrics.csv"));
        assertEquals(4, csv.size(), "epochs 1 and 2 stay in the log, epoch 3 is written again: " + csv);
        assertEquals(straightLog.subList(0, 3), csv.subList(0, 3));
        String[] third = csv.get(3).split(",", -1);
        String[] thirdStraight = straightLog.get(3).split(",", -1);
        assertEquals(thirdStraight[1], third[1], "the resumed epoch's train loss is the uninterrupted one's");
        assertEquals(thirdStraight[3], third[3], "and so is its validation accuracy");
    }

    @Test
    void resumeRefusesWhatItCannotContinue() throws IOException {
        train("--epochs", "1", "--save", tmp.resolve("weights.safetensors").toString(), "--checkpoint-every", "1",
                "--checkpoint-dir", tmp.resolve("ck").toString());
        String checkpoint = tmp.resolve("ck/checkpoint-epoch-1.safetensors").toString();

        CliUserErrorsTest.assertUserError(CliRun.of("train", "--data", data.toString(), "--resume",
                tmp.resolve("weights.safetensors").toString()), "weights alone", "--checkpoint-every");
        CliUserErrorsTest.assertUserError(CliRun.of("train", "--data", data.toString(), "--resume", checkpoint,
                "--model", "784-32-10"), "--model 784-32-10", "differs", "784-16-10");
        CliUserErrorsTest.assertUserError(CliRun.of("train", "--data", data.toString(), "--resume", checkpoint,
                "--epochs", "1"), "already trained 1", "--epochs");
        CliUserErrorsTest.assertUserError(CliRun.of("train", "--data", data.toString(), "--checkpoint-every", "often"),
                "--checkpoint-every", "500steps");
    }

    @Test
    void aModelWhoseOutputDoesNotFitTheClassesIsOneLine() {
        CliUserErrorsTest.assertUserError(CliRun.of("train", "--data", data.toString(), "--model", "784-16-12"),
                "12", "10 classes");
        CliUserErrorsTest.assertUserError(CliRun.of("train", "--data", data.toString(), "--model", "100-16-10"),
                "784 inputs");
        CliUserErrorsTest.assertUserError(CliRun.of("train", "--data", data.toString(), "--patience", "3"),
                "--patience", "--val-split");
    }

    @Test
    void evalOnAnotherDatasetThanTheCheckpointsWarns() {
        train("--epochs", "1", "--save", tmp.resolve("weights.safetensors").toString());

        CliRun same = CliRun.of("eval", "--load", tmp.resolve("weights.safetensors").toString(), "--data", data.toString());
        CliRun other = CliRun.of("eval", "--load", tmp.resolve("weights.safetensors").toString(), "--data", data.toString(),
                "--dataset", "fashion-mnist", "--device", "cpu");

        assertEquals(0, same.exit(), same.err());
        assertFalse(same.err().contains("warning"), same.err());
        assertEquals(0, other.exit(), other.err());
        assertTrue(other.err().contains("warning") && other.err().contains("trained on mnist")
                && other.err().contains("fashion-mnist"), other.err());
        CliUserErrorsTest.assertUserError(CliRun.of("eval", "--load", tmp.resolve("weights.safetensors").toString(),
                "--data", data.toString(), "--device", "cpu:1"), "cpu:1");
    }

    @Test
    void threadsReachTheCpuPack() throws Exception {
        CliRun run = CliProcess.run(tmp, "train", "--data", data.toString(), "--model", "784-16-10", "--epochs", "1",
                "--threads", "1");

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains(", 1 thread)"), run.out());
        CliUserErrorsTest.assertUserError(CliRun.of("train", "--threads", "0"), "--threads", "at least 1");
    }
}
