package org.myelin.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.myelin.api.AnomalyException;
import org.myelin.api.Device;
import org.myelin.api.GradMode;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Optimizer;
import org.myelin.api.Tensor;
import org.myelin.api.spi.EngineRuntime;
import org.myelin.data.DataLoader;
import org.myelin.data.TensorDataset;
import org.myelin.nn.Layers;
import org.myelin.nn.Module;
import org.myelin.nn.io.SafeTensors;
import org.myelin.nn.loss.CrossEntropyLoss;
import org.myelin.optim.Optimizers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code myelin train}: trains a classifier on MNIST or Fashion-MNIST. With no options it is the
 * course's network: 784-30-10 sigmoid, batch 10, SGD at learning rate 0.5, 3 epochs.
 */
@Command(name = "train", sortOptions = false, description = "Train a network on MNIST or Fashion-MNIST; fetches the data on first use.")
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", defaultValue = "784-30-10", description = "Layer sizes such as 784-30-10, or a layer spec such as \"linear(784,30) sigmoid linear(30,10)\" (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--activation", defaultValue = "sigmoid", description = "Activation between layers for the sizes form (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--dataset", defaultValue = "mnist", description = "mnist or fashion-mnist (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--epochs", defaultValue = "3", description = "Passes over the training set (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "10", description = "Examples per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.5", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--optimizer", defaultValue = "sgd", description = "sgd, adam, adamw, rmsprop, or a plugin's (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--momentum", defaultValue = "0", description = "Momentum for sgd and rmsprop (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--weight-decay", defaultValue = "0", description = "L2 weight decay: theta <- (1 - lr*wd) theta - lr*grad (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--dropout", defaultValue = "0", description = "Dropout after each hidden activation (default: ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for initialisation, shuffling and dropout (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--backend", description = "Kernel pack to use, e.g. cpu-simd or reference (default: the best available).")
    String backend;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu or cuda[:N] (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--save", description = "Write the trained weights to this safetensors file.")
    Path save;

    @Option(names = "--data", description = "Dataset cache folder (default: $MYELIN_DATA, else ~/.cache/myelin/datasets).")
    Path dataDir;

    @Option(names = "--detect-anomaly", description = "Check every operation and gradient for NaN and infinity, and name "
            + "the first operator that makes one (slow; for finding where a run breaks).")
    boolean detectAnomaly;

    @picocli.CommandLine.ParentCommand
    Main main;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        validate();
        Device target = Backends.select(backend, device);
        Tensor.manualSeed(seed);
        DatasetChoice data = DatasetChoice.parse(dataset);
        Plugins plugins = main.plugins();
        Module net = ModelBudget.build("the model '" + model + "'",
                () -> Layers.parse(model, activation, dropout, org.myelin.nn.Dropout.Mode.INVERTED, plugins.layerProviders()));
        net.to(target);
        Optimizer opt = Optimizers.create(optimizer.toLowerCase(java.util.Locale.ROOT), net.parameters(), optimizerOptions(),
                plugins.optimizerProviders());
        Activity.set("loading " + data.cliName);
        TensorDataset train = data.load(dataDir, true, out);
        TensorDataset test = data.load(dataDir, false, out);
        if (train.size() == 0 || test.size() == 0) {
            throw new InvalidArgumentException(data.cliName + ": the " + (train.size() == 0 ? "training" : "test")
                    + " set holds no examples; fetch the data again (delete its folder in the cache)");
        }
        out.printf("training %s on %s (%d examples) with %s, batch %d, lr %s, backend %s%n", model, data.cliName,
                train.size(), optimizer, batchSize, lr, EngineRuntime.get().backendFor(target.type()).name());
        TrainingLoop loop = new TrainingLoop(net, opt, new CrossEntropyLoss(), target, spec.commandLine().getErr());
        DataLoader trainLoader = new DataLoader(train, batchSize).shuffle(seed);
        DataLoader testLoader = new DataLoader(test, 1000);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long started = System.nanoTime();
            Activity.set("training epoch " + epoch + " of the model '" + model + "'");
            double loss;
            try (var anomalies = detectAnomaly ? GradMode.detectAnomaly() : null) {
                loss = loop.epoch(trainLoader, epoch, "epoch " + epoch + "/" + epochs, out);
            } catch (AnomalyException e) {
                throw new RunFailed(e.getMessage() + (save == null ? "" : "; nothing was saved"));
            } catch (RunFailed e) {
                throw new RunFailed(e.getMessage() + (save == null ? "" : "; nothing was saved"
                        + (Files.exists(save) ? ", so " + save + " still holds what it held" : "")));
            }
            Evaluation eval = Evaluation.of(net, testLoader, 10);
            out.printf("epoch %d/%d  train loss %.4f  test accuracy %.2f%%  %.1f s%n", epoch, epochs, loss,
                    100 * eval.accuracy(), (System.nanoTime() - started) / 1e9);
            out.flush();
        }
        if (save != null) {
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("format", "myelin");
            meta.put("model", model);
            meta.put("activation", activation);
            meta.put("dropout", Double.toString(dropout));
            meta.put("dataset", data.cliName);
            Activity.set("saving " + save);
            CheckpointSave.withFallback(save, net.stateDict(), meta, out);
        }
        return 0;
    }

    private void validate() {
        if (epochs <= 0) {
            throw new InvalidArgumentException("--epochs must be at least 1, got " + epochs);
        }
        if (batchSize <= 0) {
            throw new InvalidArgumentException("--batch-size must be a positive number of examples, got " + batchSize);
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new InvalidArgumentException("--lr must be a positive learning rate such as 0.1, got " + lr);
        }
        if (dropout < 0 || dropout >= 1) {
            throw new InvalidArgumentException("--dropout must be in [0, 1), got " + dropout);
        }
        if (momentum < 0 || weightDecay < 0) {
            throw new InvalidArgumentException("--momentum and --weight-decay must not be negative");
        }
        if (save != null) {
            Path dir = save.toAbsolutePath().getParent();
            if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir) || Files.isDirectory(save)) {
                throw new InvalidArgumentException("--save " + save + " cannot be written: "
                        + (Files.isDirectory(save) ? "it is a folder" : "its folder " + dir + " does not exist or is not writable")
                        + "; choose a file in a writable folder");
            }
        }
    }

    private Map<String, Double> optimizerOptions() {
        Map<String, Double> options = new LinkedHashMap<>();
        options.put("lr", lr);
        if (momentum != 0) {
            options.put("momentum", momentum);
        }
        if (weightDecay != 0) {
            options.put("weightDecay", weightDecay);
        }
        return options;
    }
}
