package org.myelin.experiments;

import org.myelin.api.Optimizer;
import org.myelin.data.DataLoader;
import org.myelin.nn.Module;
import org.myelin.nn.loss.CrossEntropyLoss;
import org.myelin.train.Evaluation;
import org.myelin.train.StepMetrics;
import org.myelin.train.Trainer;
import org.myelin.train.TrainerCallback;

/** The experiments' use of the one {@link Trainer}: an epoch at a time, each with its own progress bar. */
final class Training {
    private final Trainer trainer;
    private ExperimentProgress.Steps bar;

    Training(Module model, Optimizer optimizer) {
        trainer = new Trainer(model, new CrossEntropyLoss(), optimizer).callback(new TrainerCallback() {
            @Override
            public void onStep(StepMetrics step) {
                bar.update(step.step(), step.meanLoss(), step.examples());
            }
        });
    }

    /** @return the mean training loss of one more epoch */
    double epoch(DataLoader loader, ExperimentProgress progress, String task) {
        try (ExperimentProgress.Steps steps = progress.start(task, loader.numBatches())) {
            bar = steps;
            return trainer.fit(loader, trainer.epochsDone() + 1).get(0).trainLoss();
        }
    }

    static double accuracy(Module model, DataLoader loader) {
        return Evaluation.of(model, loader, null).accuracy();
    }
}
