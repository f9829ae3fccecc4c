package org.myelin.experiments;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.myelin.api.DType;
import org.myelin.api.Tensor;
import org.myelin.data.DataLoader;
import org.myelin.nn.Layers;
import org.myelin.nn.Module;
import org.myelin.nn.Sequential;

/**
 * Sigmoid, tanh, ReLU, Leaky ReLU and Softplus side by side: the course's 784-30-10 network trained
 * the same way with each, its accuracy and training time, and each function with its derivative
 * (computed by Myelin's autograd) to show the course's σ′ ≤ 1/4.
 */
final class ActivationsExperiment implements Experiment {
    /** Layer-spec names, and how the report shows them. */
    static final List<String> SPECS = List.of("sigmoid", "tanh", "relu", "leaky_relu(0.1)", "softplus");
    static final List<String> LABELS = List.of("sigmoid", "tanh", "ReLU", "Leaky ReLU (0.1)", "Softplus");
    static final int DEFAULT_EPOCHS = 5;
    static final int DEFAULT_BATCH = 10;
    static final double DEFAULT_LR = 0.1;
    static final int WARM_UP_EXAMPLES = 3000;

    @Override
    public String name() {
        return "activations";
    }

    @Override
    public String description() {
        return "sigmoid, tanh, ReLU, Leaky ReLU and Softplus: accuracy, time, and each function with its derivative";
    }

    @Override
    public ExperimentResult run(ExperimentSettings settings, Path out, ExperimentProgress progress) {
        long started = System.nanoTime();
        int epochs = settings.epochsOr(DEFAULT_EPOCHS);
        int batch = settings.batchSizeOr(DEFAULT_BATCH);
        double lr = settings.lrOr(DEFAULT_LR);
        MnistData data = MnistData.load(settings, MnistData.TRAIN_EXAMPLES, progress);
        Table table = new Table(new Table.Column("activation", Table.Format.TEXT),
                new Table.Column("test accuracy", Table.Format.PERCENT),
                new Table.Column("train time (s)", Table.Format.DECIMAL),
                new Table.Column("s per epoch", Table.Format.DECIMAL),
                new Table.Column("max f' on [-5, 5]", Table.Format.DECIMAL));
        XYChart curves = Charts.lines("MNIST test accuracy per epoch, 784-30-10, by activation", "epoch", "test accuracy (%)");
        curves.getStyler().setXAxisDecimalPattern("0");
        double[] grid = grid(-5, 5, 401);
        XYChart functions = Charts.lines("Activation functions f(x)", "x (pre-activation z)", "f(x)", 700, 560);
        XYChart derivatives = Charts.lines("Their derivatives f'(x)", "x (pre-activation z)", "f'(x)", 700, 560);
        functions.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        derivatives.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        for (int a = 0; a < SPECS.size(); a++) {
            double[][] fd = functionAndDerivative(SPECS.get(a), grid);
            Charts.line(functions, LABELS.get(a), grid, fd[0], a);
            Charts.line(derivatives, LABELS.get(a), grid, fd[1], a);
            warmUp(SPECS.get(a), data, batch, lr);
            Tensor.manualSeed(settings.seed());
            Sequential model = CourseInit.apply(Layers.mlp(new long[] {784, 30, 10}, SPECS.get(a), 0));
            CourseSgd optimizer = new CourseSgd(model, lr, 0, data.train().size());
            Training training = new Training(model, optimizer);
            DataLoader train = new DataLoader(data.train(), batch).shuffle(settings.seed());
            DataLoader test = new DataLoader(data.test(), 1000);
            double[] epochAxis = new double[epochs];
            double[] accuracy = new double[epochs];
            long trainNanos = 0;
            for (int e = 1; e <= epochs; e++) {
                String task = String.format(Locale.ROOT, "%s epoch %d/%d", LABELS.get(a), e, epochs);
                long t0 = System.nanoTime();
                double loss = training.epoch(train, progress, task);
                trainNanos += System.nanoTime() - t0;
                epochAxis[e - 1] = e;
                accuracy[e - 1] = Training.accuracy(model, test);
                progress.message(String.format(Locale.ROOT, "%s  train loss %.4f  test accuracy %.2f%%", task, loss,
                        100 * accuracy[e - 1]));
            }
            double seconds = trainNanos / 1e9;
            table.add(LABELS.get(a), accuracy[epochs - 1], seconds, seconds / epochs, max(fd[1]));
            Charts.line(curves, LABELS.get(a), epochAxis, DepthExperiment.percent(accuracy), a);
        }
        double[] quarter = new double[grid.length];
        java.util.Arrays.fill(quarter, 0.25);
        Charts.dashed(derivatives, "1/4, the most sigmoid' reaches", grid, quarter, 7);
        Report report = new Report(name(), "Activation functions side by side on MNIST", table);
        report.note(String.format(Locale.ROOT, "Each network is 784-30-10 with the activation after the hidden layer, the "
                + "same seed and initialisation (weights ~ N(0, 1/n_in), biases ~ N(0, 1)), %d epochs on %d training examples, "
                + "batch %d, SGD eta = %s, mean softmax cross-entropy; accuracy on %d test examples; time is training only, after an untimed warm-up on "
                + "3,000 examples per activation.",
                epochs, data.train().size(), batch, DepthExperiment.fmt(lr), data.test().size()));
        report.note("Derivatives are Myelin's own autograd gradients of each layer at 401 points. sigmoid'(x) = "
                + "sigma(x)(1 - sigma(x)) <= 1/4, so every sigmoid layer scales the backward signal down by at least 4x.");
        BufferedImage shapes = Charts.sideBySide("Activation functions and their derivatives",
                List.of(Charts.image(functions), Charts.image(derivatives)));
        report.figure(new Figure("activations-functions.png", "Each activation (left) and its derivative (right); "
                + "the dashed line is sigmoid's maximum slope 1/4.", shapes));
        report.figure(new Figure("activations-accuracy.png", "Test accuracy after each epoch, one line per activation.",
                Charts.image(curves)));
        return report.write(out, (System.nanoTime() - started) / 1e9);
    }

    /**
     * Trains a throwaway copy for a few hundred steps, untimed, so the JIT has compiled this
     * activation's kernels before the clock starts; otherwise whichever runs first looks slowest.
     */
    private static void warmUp(String spec, MnistData data, int batch, double lr) {
        Tensor.manualSeed(0);
        Sequential model = Layers.mlp(new long[] {784, 30, 10}, spec, 0);
        CourseSgd optimizer = new CourseSgd(model, lr, 0, data.train().size());
        Training training = new Training(model, optimizer);
        training.epoch(new DataLoader(MnistData.first(data.train(), WARM_UP_EXAMPLES), batch),
                ExperimentProgress.silent(), "warm-up");
    }

    /** @return f at the points, and f' from backward through the layer */
    static double[][] functionAndDerivative(String spec, double[] points) {
        Module layer = Layers.fromSpec(spec);
        Tensor x = Tensor.of(points, points.length).requiresGrad(true);
        Tensor y = layer.forward(x);
        y.sum().backward();
        return new double[][] {y.detach().to(DType.FLOAT64).toDoubleArray(), x.grad().toDoubleArray()};
    }

    static double[] grid(double from, double to, int points) {
        double[] g = new double[points];
        for (int i = 0; i < points; i++) {
            g[i] = from + (to - from) * i / (points - 1);
        }
        return g;
    }

    private static double max(double[] values) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
