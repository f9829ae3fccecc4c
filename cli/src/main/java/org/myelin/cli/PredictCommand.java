package org.myelin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.myelin.api.Device;
import org.myelin.api.GradMode;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code myelin predict}: the classes a saved model gives images or CSV rows, with their probabilities. */
@Command(name = "predict", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Classify PNG or JPEG images (gray, resized to 28x28) or the rows of CSV files with a saved model.",
            "Prints the top classes of each input with their probabilities, one line per input, or JSON with --json."})
final class PredictCommand implements Callable<Integer> {
    /** Inputs run through the model together. */
    private static final int BATCH = 256;

    @Spec
    CommandSpec spec;

    @Option(names = "--load", paramLabel = "FILE", required = true, description = "Weights from myelin train --save, or a training checkpoint.")
    Path load;

    @Parameters(paramLabel = "INPUT", arity = "1..*", description = "Images (.png, .jpg), or .csv files of 784 values per row in [0, 1].")
    List<Path> inputs;

    @Option(names = "--top", paramLabel = "K", defaultValue = "3", description = "Classes to print per input (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--invert", description = "The images are dark on light (a drawing on paper); MNIST's are light on dark.")
    boolean invert;

    @Option(names = "--no-resize", description = "Refuse images that are not 28x28, rather than resizing them.")
    boolean noResize;

    @Option(names = "--json", description = "Print a JSON array, one object per input: {\"input\", \"top\": [{\"class\", \"label\", \"probability\"}]}.")
    boolean json;

    @Option(names = "--model", description = "Override the model spec stored in the file.")
    String model;

    @Mixin
    DeviceOptions deviceOptions;

    @picocli.CommandLine.ParentCommand
    Main main;

    private final List<String> names = new ArrayList<>();
    private final List<float[]> pending = new ArrayList<>();
    private SavedModel saved;
    private Device device;
    private List<String> classNames;
    private int printed;

    @Override
    public Integer call() {
        if (top < 1) {
            throw new InvalidArgumentException("--top must be at least 1, got " + top);
        }
        device = deviceOptions.select();
        saved = SavedModel.load(load, model, main.plugins());
        saved.net().to(device);
        String dataset = saved.metadata().get("dataset");
        classNames = dataset == null ? DatasetChoice.MNIST.classNames : DatasetChoice.parse(dataset).classNames;
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println("[");
        }
        for (Path input : inputs) {
            Activity.set("reading " + input);
            if (input.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                CsvRows.read(input, ModelChecks.INPUTS, this::add);
            } else {
                add(input.toString(), ImageInput.read(input, !noResize, invert));
            }
        }
        flush();
        if (json) {
            out.println("]");
        }
        out.flush();
        return 0;
    }

    private void add(String name, float[] pixels) {
        names.add(name);
        pending.add(pixels);
        if (pending.size() == BATCH) {
            flush();
        }
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        float[] batch = new float[pending.size() * ModelChecks.INPUTS];
        for (int i = 0; i < pending.size(); i++) {
            System.arraycopy(pending.get(i), 0, batch, i * ModelChecks.INPUTS, ModelChecks.INPUTS);
        }
        Activity.set("running " + load + " on " + names.get(0) + (names.size() > 1 ? " and the next " + (names.size() - 1) : ""));
        float[] probabilities;
        long classes;
        try (var g = GradMode.noGrad()) {
            Tensor logits = saved.net().forward(Tensor.of(batch, pending.size(), ModelChecks.INPUTS).to(device));
            classes = logits.shape().size(1);
            probabilities = logits.softmax(1).to(Device.cpu()).toFloatArray();
        }
        for (int i = 0; i < pending.size(); i++) {
            print(names.get(i), probabilities, i * (int) classes, (int) classes);
        }
        names.clear();
        pending.clear();
    }

    private void print(String name, float[] p, int offset, int classes) {
        Integer[] order = new Integer[classes];
        for (int c = 0; c < classes; c++) {
            order[c] = c;
        }
        // ties keep the lower class first, as argmax does
        java.util.Arrays.sort(order, (a, b) -> p[offset + a] != p[offset + b] ? Float.compare(p[offset + b], p[offset + a]) : a - b);
        int k = Math.min(top, classes);
        PrintWriter out = spec.commandLine().getOut();
        StringBuilder line = new StringBuilder();
        if (json) {
            line.append(printed++ == 0 ? "  " : ", ").append("{\"input\": ").append(Json.string(name)).append(", \"top\": [");
            for (int j = 0; j < k; j++) {
                int c = order[j];
                line.append(j == 0 ? "" : ", ").append("{\"class\": ").append(c).append(", \"label\": ")
                        .append(Json.string(label(c))).append(", \"probability\": ").append(p[offset + c]).append('}');
            }
            line.append("]}");
        } else {
            line.append(name).append(':');
            for (int j = 0; j < k; j++) {
                int c = order[j];
                String label = label(c);
                line.append(j == 0 ? " " : ", ").append(c);
                if (!label.equals(Integer.toString(c))) {
                    line.append(' ').append(label);
                }
                line.append(String.format(Locale.ROOT, " %.2f%%", 100.0 * p[offset + c]));
            }
        }
        out.println(line);
    }

    private String label(int c) {
        return c < classNames.size() ? classNames.get(c) : Integer.toString(c);
    }
}
