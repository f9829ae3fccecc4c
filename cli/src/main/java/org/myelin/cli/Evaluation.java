package org.myelin.cli;

import org.myelin.api.GradMode;
import org.myelin.api.Tensor;
import org.myelin.data.DataLoader;
import org.myelin.nn.Module;

/**
 * Accuracy and the confusion matrix of a classifier over a data set, in evaluation mode and
 * without recording a graph.
 *
 * @param correct   examples whose predicted class is the label
 * @param total     examples seen
 * @param confusion counts by [label][prediction]
 */
record Evaluation(long correct, long total, long[][] confusion) {

    static Evaluation of(Module model, DataLoader loader, int classes) {
        boolean wasTraining = model.isTraining();
        model.eval();
        long[][] confusion = new long[classes][classes];
        long correct = 0;
        long total = 0;
        try (var g = GradMode.noGrad()) {
            for (DataLoader.Batch batch : loader) {
                Tensor logits = model.forward(batch.inputs());
                long[] predicted = logits.argmax(1).toLongArray();
                long[] labels = batch.targets().toLongArray();
                for (int i = 0; i < labels.length; i++) {
                    if (labels[i] >= 0 && labels[i] < classes && predicted[i] >= 0 && predicted[i] < classes) {
                        confusion[(int) labels[i]][(int) predicted[i]]++;
                    }
                    correct += predicted[i] == labels[i] ? 1 : 0;
                    total++;
                }
            }
        } finally {
            model.setTraining(wasTraining);
        }
        return new Evaluation(correct, total, confusion);
    }

    double accuracy() {
        return total == 0 ? 0 : (double) correct / total;
    }

    String confusionTable() {
        StringBuilder sb = new StringBuilder("confusion matrix (rows: label, columns: prediction)\n      ");
        for (int j = 0; j < confusion.length; j++) {
            sb.append(String.format("%6d", j));
        }
        sb.append('\n');
        for (int i = 0; i < confusion.length; i++) {
            sb.append(String.format("%6d", i));
            for (long c : confusion[i]) {
                sb.append(String.format("%6d", c));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
