package org.myelin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.myelin.api.Device;
import org.myelin.data.DataLoader;
import org.myelin.data.TensorDataset;
import org.myelin.train.Evaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code myelin eval}: the test accuracy and confusion matrix of saved weights or a training checkpoint. */
@Command(name = "eval", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Evaluate saved weights or a training checkpoint on a test set: accuracy and confusion matrix.")
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--load", paramLabel = "FILE", required = true, description = "Weights from myelin train --save, or a training checkpoint.")
    Path load;

    @Option(names = "--model", description = "Override the model spec stored in the file.")
    String model;

    @Mixin
    DataOptions data;

    @Mixin
    DeviceOptions deviceOptions;

    @picocli.CommandLine.ParentCommand
    Main main;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Device target = deviceOptions.select();
        SavedModel saved = SavedModel.load(load, model, main.plugins());
        String trainedOn = saved.metadata().get("dataset");
        if (data.dataset == null) {
            data.dataset = trainedOn != null ? trainedOn : "mnist";
        } else if (trainedOn != null && !data.choice().cliName.equalsIgnoreCase(trainedOn)) {
            spec.commandLine().getErr().printf("myelin: warning: %s was trained on %s, and is evaluated on %s%n", load,
                    trainedOn, data.choice().cliName);
        }
        saved.net().to(target);
        TensorDataset test = data.load(false, out);
        Activity.set("evaluating " + load);
        Evaluation eval = Evaluation.of(saved.net(), new DataLoader(test, 1000), null);
        out.printf("%s on %s test set: accuracy %.2f%% (%d of %d)%n", load, data.choice().cliName, 100 * eval.accuracy(),
                eval.correct(), eval.total());
        out.print(eval.confusionTable());
        out.flush();
        return 0;
    }
}
