package org.myelin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.myelin.api.DataFormatException;
import org.myelin.api.MyelinException;
import org.myelin.api.Tensor;
import org.myelin.api.spi.EngineRuntime;
import org.myelin.data.DataLoader;
import org.myelin.data.TensorDataset;
import org.myelin.nn.Layers;
import org.myelin.nn.Module;
import org.myelin.nn.io.SafeTensors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code myelin eval}: the test accuracy and confusion matrix of a saved checkpoint. */
@Command(name = "eval", sortOptions = false, description = "Evaluate a saved checkpoint: accuracy and confusion matrix.")
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model-file", required = true, description = "A checkpoint written by myelin train --save.")
    Path modelFile;

    @Option(names = "--dataset", description = "mnist or fashion-mnist (default: the one the checkpoint was trained on).")
    String dataset;

    @Option(names = "--model", description = "Override the model spec stored in the checkpoint.")
    String model;

    @Option(names = "--backend", description = "Kernel pack to use (default: the best available).")
    String backend;

    @Option(names = "--data", description = "Dataset cache folder (default: $MYELIN_DATA, else ~/.cache/myelin/datasets).")
    Path dataDir;

    @picocli.CommandLine.ParentCommand
    Main main;

    private double metadataNumber(java.util.Map<String, String> meta, String field, double otherwise) {
        String text = meta.get(field);
        if (text == null) {
            return otherwise;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new DataFormatException(modelFile + ": __metadata__." + field + " is '" + text + "', not a number; "
                    + "save the checkpoint again with myelin train --save");
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Backends.select(backend, "cpu");
        Activity.set("reading " + modelFile);
        SafeTensors.Contents checkpoint = SafeTensors.load(modelFile);
        var meta = checkpoint.metadata();
        String spec = model != null ? model : meta.getOrDefault("model", "784-30-10");
        double dropoutP = metadataNumber(meta, "dropout", 0);
        long bytes = 0;
        for (Tensor t : checkpoint.tensors().values()) {
            bytes += t.numel() * t.dtype().byteSize();
        }
        // The spec is a claim of the file: the model it builds holds no more weights than the file's tensors,
        // so building may take a few times their size (initialisation makes temporaries) and no more.
        long budget = 8 * bytes + (1 << 20);
        String field = model != null ? "--model" : "__metadata__.model";
        String fits = modelFile + ": its model spec '" + spec + "' (" + field + ") does not fit its "
                + checkpoint.tensors().size() + " tensors (" + bytes / 1024 + " KB): ";
        Module net;
        Activity.set("building the model '" + spec + "' of " + modelFile);
        try (var limit = EngineRuntime.get().limitAllocations(budget, need -> new DataFormatException(fits
                + "it describes a model of more than " + need / 1024 + " KB of weights; give the spec it was "
                + "trained with as --model"))) {
            net = Layers.parse(spec, meta.getOrDefault("activation", "sigmoid"), dropoutP,
                    org.myelin.nn.Dropout.Mode.INVERTED, main.plugins().layerProviders());
            net.loadStateDict(checkpoint.tensors());
        } catch (DataFormatException e) {
            throw e;
        } catch (MyelinException e) {
            throw new DataFormatException(fits + e.getMessage());
        }
        DatasetChoice data = DatasetChoice.parse(dataset != null ? dataset : meta.getOrDefault("dataset", "mnist"));
        TensorDataset test = data.load(dataDir, false, out);
        Evaluation eval = Evaluation.of(net, new DataLoader(test, 1000), 10);
        out.printf("%s on %s test set: accuracy %.2f%% (%d of %d)%n", modelFile, data.cliName, 100 * eval.accuracy(),
                eval.correct(), eval.total());
        out.print(eval.confusionTable());
        out.flush();
        return 0;
    }
}
