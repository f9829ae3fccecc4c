package org.myelin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.myelin.api.InvalidArgumentException;
import org.myelin.data.TensorDataset;
import picocli.CommandLine.Option;

/** {@code --dataset} and {@code --data}, the same on every command that reads a data set. */
final class DataOptions {
    @Option(names = "--dataset", paramLabel = "NAME", description = "mnist or fashion-mnist (default: mnist; for eval, the checkpoint's).")
    String dataset;

    @Option(names = "--data", paramLabel = "DIR", description = "Dataset cache folder (default: $MYELIN_DATA, else ~/.cache/myelin/datasets).")
    Path dataDir;

    /** @return the data set named, or MNIST */
    DatasetChoice choice() {
        return DatasetChoice.parse(dataset == null ? "mnist" : dataset);
    }

    /** @return the split, fetched on first use; an empty one is an error */
    TensorDataset load(boolean train, PrintWriter log) {
        DatasetChoice choice = choice();
        TensorDataset split = choice.load(dataDir, train, log);
        if (split.size() == 0) {
            throw new InvalidArgumentException(choice.cliName + ": the " + (train ? "training" : "test")
                    + " set holds no examples; fetch the data again (delete its folder in the cache)");
        }
        return split;
    }
}
