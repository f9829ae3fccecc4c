package org.myelin.experiments;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.myelin.api.Tensor;
import org.myelin.data.DataLoader;
import org.myelin.nn.Layers;
import org.myelin.nn.Sequential;

/**
 * Overfitting and its cures: a 784-100-10 sigmoid network on a small training subset (1,000
 * examples by default) reaches nearly 100% training accuracy while test accuracy stalls; L2
 * weight decay, dropout, and both narrow the gap between the two.
 */
final class RegularizationExperiment implements Experiment {
    static final List<String> VARIANTS = List.of("none", "L2", "dropout", "L2 + dropout");
    static final int DEFAULT_EPOCHS = 60;
    static final int DEFAULT_BATCH = 10;
    static final double DEFAULT_LR = 0.1;
    static final int DEFAULT_TRAIN = 1000;
    static final int HIDDEN = 100;
    static final double LAMBDA = 5.0;
    static final double DROPOUT = 0.5;

    @Override
    public String name() {
        return "regularization";
    }

    @Override
    public String description() {
        return "overfitting on a small MNIST subset, fought with L2, dropout and both: train and test curves and their gap";
    }

    @Override
    public ExperimentResult run(ExperimentSettings settings, Path out, ExperimentProgress progress) {
        long started = System.nanoTime();
        int epochs = settings.epochsOr(DEFAULT_EPOCHS);
        int batch = settings.batchSizeOr(DEFAULT_BATCH);
        double lr = settings.lrOr(DEFAULT_LR);
        MnistData data = MnistData.load(settings, DEFAULT_TRAIN, progress);
        long n = data.train().size();
        Table table = new Table(new Table.Column("regularization", Table.Format.TEXT),
                new Table.Column("train accuracy", Table.Format.PERCENT),
                new Table.Column("test accuracy", Table.Format.PERCENT),
                new Table.Column("gap (points)", Table.Format.POINTS),
                new Table.Column("best test accuracy", Table.Format.PERCENT));
        XYChart curves = Charts.lines("Train (solid) and test (dashed) accuracy on " + n + " training examples", "epoch",
                "accuracy (%)");
        XYChart gaps = Charts.lines("Overfitting gap: train minus test accuracy", "epoch", "gap (percentage points)");
        gaps.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        for (int v = 0; v < VARIANTS.size(); v++) {
            String variant = VARIANTS.get(v);
            boolean l2 = variant.contains("L2");
            boolean dropout = variant.contains("dropout");
            Tensor.manualSeed(settings.seed());
            Sequential model = CourseInit.apply(Layers.mlp(new long[] {784, HIDDEN, 10}, "sigmoid", dropout ? DROPOUT : 0));
            CourseSgd optimizer = new CourseSgd(model, lr, l2 ? LAMBDA : 0, n);
            Training training = new Training(model, optimizer);
            DataLoader train = new DataLoader(data.train(), batch).shuffle(settings.seed());
            DataLoader trainEval = new DataLoader(data.train(), 1000);
            DataLoader test = new DataLoader(data.test(), 1000);
            double[] epochAxis = new double[epochs];
            double[] trainAccuracy = new double[epochs];
            double[] testAccuracy = new double[epochs];
            double[] gap = new double[epochs];
            double best = 0;
            for (int e = 1; e <= epochs; e++) {
                String task = String.format(Locale.ROOT, "%s epoch %d/%d", variant, e, epochs);
                double loss = training.epoch(train, progress, task);
                epochAxis[e - 1] = e;
                trainAccuracy[e - 1] = Training.accuracy(model, trainEval);
                testAccuracy[e - 1] = Training.accuracy(model, test);
                gap[e - 1] = 100 * (trainAccuracy[e - 1] - testAccuracy[e - 1]);
                best = Math.max(best, testAccuracy[e - 1]);
                progress.message(String.format(Locale.ROOT, "%s  train loss %.4f  train accuracy %.2f%%  test accuracy %.2f%%",
                        task, loss, 100 * trainAccuracy[e - 1], 100 * testAccuracy[e - 1]));
            }
            table.add(variant, trainAccuracy[epochs - 1], testAccuracy[epochs - 1], gap[epochs - 1], best);
            Charts.line(curves, variant + " (train)", epochAxis, DepthExperiment.percent(trainAccuracy), v);
            Charts.dashed(curves, variant + " (test)", epochAxis, DepthExperiment.percent(testAccuracy), v);
            Charts.line(gaps, variant, epochAxis, gap, v);
        }
        Report report = new Report(name(), "Regularization: overfitting on " + n + " MNIST examples, and its cures", table);
        report.note(String.format(Locale.ROOT, "784-%d-10 sigmoid, trained on the first %d MNIST training examples for %d "
                + "epochs, batch %d, SGD eta = %s, mean softmax cross-entropy, weights ~ N(0, 1/n_in), seed %d; test on %d "
                + "examples.", HIDDEN, n, epochs, batch, DepthExperiment.fmt(lr), settings.seed(), data.test().size()));
        report.note(String.format(Locale.ROOT, "L2: lambda = %.1f over n = %d, i.e. SGD weight decay lambda/n = %.3g on the "
                + "weights. Dropout: p = %.1f after the hidden layer (inverted: kept units scaled by 1/(1-p) while training).",
                LAMBDA, n, LAMBDA / n, DROPOUT));
        report.note("The gap is train accuracy minus test accuracy, in percentage points: how much the network has memorised "
                + "rather than learned.");
        BufferedImage curvesImage = Charts.image(curves);
        report.figure(new Figure("regularization-accuracy.png", "Train (solid) and test (dashed) accuracy after each epoch, "
                + "one colour per regularization.", curvesImage));
        report.figure(new Figure("regularization-gap.png", "Train minus test accuracy after each epoch.", Charts.image(gaps)));
        return report.write(out, (System.nanoTime() - started) / 1e9);
    }
}
