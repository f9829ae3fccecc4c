package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.api.GradMode;
import org.myelin.api.Tensor;
import org.myelin.nn.Layers;
import org.myelin.nn.Module;
import org.myelin.nn.io.SafeTensors;
import org.myelin.train.Evaluation;

/**
 * {@code myelin predict} gives, for an image or a CSV row, the class the model gives the same
 * pixels in memory; resizing, inverting and every bad input are checked too.
 */
class PredictCliTest {
    private static final int IMAGES = 12;

    @TempDir
    Path tmp;
    private Path weights;
    private Module model;

    @BeforeEach
    void trainedModel() throws IOException {
        Path data = TinyMnist.write(tmp.resolve("data"));
        weights = tmp.resolve("model.safetensors");
        CliRun run = CliRun.of("train", "--data", data.toString(), "--model", "784-16-10", "--optimizer", "adam",
                "--lr", "0.01", "--epochs", "2", "--save", weights.toString());
        assertEquals(0, run.exit(), run.err());
        model = Layers.parse("784-16-10", "sigmoid", 0);
        model.loadStateDict(SafeTensors.load(weights).tensors());
        model.eval();
    }

    /** @return the model's class and probabilities for one image's pixels, as the files hold them */
    private float[] probabilities(byte[] pixels) {
        float[] x = new float[784];
        for (int i = 0; i < 784; i++) {
            x[i] = (pixels[i] & 0xff) / 255f;
        }
        try (var g = GradMode.noGrad()) {
            return model.forward(Tensor.of(x, 1, 784)).softmax(1).toFloatArray();
        }
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            best = p[i] > p[best] ? i : best;
        }
        return best;
    }

    private static Path png(Path file, byte[] pixels, int scale, boolean invert) throws IOException {
        BufferedImage image = new BufferedImage(28 * scale, 28 * scale, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 28 * scale; y++) {
            for (int x = 0; x < 28 * scale; x++) {
                int v = pixels[(y / scale) * 28 + x / scale] & 0xff;
                image.getRaster().setSample(x, y, 0, invert ? 255 - v : v);
            }
        }
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    /** @return the class printed first on each line */
    private static List<Integer> predicted(CliRun run) {
        List<Integer> classes = new ArrayList<>();
        for (String line : run.out().strip().split("\n")) {
            String rest = line.substring(line.lastIndexOf(':', line.indexOf('%')) + 1).strip();
            classes.add(Integer.parseInt(rest.substring(0, rest.indexOf(' '))));
        }
        return classes;
    }

    @Test
    void imagesAndCsvRowsGetTheClassesAndProbabilitiesOfTheModelInMemory() throws IOException {
        List<String> args = new ArrayList<>(List.of("predict", "--load", weights.toString(), "--top", "2"));
        List<Integer> expected = new ArrayList<>();
        StringBuilder csv = new StringBuilder("pixel0,...\n");
        for (int i = 0; i < IMAGES; i++) {
            byte[] pixels = TinyMnist.image(2, i);
            args.add(png(tmp.resolve("test-" + i + ".png"), pixels, 1, false).toString());
            expected.add(argmax(probabilities(pixels)));
            for (int p = 0; p < 784; p++) {
                csv.append(p == 0 ? "" : ",").append((pixels[p] & 0xff) / 255f);
            }
            csv.append('\n');
        }
        assertTrue(expected.stream().distinct().count() > 3, "the model tells the classes apart: " + expected);
        CliRun images = CliRun.of(args.toArray(String[]::new));
        CliRun rows = CliRun.of("predict", "--load", weights.toString(),
                Files.writeString(tmp.resolve("rows.csv"), csv).toString());

        assertEquals(0, images.exit(), images.err());
        assertEquals(expected, predicted(images));
        assertEquals(expected, predicted(rows));
        String first = images.out().lines().findFirst().orElseThrow();
        float[] p = probabilities(TinyMnist.image(2, 0));
        assertTrue(first.startsWith(tmp.resolve("test-0.png") + ": " + argmax(p) + " "
                + String.format(Locale.ROOT, "%.2f%%", 100.0 * p[argmax(p)])), first);
        assertEquals(2, first.split(",").length, "--top 2: " + first);
        assertTrue(rows.out().startsWith(tmp.resolve("rows.csv") + ":2: "), "rows are named by line: " + rows.out());
    }

    /** The test set as PNG files, through predict, must give eval's confusion matrix, cell for cell. */
    @Test
    void theTestSetAsPngsGetsTheClassesEvalCounts() throws IOException {
        List<String> args = new ArrayList<>(List.of("predict", "--load", weights.toString(), "--top", "1"));
        for (int i = 0; i < TinyMnist.TEST; i++) {
            args.add(png(tmp.resolve("t10k-" + i + ".png"), TinyMnist.image(2, i), 1, false).toString());
        }
        CliRun predict = CliRun.of(args.toArray(String[]::new));
        CliRun eval = CliRun.of("eval", "--data", tmp.resolve("data").toString(), "--load", weights.toString());

        assertEquals(0, predict.exit(), predict.err());
        assertEquals(0, eval.exit(), eval.err());
        List<Integer> classes = predicted(predict);
        long[][] confusion = new long[10][10];
        long correct = 0;
        for (int i = 0; i < classes.size(); i++) {
            confusion[TinyMnist.label(i)][classes.get(i)]++;
            correct += classes.get(i) == TinyMnist.label(i) ? 1 : 0;
        }
        String table = new Evaluation(Double.NaN, correct, classes.size(), confusion).confusionTable();
        assertTrue(eval.out().contains("(" + correct + " of " + TinyMnist.TEST + ")"), eval.out());
        assertTrue(eval.out().endsWith(table), "eval:\n" + eval.out() + "\npredict's:\n" + table);
    }

    @Test
    void aLargerImageIsResizedAndADrawingOnPaperIsInverted() throws IOException {
        byte[] pixels = TinyMnist.image(2, 3);
        Path large = png(tmp.resolve("large.png"), pixels, 3, false);
        Path onPaper = png(tmp.resolve("paper.png"), pixels, 1, true);
        String expected = ": " + argmax(probabilities(pixels)) + " ";

        CliRun resized = CliRun.of("predict", "--load", weights.toString(), large.toString());
        CliRun inverted = CliRun.of("predict", "--load", weights.toString(), "--invert", onPaper.toString());

        assertTrue(resized.out().startsWith(large + expected), resized.out() + resized.err());
        assertTrue(inverted.out().startsWith(onPaper + expected), inverted.out() + inverted.err());
        CliUserErrorsTest.assertUserError(CliRun.of("predict", "--load", weights.toString(), "--no-resize", large.toString()),
                "84x84", "28x28", "--no-resize");
    }

    @Test
    void jsonGivesOneObjectPerInput() throws IOException {
        Path a = png(tmp.resolve("a.png"), TinyMnist.image(2, 0), 1, false);
        Path b = png(tmp.resolve("b \"quoted\".png"), TinyMnist.image(2, 1), 1, false);

        CliRun run = CliRun.of("predict", "--load", weights.toString(), "--json", "--top", "1", a.toString(), b.toString());

        assertEquals(0, run.exit(), run.err());
        String out = run.out().strip();
        assertTrue(out.startsWith("[") && out.endsWith("]"), out);
        assertEquals(2, out.split("\"input\"").length - 1, out);
        assertTrue(out.contains("b \\\"quoted\\\".png"), "names are escaped: " + out);
        assertTrue(out.contains("\"probability\": "), out);
    }

    @Test
    void badInputsAreOneLineEach() throws IOException {
        Path notAnImage = Files.writeString(tmp.resolve("notes.png"), "not an image at all");
        Path truncated = tmp.resolve("truncated.png");
        byte[] whole = Files.readAllBytes(png(tmp.resolve("whole.png"), TinyMnist.image(2, 0), 2, false));
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        Path narrow = Files.writeString(tmp.resolve("narrow.csv"), "0.5,0.5,0.5\n");
        Path words = Files.writeString(tmp.resolve("words.csv"), "1" + ",x".repeat(783) + "\n");

        CliUserErrorsTest.assertUserError(CliRun.of("predict", "--load", weights.toString(), notAnImage.toString()),
                "notes.png", "not a PNG or JPEG");
        CliUserErrorsTest.assertUserError(CliRun.of("predict", "--load", weights.toString(), truncated.toString()),
                "truncated.png", "broken image");
        CliUserErrorsTest.assertUserError(CliRun.of("predict", "--load", weights.toString(), narrow.toString()),
                "narrow.csv line 1", "3 values", "784");
        CliUserErrorsTest.assertUserError(CliRun.of("predict", "--load", weights.toString(), words.toString()),
                "words.csv line 1", "column 2", "'x'");
        CliUserErrorsTest.assertUserError(CliRun.of("predict", "--load", weights.toString(), tmp.resolve("absent.png").toString()),
                "absent.png");
        CliUserErrorsTest.assertUserError(CliRun.of("predict", "--load", tmp.resolve("absent.safetensors").toString(),
                notAnImage.toString()), "absent.safetensors");
        CliUserErrorsTest.assertUserError(CliRun.of("predict", "--load", weights.toString()), "INPUT");
    }
}
