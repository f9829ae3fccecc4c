package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.myelin.api.DataFormatException;
import org.myelin.api.MyelinException;

/**
 * What {@code myelin predict} reads from a user: a CSV row gives back exactly the numbers written
 * in it or, when it is not as wide as the model's input or holds a cell that is not a finite
 * number, a one-line error that says which; an image file, however damaged, gives 28x28 pixels in
 * [0, 1] or a {@link MyelinException} with a message, never another exception.
 */
class PredictInputPropertiesTest {
    private static Path folder;

    @BeforeContainer
    static void makeFolder() throws IOException {
        folder = Files.createTempDirectory("myelin-predict-properties");
    }

    @AfterContainer
    static void removeFolder() throws IOException {
        try (var files = Files.list(folder)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(folder);
    }

    @Property(tries = 500)
    void aRowOfFiniteNumbersReadsBackExactly(@ForAll @Size(min = 1, max = 40) List<Float> values,
                                              @ForAll("separators") String separator) {
        List<Float> finite = values.stream().map(v -> Float.isFinite(v) ? v : 0f).toList();
        String line = finite.stream().map(String::valueOf).collect(Collectors.joining(separator));
        float[] expected = new float[finite.size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = finite.get(i);
        }
        assertArrayEquals(expected, CsvRows.parse(line, expected.length, "row"));
    }

    @Property(tries = 300)
    void aRowOfAnotherWidthNamesBothWidths(@ForAll @IntRange(min = 1, max = 50) int columns,
                                           @ForAll @IntRange(min = 1, max = 50) int width) {
        String line = String.join(",", java.util.Collections.nCopies(columns, "0.5"));
        if (columns == width) {
            assertEquals(width, CsvRows.parse(line, width, "row").length);
            return;
        }
        DataFormatException e = assertThrows(DataFormatException.class, () -> CsvRows.parse(line, width, "row"));
        assertTrue(e.getMessage().contains("has " + columns + " values, but the model takes " + width), e.getMessage());
    }

    @Property(tries = 2000)
    void anyTextIsARowOrAClearError(@ForAll("csvLike") String line) {
        try {
            float[] row = CsvRows.parse(line, 4, "row");
            assertEquals(4, row.length);
            for (float v : row) {
                assertTrue(Float.isFinite(v), line);
            }
            Statistics.collect("row");
        } catch (MyelinException e) {
            assertTrue(e.getMessage().startsWith("row") && !e.getMessage().contains("\n"), e.getMessage());
            Statistics.collect("refused");
        }
    }

    @Property(tries = 300)
    void aDamagedImageIsPixelsOrAClearError(@ForAll("damagedImages") byte[] bytes, @ForAll boolean resize) throws IOException {
        Path file = Files.write(folder.resolve("image.png"), bytes);
        try {
            float[] pixels = ImageInput.read(file, resize, false);
            assertEquals(ImageInput.SIDE * ImageInput.SIDE, pixels.length);
            for (float p : pixels) {
                assertTrue(p >= 0 && p <= 1, "pixel " + p);
            }
            Statistics.collect("pixels");
        } catch (MyelinException e) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(file.toString()), e.getMessage());
            Statistics.collect("refused");
        }
    }

    @Provide
    Arbitrary<String> separators() {
        return Arbitraries.of(",", ", ", " ,", " , ");
    }

    @Provide
    Arbitrary<String> csvLike() {
        // A line as BufferedReader.readLine gives it: without line breaks.
        return Arbitraries.oneOf(Arbitraries.strings().excludeChars('\n', '\r').ofMaxLength(40),
                Arbitraries.strings().withChars("0123456789.,-+eE NaInfity").ofMaxLength(40),
                Arbitraries.strings().withChars("0123456789.-e ").ofMinLength(1).ofMaxLength(6).list().ofSize(4)
                        .map(cells -> String.join(",", cells)));
    }

    /** Valid PNGs and JPEGs of a few sizes, then truncated, with bytes overwritten, or left whole. */
    @Provide
    Arbitrary<byte[]> damagedImages() {
        Arbitrary<byte[]> images = Combinators.combine(Arbitraries.integers().between(1, 64), Arbitraries.integers().between(1, 64),
                Arbitraries.of("png", "jpg"), Arbitraries.longs()).as(PredictInputPropertiesTest::image);
        return Combinators.combine(images, Arbitraries.of("whole", "truncate", "overwrite"), Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(0, 255)).as((image, how, at, value) -> {
                    int i = at % image.length;
                    return switch (how) {
                        case "truncate" -> java.util.Arrays.copyOf(image, i);
                        case "overwrite" -> {
                            byte[] copy = image.clone();
                            for (int k = i; k < Math.min(copy.length, i + 8); k++) {
                                copy[k] = value.byteValue();
                            }
                            yield copy;
                        }
                        default -> image;
                    };
                });
    }

    private static byte[] image(int width, int height, String format, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
