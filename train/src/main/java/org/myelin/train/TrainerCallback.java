package org.myelin.train;

/**
 * Hooks into {@link Trainer#fit}, for progress bars, logs and checkpoints; every method does
 * nothing unless overridden. They run on the training thread, between steps, where the model, the
 * optimizer and the trainer's counters are consistent, so a callback may save a
 * {@link TrainingCheckpoint} from any of them.
 */
public interface TrainerCallback {

    /**
     * @param epoch      the epoch about to run, counted from 1
     * @param firstStep  the step it starts from, counted from 1 (above 1 in a run resumed mid-epoch)
     * @param steps      the steps in the epoch
     */
    default void onEpochStart(int epoch, long firstStep, long steps) {}

    /** @param step the step just taken */
    default void onStep(StepMetrics step) {}

    /** @param metrics the epoch just finished, validated if the trainer has a validation set */
    default void onEpochEnd(EpochMetrics metrics) {}

    /**
     * The loss has grown a thousandfold over the run's first step while staying finite: the run is
     * most likely diverging. Called once per run.
     *
     * @param firstLoss the first step's loss
     * @param loss      this step's
     * @param epoch     the epoch, from 1
     * @param step      the step within it, from 1
     */
    default void onLossExploding(double firstLoss, double loss, int epoch, long step) {}

    /**
     * Early stopping ends the run.
     *
     * @param epoch     the last epoch run
     * @param bestEpoch the epoch of the best validation accuracy
     * @param best      that accuracy
     */
    default void onEarlyStop(int epoch, int bestEpoch, double best) {}
}
