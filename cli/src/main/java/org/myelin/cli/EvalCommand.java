package org.myelin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.myelin.data.DataLoader;
import org.myelin.data.TensorDataset;
import org.myelin.nn.Layers;
import org.myelin.nn.Module;
import org.myelin.nn.io.SafeTensors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

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

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Backends.select(backend, "cpu");
        SafeTensors.Contents checkpoint = SafeTensors.load(modelFile);
        var meta = checkpoint.metadata();
        String spec = model != null ? model : meta.getOrDefault("model", "784-30-10");
        Module net = Layers.parse(spec, meta.getOrDefault("activation", "sigmoid"),
                Double.parseDouble(meta.getOrDefault("dropout", "0")), org.myelin.nn.Dropout.Mode.INVERTED,
                main.plugins().layerProviders());
        net.loadStateDict(checkpoint.tensors());
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
