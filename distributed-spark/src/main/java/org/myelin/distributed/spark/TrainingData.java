package org.myelin.distributed.spark;

import java.io.Serializable;
import java.nio.file.Path;
import org.myelin.api.InvalidArgumentException;
import org.myelin.data.DatasetCache;
import org.myelin.data.FashionMnist;
import org.myelin.data.Mnist;
import org.myelin.data.TensorDataset;

/** Where the tasks of a Spark run find their examples. */
public sealed interface TrainingData extends Serializable {

    /**
     * MNIST or Fashion-MNIST from files every node can read: each task loads the whole training set
     * and takes its rank's shard of every batch, so N tasks train as one process does.
     *
     * @param dataset   mnist or fashion-mnist
     * @param cacheRoot the dataset cache folder on every node, or null for MYELIN_DATA or ~/.cache/myelin/datasets
     */
    record Files(String dataset, String cacheRoot) implements TrainingData {
        /** Checks the name on the driver. */
        public Files {
            if (!dataset.equals("mnist") && !dataset.equals("fashion-mnist")) {
                throw new InvalidArgumentException("--dataset must be mnist or fashion-mnist, got '" + dataset + "'");
            }
        }

        TensorDataset load(boolean train) {
            Path root = DatasetCache.root(cacheRoot == null ? null : Path.of(cacheRoot));
            return dataset.equals("mnist") ? Mnist.load(root, train) : FashionMnist.load(root, train);
        }
    }

    /** The rows of the RDD or DataFrame given to the stage: each task trains on its own partition. */
    record Partitions() implements TrainingData {}
}
