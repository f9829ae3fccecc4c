package org.myelin.experiments;

import java.nio.file.Path;
import org.myelin.api.InvalidArgumentException;

/**
 * What the user chose for a run. Every number may be left out (null), and then each experiment
 * uses its own default, the one its report names; {@link #check()} refuses values no run can use.
 *
 * @param seed      seed for initialisation, shuffling, dropout and generated data
 * @param epochs    passes over the training set, or null for the experiment's default
 * @param lr        the learning rate η, or null for the experiment's default
 * @param batchSize examples per step, or null for the experiment's default
 * @param trainSize training examples used (the first N), or null for the experiment's default
 * @param testSize  test examples used (the first N), or null for the experiment's default
 * @param dataDir   the dataset cache root, or null for the default cache
 */
public record ExperimentSettings(long seed, Integer epochs, Double lr, Integer batchSize, Integer trainSize,
        Integer testSize, Path dataDir) {

    /** @return the settings with every number left to the experiment, seed 42 */
    public static ExperimentSettings defaults() {
        return new ExperimentSettings(42, null, null, null, null, null, null);
    }

    /**
     * Refuses values no run can use, naming the option to fix.
     *
     * @return these settings
     * @throws InvalidArgumentException for a zero or negative count or learning rate
     */
    public ExperimentSettings check() {
        positive("--epochs", epochs);
        positive("--batch-size", batchSize);
        positive("--train-size", trainSize);
        positive("--test-size", testSize);
        if (lr != null && (!(lr > 0) || Double.isInfinite(lr))) {
            throw new InvalidArgumentException("--lr must be a positive learning rate such as 0.1, got " + lr);
        }
        return this;
    }

    private static void positive(String option, Integer value) {
        if (value != null && value < 1) {
            throw new InvalidArgumentException(option + " must be at least 1, got " + value);
        }
    }

    /** @param fallback the experiment's default @return the epochs to run */
    public int epochsOr(int fallback) {
        return epochs != null ? epochs : fallback;
    }

    /** @param fallback the experiment's default @return the learning rate */
    public double lrOr(double fallback) {
        return lr != null ? lr : fallback;
    }

    /** @param fallback the experiment's default @return the batch size */
    public int batchSizeOr(int fallback) {
        return batchSize != null ? batchSize : fallback;
    }

    /** @param fallback the experiment's default @return the number of training examples */
    public int trainSizeOr(int fallback) {
        return trainSize != null ? trainSize : fallback;
    }

    /** @param fallback the experiment's default @return the number of test examples */
    public int testSizeOr(int fallback) {
        return testSize != null ? testSize : fallback;
    }

    /** @param value the epochs @return a copy with them */
    public ExperimentSettings withEpochs(int value) {
        return new ExperimentSettings(seed, value, lr, batchSize, trainSize, testSize, dataDir);
    }

    /** @param train training examples @param test test examples @return a copy with these sizes */
    public ExperimentSettings withSizes(int train, int test) {
        return new ExperimentSettings(seed, epochs, lr, batchSize, train, test, dataDir);
    }

    /** @param value the batch size @return a copy with it */
    public ExperimentSettings withBatchSize(int value) {
        return new ExperimentSettings(seed, epochs, lr, value, trainSize, testSize, dataDir);
    }

    /** @param value the dataset cache root @return a copy with it */
    public ExperimentSettings withDataDir(Path value) {
        return new ExperimentSettings(seed, epochs, lr, batchSize, trainSize, testSize, value);
    }
}
