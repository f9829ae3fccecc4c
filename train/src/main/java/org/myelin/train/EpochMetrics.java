package org.myelin.train;

/**
 * What one epoch of {@link Trainer#fit} measured; a row of the metrics CSV.
 *
 * @param epoch              the epoch, counted from 1
 * @param trainLoss          the mean training loss over the epoch's steps
 * @param validationLoss     the mean loss on the validation set, or NaN without one
 * @param validationAccuracy the validation accuracy in [0, 1], or NaN without a validation set
 * @param learningRate       the rate the epoch's steps used (before the schedule stepped)
 * @param seconds            the epoch's wall-clock time, validation included
 * @param examplesPerSecond  training examples per second of training time
 * @param best               whether the validation accuracy is the best so far (false without one)
 */
public record EpochMetrics(int epoch, double trainLoss, double validationLoss, double validationAccuracy,
                           double learningRate, double seconds, double examplesPerSecond, boolean best) {

    /** @return true when this epoch was validated */
    public boolean validated() {
        return !Double.isNaN(validationAccuracy);
    }
}
