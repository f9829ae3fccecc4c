package org.myelin.bench;

import java.util.concurrent.TimeUnit;
import org.myelin.api.Tensor;
import org.myelin.nn.Conv2d;
import org.myelin.nn.Layers;
import org.myelin.nn.Sequential;
import org.myelin.nn.loss.CrossEntropyLoss;
import org.myelin.optim.Adam;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Convolution layers' forward and backward (input and weight gradients), and one LeNet-5 training
 * step, as bench/conv_workloads.py times them in PyTorch. Run the step with {@code -prof gc} for the
 * bytes allocated per step.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
public class ConvBenchmark {

    /** One layer, its input and a fixed upstream gradient. */
    @State(Scope.Thread)
    public static class Layer {
        /** lenet1: 64×1×28×28, 5×5 to 6, padding 2; lenet2: 64×6×14×14, 5×5 to 16; 3x3x64: 32×64×32×32, 3×3 to 64, padding 1. */
        @Param({"lenet1", "lenet2", "3x3x64"})
        public String layer;

        Conv2d conv;
        Tensor x;
        Tensor g;

        /** Builds it. */
        @Setup
        public void setUp() {
            Tensor.manualSeed(5);
            switch (layer) {
                case "lenet1" -> {
                    conv = new Conv2d(1, 6, 5, 1, 2);
                    x = Tensor.rand(64, 1, 28, 28);
                }
                case "lenet2" -> {
                    conv = new Conv2d(6, 16, 5, 1, 0);
                    x = Tensor.rand(64, 6, 14, 14);
                }
                default -> {
                    conv = new Conv2d(64, 64, 3, 1, 1);
                    x = Tensor.rand(32, 64, 32, 32);
                }
            }
            x.requiresGrad(true);
            g = Tensor.randn(conv.forward(x).shape().toArray());
        }
    }

    /** LeNet-5 with Adam (lr 0.002, the preset's) and 32 random batches of 64. */
    @State(Scope.Thread)
    public static class LeNet {
        Sequential model;
        Adam optimizer;
        final CrossEntropyLoss loss = new CrossEntropyLoss();
        Tensor[] inputs = new Tensor[32];
        Tensor[] targets = new Tensor[32];
        int next;

        /** Builds it. */
        @Setup
        public void setUp() {
            Tensor.manualSeed(42);
            model = Layers.parse("lenet5", "relu", 0);
            optimizer = new Adam(model.parameters(), 0.002);
            java.util.SplittableRandom r = new java.util.SplittableRandom(7);
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = Tensor.rand(64, 784);
                long[] y = new long[64];
                for (int j = 0; j < y.length; j++) {
                    y[j] = r.nextInt(10);
                }
                targets[i] = Tensor.of(y, 64);
            }
        }
    }

    /** @return the layer's weight gradient after one forward and backward */
    @Benchmark
    public Tensor forwardBackward(Layer s) {
        s.x.setGrad(null);
        s.conv.zeroGrad();
        s.conv.forward(s.x).backward(s.g);
        return s.conv.weight().grad();
    }

    /** @return the loss of one LeNet-5 step: forward, loss, zeroGrad, backward, Adam step */
    @Benchmark
    public Tensor lenet5Step(LeNet s) {
        int i = s.next++ & 31;
        Tensor l = s.loss.forward(s.model.forward(s.inputs[i]), s.targets[i]);
        s.optimizer.zeroGrad();
        l.backward();
        s.optimizer.step();
        return l;
    }
}
