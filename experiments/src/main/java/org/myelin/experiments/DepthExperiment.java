package org.myelin.experiments;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.myelin.api.Tensor;
import org.myelin.data.DataLoader;
import org.myelin.nn.Layers;
import org.myelin.nn.Sequential;

/**
 * The course's depth table: 0 to 4 hidden layers of 30 sigmoid units on MNIST, trained with the
 * protocol of the course's source (Nielsen, <i>Neural Networks and Deep Learning</i>, ch. 5): 30
 * epochs, mini-batches of 10, η = 0.1, cross-entropy, L2 with λ = 5.0 over n = 50,000 training
 * examples, weights drawn from N(0, 1/n_in). Each measured test accuracy sits beside the course's.
 */
final class DepthExperiment implements Experiment {
    /** The course's accuracies for 0 to 4 hidden layers. */
    static final double[] COURSE = {0.880, 0.965, 0.969, 0.965, 0.965};
    static final int DEFAULT_EPOCHS = 30;
    static final int DEFAULT_BATCH = 10;
    static final double DEFAULT_LR = 0.1;
    static final double LAMBDA = 5.0;
    static final int DEFAULT_TRAIN = 50_000;

    @Override
    public String name() {
        return "depth";
    }

    @Override
    public String description() {
        return "MNIST accuracy with 0 to 4 hidden layers of 30 sigmoid units, beside the course's figures";
    }

    @Override
    public ExperimentResult run(ExperimentSettings settings, Path out, ExperimentProgress progress) {
        long started = System.nanoTime();
        int epochs = settings.epochsOr(DEFAULT_EPOCHS);
        int batch = settings.batchSizeOr(DEFAULT_BATCH);
        double lr = settings.lrOr(DEFAULT_LR);
        MnistData data = MnistData.load(settings, DEFAULT_TRAIN, progress);
        long n = data.train().size();
        Table table = new Table(new Table.Column("hidden layers", Table.Format.INTEGER),
                new Table.Column("network", Table.Format.TEXT),
                new Table.Column("test accuracy", Table.Format.PERCENT),
                new Table.Column("best epoch", Table.Format.PERCENT),
                new Table.Column("course", Table.Format.PERCENT),
                new Table.Column("diff (points)", Table.Format.POINTS),
                new Table.Column("time (s)", Table.Format.DECIMAL));
        double[][] curves = new double[COURSE.length][];
        double[] measured = new double[COURSE.length];
        double weightDecay = LAMBDA / n;
        for (int depth = 0; depth < COURSE.length; depth++) {
            long t0 = System.nanoTime();
            String network = network(depth);
            Tensor.manualSeed(settings.seed());
            Sequential model = CourseInit.apply(Layers.parse(network, "sigmoid", 0));
            CourseSgd optimizer = new CourseSgd(model, lr, LAMBDA, n);
            Training training = new Training(model, optimizer);
            DataLoader train = new DataLoader(data.train(), batch).shuffle(settings.seed());
            DataLoader test = new DataLoader(data.test(), 1000);
            double[] accuracy = new double[epochs];
            double best = 0;
            for (int e = 1; e <= epochs; e++) {
                String task = String.format(Locale.ROOT, "depth %d (%s) epoch %d/%d", depth, network, e, epochs);
                double loss = training.epoch(train, progress, task);
                accuracy[e - 1] = Training.accuracy(model, test);
                best = Math.max(best, accuracy[e - 1]);
                progress.message(String.format(Locale.ROOT, "%s  train loss %.4f  test accuracy %.2f%%", task, loss,
                        100 * accuracy[e - 1]));
            }
            measured[depth] = accuracy[epochs - 1];
            double seconds = (System.nanoTime() - t0) / 1e9;
            table.add(depth, network, measured[depth], best, COURSE[depth], 100 * (measured[depth] - COURSE[depth]), seconds);
            curves[depth] = accuracy;
        }
        Report report = new Report(name(), "Depth: MNIST accuracy with 0 to 4 hidden layers of 30 sigmoid units", table);
        report.note(String.format(Locale.ROOT, "Protocol (the course's source, Nielsen ch. 5): %d epochs, batch %d, learning rate "
                + "eta = %s, mean softmax cross-entropy, L2 lambda = %.1f over n = %d training examples (the first n of MNIST's "
                + "training file), weights ~ N(0, 1/n_in), biases ~ N(0, 1), seed %d; accuracy on the first %d test examples "
                + "after the last epoch.", epochs, batch, fmt(lr), LAMBDA, n, settings.seed(), data.test().size()));
        report.note(String.format(Locale.ROOT, "L2 as SGD weight decay: w <- (1 - eta*lambda/n) w - eta*grad is SGD with "
                + "weightDecay = lambda/n = %.1f/%d = %.3g on the weights (none on the biases), i.e. each step multiplies the "
                + "weights by 1 - eta*lambda/n = %.8f.", LAMBDA, n, weightDecay, 1 - lr * weightDecay));
        report.note("Two hidden layers vs one: " + fmtPoints(measured[2] - measured[1]) + " points; three and four vs two: "
                + fmtPoints(measured[3] - measured[2]) + " and " + fmtPoints(measured[4] - measured[2]) + " points.");
        report.figure(new Figure("depth-accuracy.png", "Test accuracy after each epoch, one line per number of hidden layers: "
                + "all of it (left) and the top of the scale (right), where the depths differ.", curvesFigure(curves, measured)));
        report.figure(new Figure("depth-vs-course.png", "Final test accuracy beside the course's figure, by number of hidden layers.",
                Charts.image(versusCourse(measured))));
        return report.write(out, (System.nanoTime() - started) / 1e9);
    }

