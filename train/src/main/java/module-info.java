/**
 * The training loop, written once: {@link org.myelin.train.Trainer} runs epochs over a
 * {@code DataLoader} with a model, a loss, an optimizer, an optional schedule, gradient clipping,
 * validation, early stopping and callbacks, and {@link org.myelin.train.TrainingCheckpoint} saves
 * and restores everything a run needs to resume bit for bit.
 */
module org.myelin.train {
    requires transitive org.myelin.api;
    requires transitive org.myelin.nn;
    requires transitive org.myelin.optim;
    requires transitive org.myelin.data;

    exports org.myelin.train;
}
