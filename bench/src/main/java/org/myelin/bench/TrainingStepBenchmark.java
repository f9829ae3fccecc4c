package org.myelin.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.myelin.api.Tensor;
import org.myelin.nn.Linear;
import org.myelin.nn.ReLU;
import org.myelin.nn.Sequential;
import org.myelin.nn.Sigmoid;
import org.myelin.nn.loss.CrossEntropyLoss;
import org.myelin.optim.SGD;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of each CLI configuration (forward, loss, zeroGrad, backward, SGD step), on
 * MNIST-shaped random batches cycled from a fixed set, as TrainingLoop runs it. Run with
 * {@code -prof gc} for the allocation per step ({@code gc.alloc.rate.norm}, bytes per operation).
 * An epoch is 6000 steps of the first and 469 of the second.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
public class TrainingStepBenchmark {

    /** A model, its optimizer and 32 batches. */
    @State(Scope.Thread)
    public abstract static class Setting {
        Sequential model;
        SGD optimizer;
        final CrossEntropyLoss loss = new CrossEntropyLoss();
        Tensor[] inputs;
        Tensor[] targets;
        int next;

        void build(Sequential net, SGD opt, int batch) {
            model = net;
            optimizer = opt;
            inputs = new Tensor[32];
            targets = new Tensor[32];
            java.util.SplittableRandom r = new java.util.SplittableRandom(7);
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = Tensor.rand(batch, 784);
                long[] y = new long[batch];
                for (int j = 0; j < batch; j++) {
                    y[j] = r.nextInt(10);
                }
                targets[i] = Tensor.of(y, batch);
            }
        }

        Tensor step() {
            int i = next++ & 31;
            Tensor l = loss.forward(model.forward(inputs[i]), targets[i]);
            optimizer.zeroGrad();
            l.backward();
            optimizer.step();
            return l;
        }
    }

    /** 784-30-10, sigmoid, batch 10, SGD lr 0.5: the course's network. */
    public static class Small extends Setting {
        /** Builds it. */
        @Setup
        public void setUp() {
            Tensor.manualSeed(42);
            Sequential net = new Sequential(new Linear(784, 30), new Sigmoid(), new Linear(30, 10));
            build(net, new SGD(net.parameters(), 0.5), 10);
        }
    }

    /** 784-256-256-10, ReLU, batch 128, SGD lr 0.05 with momentum 0.9. */
    public static class Wide extends Setting {
        /** Builds it. */
        @Setup
        public void setUp() {
            Tensor.manualSeed(42);
            Sequential net = new Sequential(List.of(new Linear(784, 256), new ReLU(), new Linear(256, 256), new ReLU(),
                    new Linear(256, 10)));
            build(net, new SGD(net.parameters(), 0.05).momentum(0.9), 128);
        }
    }

    /** @return the loss of one step of the small network */
    @Benchmark
    public Tensor smallSigmoidBatch10(Small s) {
        return s.step();
    }

    /** @return the loss of one step of the wide network */
    @Benchmark
    public Tensor wideReluBatch128(Wide s) {
        return s.step();
    }
}