    /** The whole curves, and beside them the band the final accuracies lie in, where the depths can be told apart. */
    private static BufferedImage curvesFigure(double[][] curves, double[] measured) {
        double low = Double.POSITIVE_INFINITY;
        double high = 0;
        for (double m : measured) {
            low = Math.min(low, 100 * m);
            high = Math.max(high, 100 * m);
        }
        List<BufferedImage> panels = new ArrayList<>();
        for (boolean zoom : new boolean[] {false, true}) {
            XYChart chart = Charts.lines(zoom ? "Zoom on the top of the scale" : "All epochs", "epoch", "test accuracy (%)",
                    700, 560);
            chart.getStyler().setXAxisDecimalPattern("0");
            if (zoom) {
                // The colours are those of the left panel's legend; here it would hide the curves.
                chart.getStyler().setLegendVisible(false);
                chart.getStyler().setYAxisMin(Math.floor(low) - 1);
                chart.getStyler().setYAxisMax(Math.min(100, Math.ceil(high) + 0.5));
            }
            for (int depth = 0; depth < curves.length; depth++) {
                double[] epochs = new double[curves[depth].length];
                for (int e = 0; e < epochs.length; e++) {
                    epochs[e] = e + 1;
                }
                Charts.line(chart, depth + " hidden (" + network(depth) + ")", epochs, percent(curves[depth]), depth);
            }
            panels.add(Charts.image(chart));
        }
        return Charts.sideBySide("MNIST test accuracy per epoch, by number of hidden layers of 30 sigmoid units", panels);
    }

    static String network(int hiddenLayers) {
        StringBuilder sb = new StringBuilder("784");
        for (int i = 0; i < hiddenLayers; i++) {
            sb.append("-30");
        }
        return sb.append("-10").toString();
    }

    private static XYChart versusCourse(double[] measured) {
        XYChart chart = Charts.lines("Measured vs the course's accuracy", "hidden layers of 30 sigmoid units", "test accuracy (%)");
        double[] depths = new double[measured.length];
        for (int i = 0; i < depths.length; i++) {
            depths[i] = i;
        }
        Charts.line(chart, "measured (Myelin)", depths, percent(measured), 0);
        Charts.dashed(chart, "course", depths, percent(COURSE), 1).setMarker(org.knowm.xchart.style.markers.SeriesMarkers.DIAMOND);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
        return chart;
    }

    static double[] percent(double[] fractions) {
        double[] out = new double[fractions.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = 100 * fractions[i];
        }
        return out;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }

    private static String fmtPoints(double fraction) {
        return String.format(Locale.ROOT, "%+.2f", 100 * fraction);
    }
}
