package org.myelin.experiments;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.myelin.api.GradMode;
import org.myelin.api.Tensor;
import org.myelin.data.DataLoader;
import org.myelin.data.TensorDataset;
import org.myelin.nn.Layers;
import org.myelin.nn.Sequential;

/**
 * The course's "from linear to non-linear": on two moons, logistic regression can only draw a
 * straight line, while one hidden layer bends the boundary around the data.
 */
final class DecisionBoundaryExperiment implements Experiment {
    static final int DEFAULT_EPOCHS = 300;
    static final int DEFAULT_BATCH = 10;
    static final double DEFAULT_LR = 0.5;
    static final int DEFAULT_POINTS = 400;
    static final double NOISE = 0.15;
    static final int HIDDEN = 16;
    static final int GRID = 70;
    static final double X_MIN = -1.6;
    static final double X_MAX = 2.6;
    static final double Y_MIN = -1.2;
    static final double Y_MAX = 1.7;
    // Opaque pastels of the two class colours: overlapping grid squares would stripe a translucent shade.
    private static final Color[] REGION = {new Color(204, 224, 242), new Color(255, 222, 190)};

    @Override
    public String name() {
        return "decision-boundary";
    }

    @Override
    public String description() {
        return "two moons: logistic regression's straight line against one hidden layer's curved boundary";
    }

    @Override
    public ExperimentResult run(ExperimentSettings settings, Path out, ExperimentProgress progress) {
        long started = System.nanoTime();
        int epochs = settings.epochsOr(DEFAULT_EPOCHS);
        int batch = settings.batchSizeOr(DEFAULT_BATCH);
        double lr = settings.lrOr(DEFAULT_LR);
        int trainSize = settings.trainSizeOr(DEFAULT_POINTS);
        int testSize = settings.testSizeOr(DEFAULT_POINTS);
        // Test points come from another stream of the same seed, so they are new points of the same moons.
        TensorDataset train = TwoMoons.generate(trainSize, NOISE, settings.seed());
        TensorDataset test = TwoMoons.generate(testSize, NOISE, settings.seed() ^ 0x5DEECE66DL);
        Table table = new Table(new Table.Column("model", Table.Format.TEXT),
                new Table.Column("network", Table.Format.TEXT),
                new Table.Column("parameters", Table.Format.INTEGER),
                new Table.Column("train accuracy", Table.Format.PERCENT),
                new Table.Column("test accuracy", Table.Format.PERCENT));
        String[] names = {"logistic regression", "one hidden layer"};
        String[] networks = {"2-2", "2-" + HIDDEN + "-2 tanh"};
        List<BufferedImage> panels = new ArrayList<>();
        for (int m = 0; m < names.length; m++) {
            Tensor.manualSeed(settings.seed());
            Sequential model = m == 0 ? Layers.mlp(new long[] {2, 2}, "tanh", 0)
                    : Layers.mlp(new long[] {2, HIDDEN, 2}, "tanh", 0);
            CourseSgd optimizer = new CourseSgd(model, lr, 0, trainSize);
            Training training = new Training(model, optimizer);
            DataLoader loader = new DataLoader(train, batch).shuffle(settings.seed());
            double loss = Double.NaN;
            // Epochs here are short (tens of steps): report every tenth of the run, not every epoch.
            int every = Math.max(1, epochs / 10);
            for (int e = 1; e <= epochs; e++) {
                String task = String.format(Locale.ROOT, "%s epoch %d/%d", names[m], e, epochs);
                loss = training.epoch(loader, ExperimentProgress.silent(), task);
                if (e % every == 0 || e == epochs) {
                    progress.message(String.format(Locale.ROOT, "%s  train loss %.4f", task, loss));
                }
            }
            double trainAccuracy = Training.accuracy(model, new DataLoader(train, 1000));
            double testAccuracy = Training.accuracy(model, new DataLoader(test, 1000));
            table.add(names[m], networks[m], model.parameterCount(), trainAccuracy, testAccuracy);
            String title = String.format(Locale.ROOT, "%s (%s): test accuracy %.1f%%", names[m], networks[m], 100 * testAccuracy);
            panels.add(Charts.image(boundary(model, train, title)));
        }
        Report report = new Report(name(), "Decision boundaries on two moons: linear vs one hidden layer", table);
        report.note(String.format(Locale.ROOT, "Two moons from seed %d: %d training and %d test points, noise sd %.2f. "
                + "Logistic regression is one linear layer with a softmax over the two classes (the same as a sigmoid over "
                + "one logit); the other model adds a hidden layer of %d tanh units. Both: %d epochs, batch %d, SGD eta = %s, "
                + "mean cross-entropy, PyTorch's default initialisation.", settings.seed(), trainSize, testSize, NOISE, HIDDEN,
                epochs, batch, DepthExperiment.fmt(lr)));
        report.note("A linear model's boundary is a straight line, whatever its weights; the hidden layer maps the points "
                + "into a space where a line does separate them, which is a curve back in the input plane.");
        report.figure(new Figure("decision-boundary.png", "Each model's predicted class over the plane (shaded) with the "
                + "training points; the edge between the shades is the decision boundary.",
                Charts.sideBySide("From linear to non-linear: decision boundaries on two moons", panels)));
        return report.write(out, (System.nanoTime() - started) / 1e9);
    }

    private static XYChart boundary(Sequential model, TensorDataset data, String title) {
        XYChart chart = Charts.lines(title, "x1 (feature 1, no unit)", "x2 (feature 2, no unit)", 700, 560);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(17f));
        chart.getStyler().setXAxisMin(X_MIN).setXAxisMax(X_MAX).setYAxisMin(Y_MIN).setYAxisMax(Y_MAX);
        chart.getStyler().setPlotGridLinesVisible(false);
        float[] cells = new float[2 * GRID * GRID];
        for (int i = 0; i < GRID; i++) {
            for (int j = 0; j < GRID; j++) {
                cells[2 * (i * GRID + j)] = (float) (X_MIN + (X_MAX - X_MIN) * (j + 0.5) / GRID);
                cells[2 * (i * GRID + j) + 1] = (float) (Y_MIN + (Y_MAX - Y_MIN) * (i + 0.5) / GRID);
            }
        }
        long[] predicted;
        model.eval();
        try (var g = GradMode.noGrad()) {
            predicted = model.forward(Tensor.of(cells, (long) GRID * GRID, 2)).argmax(1).toLongArray();
        }
        for (int c = 0; c < 2; c++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int k = 0; k < predicted.length; k++) {
                if (predicted[k] == c) {
                    xs.add((double) cells[2 * k]);
                    ys.add((double) cells[2 * k + 1]);
                }
            }
            if (!xs.isEmpty()) {
                XYSeries region = chart.addSeries("predicted " + c, xs, ys);
                region.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                region.setMarker(SeriesMarkers.SQUARE);
                region.setMarkerColor(REGION[c]);
                region.setShowInLegend(false);
            }
        }
        float[] points = data.inputs().toFloatArray();
        long[] labels = data.targets().toLongArray();
        for (int c = 0; c < 2; c++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int k = 0; k < labels.length; k++) {
                if (labels[k] == c) {
                    xs.add((double) points[2 * k]);
                    ys.add((double) points[2 * k + 1]);
                }
            }
            XYSeries s = chart.addSeries("class " + c, xs, ys);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(c == 0 ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
            s.setMarkerColor(Charts.PALETTE[c]);
        }
        chart.getStyler().setMarkerSize(9);
        return chart;
    }
}
