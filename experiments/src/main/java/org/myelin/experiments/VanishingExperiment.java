package org.myelin.experiments;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.myelin.api.Tensor;
import org.myelin.data.DataLoader;
import org.myelin.nn.Linear;
import org.myelin.nn.Sequential;

/**
 * The vanishing gradient: in a 784-30-30-30-30-10 sigmoid network the early layers' gradients
 * ‖∂C/∂b_l‖ are orders of magnitude smaller than the late ones', so they learn more slowly; with
 * ReLU, or with residual connections around the same sigmoid layers, they are not. Norms are
 * measured on a fixed probe batch at initialisation and after every epoch.
 */
final class VanishingExperiment implements Experiment {
    static final int DEFAULT_EPOCHS = 30;
    static final int DEFAULT_BATCH = 10;
    static final double DEFAULT_LR = 0.1;
    static final int DEFAULT_TRAIN = 1000;
    static final int PROBE = 1000;
    static final int HIDDEN = VanishingNetworks.SIZES.length - 2;

    @Override
    public String name() {
        return "vanishing";
    }

    @Override
    public String description() {
        return "per-layer gradient norms |dC/db_l| of a deep sigmoid net, against ReLU and residual connections";
    }

    @Override
    public ExperimentResult run(ExperimentSettings settings, Path out, ExperimentProgress progress) {
        long started = System.nanoTime();
        int epochs = settings.epochsOr(DEFAULT_EPOCHS);
        int batch = settings.batchSizeOr(DEFAULT_BATCH);
        double lr = settings.lrOr(DEFAULT_LR);
        MnistData data = MnistData.load(settings, DEFAULT_TRAIN, progress);
        DataLoader.Batch probe = MnistData.firstRows(data.train(), PROBE);
        Table table = new Table(new Table.Column("network", Table.Format.TEXT),
                new Table.Column("layer", Table.Format.TEXT),
                new Table.Column("norm at init", Table.Format.SCIENTIFIC),
                new Table.Column("norm after training", Table.Format.SCIENTIFIC),
                new Table.Column("vs hidden 4 at init", Table.Format.SCIENTIFIC),
                new Table.Column("test accuracy", Table.Format.PERCENT));
        List<double[][]> history = new ArrayList<>();
        for (String kind : VanishingNetworks.KINDS) {
            Tensor.manualSeed(settings.seed());
            Sequential model = CourseInit.apply(VanishingNetworks.build(kind));
            List<Linear> layers = VanishingNetworks.linears(model);
            CourseSgd optimizer = new CourseSgd(model, lr, 0, data.train().size());
            Training training = new Training(model, optimizer);
            DataLoader train = new DataLoader(data.train(), batch).shuffle(settings.seed());
            double[][] norms = new double[epochs + 1][];
            norms[0] = GradientNorms.ofBiases(model, layers, probe.inputs(), probe.targets());
            for (int e = 1; e <= epochs; e++) {
                String task = String.format(Locale.ROOT, "%s epoch %d/%d", kind, e, epochs);
                double loss = training.epoch(train, progress, task);
                norms[e] = GradientNorms.ofBiases(model, layers, probe.inputs(), probe.targets());
                progress.message(String.format(Locale.ROOT, "%s  train loss %.4f  |dC/db| hidden 1..4: %s", task, loss,
                        scientific(norms[e])));
            }
            double accuracy = Training.accuracy(model, new DataLoader(data.test(), 1000));
            for (int l = 0; l < HIDDEN; l++) {
                table.add(kind, "hidden " + (l + 1), norms[0][l], norms[epochs][l], norms[0][l] / norms[0][HIDDEN - 1],
                        l == 0 ? accuracy : null);
            }
            history.add(norms);
        }
        Report report = new Report(name(), "Vanishing gradients: |dC/db_l| per hidden layer of 784-30-30-30-30-10", table);
        report.note(String.format(Locale.ROOT, "Norms of the mean cross-entropy's gradient with respect to each hidden layer's "
                + "biases, on a fixed probe batch (the first %d training examples), at initialisation and after each epoch.",
                probe.size()));
        report.note(String.format(Locale.ROOT, "Training: the first %d MNIST training examples, %d epochs, batch %d, SGD "
                + "eta = %s, no regularisation, weights ~ N(0, 1/n_in), biases ~ N(0, 1), seed %d. Residual: hidden layer 1, "
                + "then three blocks y = x + sigmoid(W x + b), then the output layer.", data.train().size(), epochs, batch,
                DepthExperiment.fmt(lr), settings.seed()));
        report.note("In the sigmoid net each layer's gradient is a product of factors sigma'(z) <= 1/4 (times weights) "
                + "from the layers above, so it shrinks towards the input; ReLU's derivative is 1 where active, and a "
                + "residual block adds an identity path, so both keep the early layers' gradients comparable.");
        report.figure(new Figure("vanishing-gradient-norms.png", "Per-layer gradient norm |dC/db_l| after each epoch "
                + "(epoch 0: initialisation), log scale, one panel per network.", panels(history, epochs)));
        return report.write(out, (System.nanoTime() - started) / 1e9);
    }

    private static BufferedImage panels(List<double[][]> history, int epochs) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double[][] norms : history) {
            for (double[] atEpoch : norms) {
                for (int l = 0; l < HIDDEN; l++) {
                    if (atEpoch[l] > 0) {
                        min = Math.min(min, atEpoch[l]);
                    }
                    max = Math.max(max, atEpoch[l]);
                }
            }
        }
        // The same decades on every panel, so heights compare across networks.
        double low = Math.pow(10, Math.floor(Math.log10(min)));
        double high = Math.pow(10, Math.ceil(Math.log10(max)));
        double[] x = new double[epochs + 1];
        for (int e = 0; e <= epochs; e++) {
            x[e] = e;
        }
        List<BufferedImage> images = new ArrayList<>();
        for (int k = 0; k < history.size(); k++) {
            String kind = VanishingNetworks.KINDS.get(k);
            XYChart chart = Charts.lines(title(kind), "epoch (0 = initialisation)", "|dC/db_l| of hidden layer l (log scale)", 640, 560);
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setYAxisMin(low);
            chart.getStyler().setYAxisMax(high);
            chart.getStyler().setXAxisDecimalPattern("0");
            // Below the plot, in one row: inside, it would hide the smallest norms, which are the point.
            chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
            chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
            for (int l = 0; l < HIDDEN; l++) {
                double[] y = new double[epochs + 1];
                for (int e = 0; e <= epochs; e++) {
                    y[e] = Math.max(history.get(k)[e][l], low);
                }
                Charts.line(chart, "layer " + (l + 1), x, y, l);
            }
            images.add(Charts.image(chart));
        }
        return Charts.sideBySide("Speed of learning per hidden layer: sigmoid vs ReLU vs residual", images);
    }

    private static String title(String kind) {
        return switch (kind) {
            case "sigmoid" -> "sigmoid";
            case "relu" -> "ReLU";
            default -> "residual (sigmoid + shortcuts)";
        };
    }

    private static String scientific(double[] norms) {
        StringBuilder sb = new StringBuilder();
        for (int l = 0; l < HIDDEN; l++) {
            sb.append(l == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2e", norms[l]));
        }
        return sb.toString();
    }
}
