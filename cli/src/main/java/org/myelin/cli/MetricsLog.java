package org.myelin.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.myelin.experiments.TrainingCurves;
import org.myelin.nn.io.AtomicFiles;
import org.myelin.train.EpochMetrics;

/**
 * {@code --log-dir}: {@code metrics.csv} with one row per epoch, and {@code curves.html} with the
 * loss and accuracy curves; both rewritten atomically after each epoch, so they can be read while
 * the run goes on and a crash leaves the last complete version.
 */
final class MetricsLog {
    static final String HEADER = "epoch,train_loss,val_loss,val_accuracy,test_accuracy,lr,seconds,examples_per_second";

    private final Path folder;
    private final String title;
    private final List<EpochMetrics> epochs = new ArrayList<>();
    private final List<Double> testAccuracies = new ArrayList<>();

    MetricsLog(Path folder, String title) {
        this.folder = folder;
        this.title = title;
    }

    /**
     * The log of a run that has already trained {@code epochsDone} epochs (a resumed one): the rows
     * of those epochs in the folder's {@code metrics.csv} stay, later ones (written after the
     * checkpoint was taken) go. A file this class did not write is left to be replaced, with a warning.
     */
    static MetricsLog continuing(Path folder, String title, int epochsDone, PrintWriter err) {
        MetricsLog log = new MetricsLog(folder, title);
        Path csv = folder.resolve("metrics.csv");
        if (epochsDone == 0 || !Files.isRegularFile(csv)) {
            return log;
        }
        try {
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
                throw new IllegalArgumentException("its header is not " + HEADER);
            }
            for (String line : lines.subList(1, lines.size())) {
                String[] c = line.split(",", -1);
                if (c.length != 8) {
                    throw new IllegalArgumentException("a row has " + c.length + " columns");
                }
                int epoch = Integer.parseInt(c[0]);
                if (epoch <= epochsDone) {
                    log.epochs.add(new EpochMetrics(epoch, value(c[1]), value(c[2]), value(c[3]), value(c[5]),
                            value(c[6]), value(c[7]), false));
                    log.testAccuracies.add(value(c[4]));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            err.println("myelin: warning: " + csv + " cannot be continued (" + e.getMessage() + "); it starts again");
            log.epochs.clear();
            log.testAccuracies.clear();
        }
        return log;
    }

    private static double value(String cell) {
        return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    }

    void add(EpochMetrics m, double testAccuracy) {
        epochs.add(m);
        testAccuracies.add(testAccuracy);
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < epochs.size(); i++) {
            EpochMetrics e = epochs.get(i);
            csv.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%s,%.3f,%.1f%n", e.epoch(), number(e.trainLoss()),
                    number(e.validationLoss()), number(e.validationAccuracy()), number(testAccuracies.get(i)),
                    number(e.learningRate()), e.seconds(), e.examplesPerSecond()));
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(folder.resolve("metrics.csv"), out -> out.write(bytes));
        int n = epochs.size();
        double[] x = new double[n];
        double[] train = new double[n];
        double[] val = new double[n];
        double[] valAcc = new double[n];
        double[] testAcc = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = epochs.get(i).epoch();
            train[i] = epochs.get(i).trainLoss();
            val[i] = epochs.get(i).validationLoss();
            valAcc[i] = 100 * epochs.get(i).validationAccuracy();
            testAcc[i] = 100 * testAccuracies.get(i);
        }
        Map<String, double[]> losses = new LinkedHashMap<>();
        losses.put("train loss", train);
        losses.put("validation loss", val);
        Map<String, double[]> accuracies = new LinkedHashMap<>();
        accuracies.put("validation accuracy", valAcc);
        accuracies.put("test accuracy", testAcc);
        TrainingCurves.write(folder.resolve("curves.html"), title, x, losses, accuracies);
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
