package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.data.DatasetCache;
import org.myelin.data.Mnist;

/**
 * LeNet-5 from the command line on real MNIST and Fashion-MNIST, and its checkpoint loaded into the
 * same network written in PyTorch ({@code pytorch/lenet5_accuracy.py}), which must classify the test
 * set as Myelin does. The epochs are the ones the README states.
 */
@Tag("dataset")
class ConvNetTrainingTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path tmp;

    @Test
    void lenet5Reaches99PercentOnMnistAndLoadsIntoPyTorchWithTheSameAccuracy() throws Exception {
        Path saved = tmp.resolve("lenet5.safetensors");
        CliRun run = CliRun.of("train", "--model", "lenet5", "--epochs", "8", "--lr-schedule", "cosine", "--save",
                saved.toString());
        assertEquals(0, run.exit(), run.err());
        double accuracy = run.lastPercentAfter("test accuracy");
        assertTrue(accuracy >= 99.0, "LeNet-5 on MNIST after 8 epochs: " + accuracy + "%\n" + run.out());

        Path folder = Mnist.ensureAvailable(DatasetCache.root(null), line -> { });
        long correct = pytorchCorrect(saved, folder);
        // Float rounding may tip an image or two whose two best scores are a hair apart.
        assertEquals(Math.round(accuracy * 100), correct, 2, "PyTorch's count of correct test images");
    }

    @Test
    void lenet5Reaches90PercentOnFashionMnist() {
        CliRun run = CliRun.of("train", "--dataset", "fashion-mnist", "--model", "lenet5", "--epochs", "10",
                "--lr-schedule", "cosine");
        assertEquals(0, run.exit(), run.err());
        double accuracy = run.lastPercentAfter("test accuracy");
        assertTrue(accuracy >= 90.0, "LeNet-5 on Fashion-MNIST after 10 epochs: " + accuracy + "%\n" + run.out());
    }

    private static long pytorchCorrect(Path weights, Path dataset) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3, so PyTorch cannot check the "
                + "checkpoint (.ci/run installs Debian's python3-torch)");
        Path script = Path.of("src/test/resources/pytorch/lenet5_accuracy.py").toAbsolutePath();
        Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), weights.toString(), dataset.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the PyTorch check did not finish");
        Assumptions.assumeFalse(output.contains("No module named 'torch'"), "python3 has no torch here, so PyTorch "
                + "cannot check the checkpoint (.ci/run installs Debian's python3-torch)");
        assertEquals(0, p.exitValue(), output);
        Matcher m = Pattern.compile("correct (\\d+) of 10000").matcher(output);
        assertTrue(m.find(), output);
        return Long.parseLong(m.group(1));
    }
}
