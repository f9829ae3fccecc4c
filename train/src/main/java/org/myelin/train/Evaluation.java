package org.myelin.train;

import org.myelin.api.GradMode;
import org.myelin.api.Tensor;
import org.myelin.data.DataLoader;
import org.myelin.nn.Module;
import org.myelin.nn.loss.Loss;

/**
 * A classifier's mean loss, accuracy and confusion matrix over a data set, computed in evaluation
 * mode without recording a graph; the model's mode is restored afterwards.
 *
 * @param loss      the mean loss per example, or NaN when no loss was given
 * @param correct   examples whose highest logit is the label
 * @param total     examples seen
 * @param confusion counts by [label][prediction]; as wide as the model's output
 */
public record Evaluation(double loss, long correct, long total, long[][] confusion) {

    /**
     * @param model  the classifier; its output is (batch, classes) logits
     * @param loader the examples, with class-index targets
     * @param loss   the loss to average, or null for accuracy alone
     * @return the evaluation
     */
    public static Evaluation of(Module model, DataLoader loader, Loss loss) {
        boolean wasTraining = model.isTraining();
        model.eval();
        long[][] confusion = new long[0][0];
        long correct = 0;
        long total = 0;
        double lossSum = 0;
        try (var g = GradMode.noGrad()) {
            for (DataLoader.Batch batch : loader) {
                Tensor inputs = batch.inputs().to(deviceOf(model));
                Tensor logits = model.forward(inputs);
                int classes = (int) logits.shape().size(logits.shape().rank() - 1);
                if (confusion.length < classes) {
                    confusion = widen(confusion, classes);
                }
                Tensor targets = batch.targets().to(logits.device());
                if (loss != null) {
                    lossSum += loss.forward(logits, targets).item() * batch.size();
                }
                long[] predicted = logits.argmax(1).toLongArray();
                long[] labels = batch.targets().toLongArray();
                for (int i = 0; i < labels.length; i++) {
                    if (labels[i] >= 0 && labels[i] < classes) {
                        confusion[(int) labels[i]][(int) predicted[i]]++;
                    }
                    correct += predicted[i] == labels[i] ? 1 : 0;
                }
                total += labels.length;
            }
        } finally {
            model.setTraining(wasTraining);
        }
        return new Evaluation(loss == null || total == 0 ? Double.NaN : lossSum / total, correct, total, confusion);
    }

    /** @return the share of examples classified right, in [0, 1]; 0 for no examples */
    public double accuracy() {
        return total == 0 ? 0 : (double) correct / total;
    }

    /** @return the confusion matrix as a table, rows the labels and columns the predictions */
    public String confusionTable() {
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

    static org.myelin.api.Device deviceOf(Module model) {
        var parameters = model.parameters();
        return parameters.isEmpty() ? org.myelin.api.Device.cpu() : parameters.get(0).device();
    }

    private static long[][] widen(long[][] confusion, int classes) {
        long[][] wider = new long[classes][classes];
        for (int i = 0; i < confusion.length; i++) {
            System.arraycopy(confusion[i], 0, wider[i], 0, confusion[i].length);
        }
        return wider;
    }
}
