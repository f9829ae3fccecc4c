package org.myelin.experiments;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.myelin.api.Tensor;
import org.myelin.data.DataLoader;
import org.myelin.data.DatasetCache;
import org.myelin.data.FashionMnist;
import org.myelin.nn.Layers;
import org.myelin.nn.Sequential;
import org.myelin.optim.Adam;

/**
 * A multilayer perceptron against LeNet-5 on MNIST and Fashion-MNIST, with the same optimizer
 * (Adam, η = 0.001), batch and epochs: how much the convolutions' shared, local filters buy over
 * dense layers with several times the parameters, and what LeNet-5's first layer learns.
 */
final class CnnExperiment implements Experiment {
    static final int DEFAULT_EPOCHS = 5;
    static final int DEFAULT_BATCH = 64;
    static final double DEFAULT_LR = 0.001;
    static final String MLP = "784-256-256-10";
    static final String LENET = "lenet5";

    @Override
    public String name() {
        return "cnn";
    }

    @Override
    public String description() {
        return "an MLP against LeNet-5 on MNIST and Fashion-MNIST, and LeNet-5's first-layer filters";
    }

    @Override
    public ExperimentResult run(ExperimentSettings settings, Path out, ExperimentProgress progress) {
        long started = System.nanoTime();
        int epochs = settings.epochsOr(DEFAULT_EPOCHS);
        int batch = settings.batchSizeOr(DEFAULT_BATCH);
        double lr = settings.lrOr(DEFAULT_LR);
        Table table = new Table(new Table.Column("dataset", Table.Format.TEXT),
                new Table.Column("network", Table.Format.TEXT),
                new Table.Column("parameters", Table.Format.INTEGER),
                new Table.Column("test accuracy", Table.Format.PERCENT),
                new Table.Column("best epoch", Table.Format.PERCENT),
                new Table.Column("time (s)", Table.Format.DECIMAL));
        List<BufferedImage> curvePanels = new ArrayList<>();
        List<Tensor> filters = new ArrayList<>();
        List<String> filterTitles = new ArrayList<>();
        for (String dataset : new String[] {"MNIST", "Fashion-MNIST"}) {
            MnistData data = dataset.equals("MNIST") ? MnistData.load(settings, MnistData.TRAIN_EXAMPLES, progress)
                    : fashion(settings, progress);
            XYChart chart = Charts.lines(dataset, "epoch", "test accuracy (%)", 700, 560);
            chart.getStyler().setXAxisDecimalPattern("0");
            int line = 0;
            for (String network : new String[] {MLP, LENET}) {
                long t0 = System.nanoTime();
                Tensor.manualSeed(settings.seed());
                Sequential model = Layers.parse(network, "relu", 0);
                Training training = new Training(model, new Adam(model.parameters(), lr));
                DataLoader train = new DataLoader(data.train(), batch).shuffle(settings.seed());
                DataLoader test = new DataLoader(data.test(), 1000);
                double[] accuracy = new double[epochs];
                double best = 0;
                for (int e = 1; e <= epochs; e++) {
                    String task = String.format(Locale.ROOT, "%s %s epoch %d/%d", dataset, network, e, epochs);
                    double loss = training.epoch(train, progress, task);
                    accuracy[e - 1] = Training.accuracy(model, test);
                    best = Math.max(best, accuracy[e - 1]);
                    progress.message(String.format(Locale.ROOT, "%s  train loss %.4f  test accuracy %.2f%%", task, loss,
                            100 * accuracy[e - 1]));
                }
                table.add(dataset, network.equals(LENET) ? "LeNet-5" : MLP + " relu", model.parameterCount(),
                        accuracy[epochs - 1], best, (System.nanoTime() - t0) / 1e9);
                double[] x = new double[epochs];
                for (int e = 0; e < epochs; e++) {
                    x[e] = e + 1;
                }
                Charts.line(chart, network.equals(LENET) ? "LeNet-5" : "MLP " + MLP, x, DepthExperiment.percent(accuracy),
                        line++);
                if (network.equals(LENET)) {
                    filters.add(model.stateDict().get("1.weight").detach().to(org.myelin.api.DType.FLOAT64));
                    filterTitles.add(dataset);
                }
            }
            curvePanels.add(Charts.image(chart));
        }
        Report report = new Report(name(), "Convolutions: an MLP against LeNet-5 on MNIST and Fashion-MNIST", table);
        report.note(String.format(Locale.ROOT, "Both networks: Adam, learning rate %s, batch %d, %d epochs, mean softmax "
                + "cross-entropy, PyTorch's default initialisation, seed %d. LeNet-5 is LeCun et al. (1998) as PyTorch's "
                + "examples write it: conv 5x5 (6, padding 2), ReLU, max-pool 2, conv 5x5 (16), ReLU, max-pool 2, then "
                + "120-84-10 dense with ReLU.", DepthExperiment.fmt(lr), batch, epochs, settings.seed()));
        report.figure(new Figure("cnn-accuracy.png", "Test accuracy after each epoch: the MLP and LeNet-5 on each dataset.",
                Charts.sideBySide("Test accuracy per epoch", curvePanels)));
        report.figure(new Figure("cnn-filters.png", "LeNet-5's six first-layer 5x5 filters after training, one row per "
                + "dataset; each filter scaled from its most negative weight (black) to its most positive (white).",
                filterSheet(filters, filterTitles)));
        return report.write(out, (System.nanoTime() - started) / 1e9);
    }

