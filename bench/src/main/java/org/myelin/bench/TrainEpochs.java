package org.myelin.bench;

import java.nio.file.Path;
import java.util.List;
import org.myelin.api.Optimizer;
import org.myelin.api.Tensor;
import org.myelin.data.DataLoader;
import org.myelin.data.DatasetCache;
import org.myelin.data.Mnist;
import org.myelin.data.TensorDataset;
import org.myelin.nn.Layers;
import org.myelin.nn.Linear;
import org.myelin.nn.Module;
import org.myelin.nn.ReLU;
import org.myelin.nn.Sequential;
import org.myelin.nn.Sigmoid;
import org.myelin.nn.loss.CrossEntropyLoss;
import org.myelin.optim.Adam;
import org.myelin.optim.SGD;
import org.myelin.train.EpochMetrics;
import org.myelin.train.Evaluation;
import org.myelin.train.Trainer;
import org.myelin.train.TrainerCallback;

/**
 * Whole MNIST epochs of the CLI's two configurations (or of LeNet-5 with Adam, batch 64), timed as bench/pytorch_train.py times
 * PyTorch's: training only (the {@link Trainer}'s shuffled batches, forward, loss, zeroGrad, backward,
 * step), then the test accuracy untimed. Prints one line per epoch:
 * {@code epoch config=small epoch=1 seconds=1.234 accuracy=94.5}.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar --add-modules jdk.incubator.vector
 * -Dmyelin.threads=N org.myelin.bench.TrainEpochs [small|wide|both|lenet5] [EPOCHS] [DATA_DIR]}
 */
public final class TrainEpochs {
    private TrainEpochs() {}

    /** @param args which configuration, how many epochs, and the dataset cache folder */
    public static void main(String[] args) {
        String which = args.length > 0 ? args[0] : "both";
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path root = DatasetCache.root(args.length > 2 ? Path.of(args[2]) : null);
        TensorDataset train = Mnist.load(root, true);
        TensorDataset test = Mnist.load(root, false);
        if (which.equals("lenet5")) {
            Tensor.manualSeed(42);
            Sequential net = Layers.parse("lenet5", "relu", 0);
            run("lenet5", net, new Adam(net.parameters(), 0.002), 64, train, test, epochs);
            return;
        }
        if (!which.equals("wide")) {
            Tensor.manualSeed(42);
            Sequential net = new Sequential(new Linear(784, 30), new Sigmoid(), new Linear(30, 10));
            run("small", net, new SGD(net.parameters(), 0.5), 10, train, test, epochs);
        }
        if (!which.equals("small")) {
            Tensor.manualSeed(42);
            Sequential net = new Sequential(List.of(new Linear(784, 256), new ReLU(), new Linear(256, 256), new ReLU(),
                    new Linear(256, 10)));
            run("wide", net, new SGD(net.parameters(), 0.05).momentum(0.9), 128, train, test, epochs);
        }
    }

    private static void run(String name, Module net, Optimizer opt, int batch, TensorDataset train, TensorDataset test,
                            int epochs) {
        DataLoader testLoader = new DataLoader(test, 1000);
        Trainer trainer = new Trainer(net, new CrossEntropyLoss(), opt).callback(new TrainerCallback() {
            @Override
            public void onEpochEnd(EpochMetrics m) {
                // seconds() is the epoch's training time here: there is no validation set
                System.out.printf("epoch config=%s epoch=%d seconds=%.3f accuracy=%.2f%n", name, m.epoch(), m.seconds(),
                        100 * Evaluation.of(net, testLoader, null).accuracy());
            }
        });
        trainer.fit(new DataLoader(train, batch).shuffle(42), epochs);
    }
}
