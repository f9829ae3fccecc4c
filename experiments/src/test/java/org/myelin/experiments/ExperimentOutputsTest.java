package org.myelin.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every experiment on tiny settings (a few epochs, small subsets): its PNGs and HTML report exist
 * and parse, the report embeds each picture, and the table's numbers are sensible. MNIST comes
 * from the default cache, as for the command line's training tests.
 */
class ExperimentOutputsTest {
    private static final Pattern EMBEDDED = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");

    @TempDir
    Path tmp;

    private ExperimentResult run(String name, ExperimentSettings settings) {
        Path out = tmp.resolve(name);
        ExperimentResult result = Experiments.run(name, settings, out, ExperimentProgress.silent());
        assertEquals(name, result.name());
        assertTrue(result.table().size() > 0, "a table with rows");
        assertTrue(result.table().text().lines().count() >= 3, result.table().text());
        return result;
    }

    private static void assertReadable(ExperimentResult result, int expectedImages) throws IOException {
        assertEquals(expectedImages, result.images().size(), "PNGs written: " + result.images());
        for (Path png : result.images()) {
            assertTrue(Files.isRegularFile(png), png + " exists");
            BufferedImage image = ImageIO.read(png.toFile());
            assertNotNull(image, png + " parses as an image");
            assertTrue(image.getWidth() >= 600 && image.getWidth() <= 3000, png + " width " + image.getWidth());
            assertTrue(image.getHeight() >= 400 && image.getHeight() <= 1200, png + " height " + image.getHeight());
        }
        String html = Files.readString(result.report());
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("</html>"), "a whole HTML page");
        assertTrue(html.contains("<table>") && html.contains("</table>"), "the table is in the report");
        Matcher m = EMBEDDED.matcher(html);
        int embedded = 0;
        while (m.find()) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
            assertNotNull(image, "embedded image " + embedded + " parses");
            embedded++;
        }
        assertEquals(expectedImages, embedded, "every PNG is embedded in the report");
        assertTrue(Files.isRegularFile(result.report().resolveSibling(result.name() + "-table.txt")));
    }

    private static void assertFractions(Table table, String column) {
        for (double v : table.numbers(column)) {
            assertTrue(v >= 0 && v <= 1, column + " must be a fraction in [0, 1]: " + v + "\n" + table.text());
        }
    }

    private static ExperimentSettings tiny(int epochs, int train, int test) {
        return ExperimentSettings.defaults().withEpochs(epochs).withSizes(train, test);
    }

    @Test
    void depth() throws IOException {
        ExperimentResult r = run("depth", tiny(1, 600, 300));
        assertReadable(r, 2);
        assertEquals(5, r.table().size(), "0 to 4 hidden layers");
        assertFractions(r.table(), "test accuracy");
        assertFractions(r.table(), "course");
        assertEquals(0.965, r.table().numbers("course")[1], 0, "the course's figure for one hidden layer");
    }

    @Test
    void vanishing() throws IOException {
        ExperimentResult r = run("vanishing", tiny(2, 200, 200));
        assertReadable(r, 1);
        assertEquals(3 * 4, r.table().size(), "three networks, four hidden layers each");
        for (String column : new String[] {"norm at init", "norm after training", "vs hidden 4 at init"}) {
            for (double v : r.table().numbers(column)) {
                assertTrue(Double.isFinite(v) && v > 0, column + " must be finite and positive: " + v);
            }
        }
        double[] accuracy = r.table().numbers("test accuracy");
        for (int i = 0; i < accuracy.length; i++) {
            assertTrue(i % 4 == 0 ? accuracy[i] >= 0 && accuracy[i] <= 1 : Double.isNaN(accuracy[i]),
                    "one accuracy per network: " + r.table().text());
        }
    }

    @Test
    void activations() throws IOException {
        ExperimentResult r = run("activations", tiny(1, 500, 200));
        assertReadable(r, 2);
        assertEquals(5, r.table().size());
        assertFractions(r.table(), "test accuracy");
        double[] slopes = r.table().numbers("max f' on [-5, 5]");
        assertEquals(0.25, slopes[0], 1e-4, "sigmoid's derivative peaks at 1/4");
        assertEquals(1.0, slopes[1], 1e-4, "tanh's derivative peaks at 1");
        for (double seconds : r.table().numbers("train time (s)")) {
            assertTrue(seconds > 0 && Double.isFinite(seconds));
        }
    }

    @Test
    void cnn() throws IOException {
        ExperimentResult r = run("cnn", tiny(2, 1000, 300));
        assertReadable(r, 2);
        assertEquals(4, r.table().size(), "an MLP and LeNet-5 on each of two datasets");
        assertFractions(r.table(), "test accuracy");
        double[] parameters = r.table().numbers("parameters");
        assertEquals(61_706, parameters[1], 0, "LeNet-5's parameters");
        assertEquals(784 * 256 + 256 + 256 * 256 + 256 + 256 * 10 + 10, parameters[0], 0, "the MLP's");
        for (double a : r.table().numbers("test accuracy")) {
            assertTrue(a > 0.5, "two epochs on 1,000 images already learn: " + r.table().text());
        }
    }

    @Test
    void regularization() throws IOException {
        ExperimentResult r = run("regularization", tiny(2, 200, 200));
        assertReadable(r, 2);
        assertEquals(4, r.table().size(), "none, L2, dropout, both");
        assertFractions(r.table(), "train accuracy");
        assertFractions(r.table(), "test accuracy");
    }

    @Test
    void decisionBoundary() throws IOException {
        ExperimentResult r = run("decision-boundary", tiny(60, 200, 200));
        assertReadable(r, 1);
        assertFractions(r.table(), "train accuracy");
        double[] test = r.table().numbers("test accuracy");
        assertTrue(test[1] > test[0], "one hidden layer beats a straight line on two moons: " + r.table().text());
    }
}