    private static MnistData fashion(ExperimentSettings settings, ExperimentProgress progress) {
        Path root = DatasetCache.root(settings.dataDir());
        FashionMnist.ensureAvailable(root, progress::message);
        int train = settings.trainSizeOr(MnistData.TRAIN_EXAMPLES);
        int test = settings.testSizeOr(MnistData.TEST_EXAMPLES);
        return new MnistData(MnistData.first(FashionMnist.load(root, true), train),
                MnistData.first(FashionMnist.load(root, false), test));
    }

    /** One row of filters (out, 1, kh, kw) per dataset, each filter a block of grey squares. */
    static BufferedImage filterSheet(List<Tensor> filters, List<String> titles) {
        int cell = 20;
        int gap = 24;
        int label = 190;
        int top = 60;
        long count = filters.get(0).size(0);
        int kh = (int) filters.get(0).size(2);
        int kw = (int) filters.get(0).size(3);
        int width = Math.max(600, label + (int) count * (kw * cell + gap) + gap);
        int rowHeight = kh * cell + gap;
        int height = Math.max(400, top + filters.size() * rowHeight + gap);
        return Charts.sheet(width, height, g -> {
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
            g.drawString("LeNet-5's first-layer filters", gap, 36);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 18));
            for (int r = 0; r < filters.size(); r++) {
                double[] w = filters.get(r).toDoubleArray();
                int y0 = top + r * rowHeight;
                g.setColor(Color.BLACK);
                g.drawString(titles.get(r), gap, y0 + kh * cell / 2 + 6);
                for (int f = 0; f < count; f++) {
                    drawFilter(g, w, f * kh * kw, kh, kw, label + f * (kw * cell + gap), y0, cell);
                }
            }
        });
    }

    /** One filter as kh×kw grey squares, scaled from its most negative weight (black) to its most positive (white). */
    private static void drawFilter(Graphics2D g, double[] w, int from, int kh, int kw, int x0, int y0, int cell) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = from; i < from + kh * kw; i++) {
            lo = Math.min(lo, w[i]);
            hi = Math.max(hi, w[i]);
        }
        for (int i = 0; i < kh; i++) {
            for (int j = 0; j < kw; j++) {
                double v = hi > lo ? (w[from + i * kw + j] - lo) / (hi - lo) : 0.5;
                int grey = (int) Math.round(255 * v);
                g.setColor(new Color(grey, grey, grey));
                g.fillRect(x0 + j * cell, y0 + i * cell, cell, cell);
            }
        }
    }
}
