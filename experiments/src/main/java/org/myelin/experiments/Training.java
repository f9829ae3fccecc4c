package org.myelin.experiments;

import org.myelin.api.GradMode;
import org.myelin.api.Optimizer;
import org.myelin.api.Tensor;
import org.myelin.data.DataLoader;
import org.myelin.nn.Module;
import org.myelin.nn.loss.CrossEntropyLoss;

/** The course's loop (forward, loss, zeroGrad, backward, step) and accuracy, shared by the experiments. */
final class Training {
    private static final CrossEntropyLoss LOSS = new CrossEntropyLoss();

    private Training() {}

    /**
     * One pass over the loader, in training mode.
     *
     * @return the mean training loss
     */
    static double epoch(Module model, Optimizer optimizer, DataLoader loader, ExperimentProgress progress, String task) {
        model.train();
        double sum = 0;
        long steps = 0;
        long examples = 0;
        try (ExperimentProgress.Steps bar = progress.start(task, loader.numBatches())) {
            for (DataLoader.Batch batch : loader) {
                Tensor loss = LOSS.forward(model.forward(batch.inputs()), batch.targets());
                optimizer.zeroGrad();
                loss.backward();
                optimizer.step();
                sum += loss.item();
                steps++;
                examples += batch.size();
                bar.update(steps, sum / steps, examples);
            }
        }
        return steps == 0 ? Double.NaN : sum / steps;
    }

    /** @return the fraction of examples whose highest logit is the label, in evaluation mode */
    static double accuracy(Module model, DataLoader loader) {
        boolean wasTraining = model.isTraining();
        model.eval();
        long correct = 0;
        long total = 0;
        try (var g = GradMode.noGrad()) {
            for (DataLoader.Batch batch : loader) {
                long[] predicted = model.forward(batch.inputs()).argmax(1).toLongArray();
                long[] labels = batch.targets().toLongArray();
                for (int i = 0; i < labels.length; i++) {
                    correct += predicted[i] == labels[i] ? 1 : 0;
                }
                total += labels.length;
            }
        } finally {
            model.setTraining(wasTraining);
        }
        return total == 0 ? 0 : (double) correct / total;
    }
}
