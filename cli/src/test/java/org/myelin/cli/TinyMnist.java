package org.myelin.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A small data set in MNIST's files, written under both mnist/ and fashion-mnist/ of a cache
 * folder, so the command line can train on it in a second: each class lights its own band of rows,
 * over seeded noise, so a small network learns it and a wrong one does not.
 */
final class TinyMnist {
    static final int TRAIN = 400;
    static final int TEST = 100;

    private TinyMnist() {}

    /** @return the cache folder to give as --data */
    static Path write(Path root) throws IOException {
        for (String folder : new String[] {"mnist", "fashion-mnist"}) {
            Path dir = Files.createDirectories(root.resolve(folder));
            split(dir, "train", TRAIN, 1);
            split(dir, "t10k", TEST, 2);
        }
        return root;
    }

    /** @return example {@code i}'s 784 pixels as the files hold them, for the test's own images */
    static byte[] image(long seed, int i) {
        Random random = new Random(seed * 1_000_003 + i);
        int label = label(i);
        byte[] pixels = new byte[784];
        for (int p = 0; p < 784; p++) {
            int row = p / 28;
            boolean band = row >= 2 + 2 * label && row < 4 + 2 * label;
            int value = (band ? 160 : 0) + random.nextInt(96);
            pixels[p] = (byte) value;
        }
        return pixels;
    }

    static int label(int i) {
        return i % 10;
    }

    private static void split(Path dir, String prefix, int n, long seed) throws IOException {
        ByteBuffer images = ByteBuffer.allocate(16 + 784 * n).putInt(0x803).putInt(n).putInt(28).putInt(28);
        ByteBuffer labels = ByteBuffer.allocate(8 + n).putInt(0x801).putInt(n);
        for (int i = 0; i < n; i++) {
            images.put(image(seed, i));
            labels.put((byte) label(i));
        }
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte"), images.array());
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), labels.array());
    }
}
