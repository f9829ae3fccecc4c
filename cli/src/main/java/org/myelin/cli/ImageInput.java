package org.myelin.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.myelin.api.DataFormatException;
import org.myelin.api.InvalidArgumentException;

/**
 * An image file as the model's input: 28x28 gray pixels in [0, 1], light on dark as MNIST's are.
 * Transparent pixels count as white paper, colour becomes luminance (Rec. 601), and a picture of
 * another size is resized by area averaging, which keeps thin strokes visible when it shrinks.
 */
final class ImageInput {
    static final int SIDE = 28;
    /** Larger pictures are refused before their pixels are decoded, so a lying header cannot fill the heap. */
    static final long MAX_PIXELS = 40_000_000;

    private ImageInput() {}

    /**
     * @param resize whether a picture of another size may be resized
     * @param invert whether it is dark on light, as a drawing on paper is
     */
    static float[] read(Path file, boolean resize, boolean invert) {
        BufferedImage image = decode(file);
        int w = image.getWidth();
        int h = image.getHeight();
        if ((w != SIDE || h != SIDE) && !resize) {
            throw new InvalidArgumentException(file + " is " + w + "x" + h + " pixels, but the model takes " + SIDE + "x"
                    + SIDE + "; leave out --no-resize to resize it");
        }
        float[] gray = gray(image);
        float[] pixels = w == SIDE && h == SIDE ? gray : areaAverage(gray, w, h);
        for (int i = 0; i < pixels.length; i++) {
            // a division, as the data sets' readers do, so an MNIST image read back gives the same numbers
            float v = pixels[i] / 255f;
            pixels[i] = invert ? 1f - v : v;
        }
        return pixels;
    }

    /**
     * @return the image's gray levels in [0, 255], row by row; gray files are read sample by sample,
     *     since Java2D's gray-to-RGB conversion would bend their values
     */
    private static float[] gray(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] gray = new float[w * h];
        var raster = image.getRaster();
        var model = image.getColorModel();
        boolean plainGray = model.getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY && !model.hasAlpha()
                && raster.getNumBands() == 1;
        float scale = plainGray ? 255f / ((1 << model.getComponentSize(0)) - 1) : 1f;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (plainGray) {
                    int sample = raster.getSample(x, y, 0);
                    gray[y * w + x] = scale == 1f ? sample : sample * scale;
                } else {
                    int argb = image.getRGB(x, y);
                    float alpha = (argb >>> 24) / 255f;
                    float luma = 0.299f * (argb >> 16 & 0xff) + 0.587f * (argb >> 8 & 0xff) + 0.114f * (argb & 0xff);
                    gray[y * w + x] = alpha * luma + (1 - alpha) * 255f; // transparent is white paper
                }
            }
        }
        return gray;
    }

    /** Shrinks (or grows) to SIDE x SIDE, each output pixel the mean of the source area it covers. */
    private static float[] areaAverage(float[] src, int w, int h) {
        float[] rows = new float[h * SIDE];
        for (int y = 0; y < h; y++) {
            for (int ox = 0; ox < SIDE; ox++) {
                rows[y * SIDE + ox] = average(src, y * w, 1, w, ox);
            }
        }
        float[] out = new float[SIDE * SIDE];
        for (int x = 0; x < SIDE; x++) {
            for (int oy = 0; oy < SIDE; oy++) {
                out[oy * SIDE + x] = average(rows, x, SIDE, h, oy);
            }
        }
        return out;
    }

    /** @return the mean of {@code in[offset + i * stride]} over the share of {@code 0..n} that cell {@code k} covers */
    private static float average(float[] in, int offset, int stride, int n, int k) {
        double from = (double) k * n / SIDE;
        double to = (double) (k + 1) * n / SIDE;
        double sum = 0;
        for (int i = (int) Math.floor(from); i < Math.ceil(to); i++) {
            sum += (Math.min(to, i + 1) - Math.max(from, i)) * in[offset + i * stride];
        }
        return (float) (sum / (to - from));
    }

    private static BufferedImage decode(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new InvalidArgumentException(file + " cannot be read; check that the file exists");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new DataFormatException(file + " is not a PNG or JPEG image (nor any format Java reads); "
                        + "give an image, or a .csv of 784 pixel values per row");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS || pixels <= 0) {
                    throw new DataFormatException(file + " claims " + reader.getWidth(0) + "x" + reader.getHeight(0)
                            + " pixels, more than the " + MAX_PIXELS / 1_000_000 + " million read here; shrink it first");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof org.myelin.api.MyelinException m) {
                throw m;
            }
            throw new DataFormatException(file + " is a broken image (" + e.getMessage() + "); save it again as PNG or JPEG");
        }
    }
}
