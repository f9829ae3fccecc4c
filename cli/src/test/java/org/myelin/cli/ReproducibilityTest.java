package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.myelin.api.Optimizer;
import org.myelin.api.Tensor;
import org.myelin.data.DataLoader;
import org.myelin.data.TensorDataset;
import org.myelin.nn.Layers;
import org.myelin.nn.Module;
import org.myelin.nn.loss.CrossEntropyLoss;
import org.myelin.optim.Optimizers;

/** The same seed gives bit-identical losses, dropout and shuffling included. */
class ReproducibilityTest {
    /** Runs between the cold one and the compared one: enough for C2 to compile the kernels. */
    private static final int WARM_UP_RUNS = 40;

    private static double[] losses(long seed, String activation) {
        Tensor.manualSeed(seed);
        Tensor x = Tensor.randn(512, 20);
        Tensor y = Tensor.rand(512).mul(4).to(org.myelin.api.DType.INT64);
        Module net = Layers.parse("20-64-64-4", activation, 0.2);
        Optimizer opt = Optimizers.create("sgd", net.parameters(), java.util.Map.of("lr", 0.1, "momentum", 0.9));
        CrossEntropyLoss lossFn = new CrossEntropyLoss();
        double[] out = new double[3 * 16];
        int i = 0;
        DataLoader loader = new DataLoader(new TensorDataset(x, y), 32).shuffle(seed);
        for (int epoch = 0; epoch < 3; epoch++) {
            for (DataLoader.Batch b : loader) {
                Tensor loss = lossFn.forward(net.forward(b.inputs()), b.targets());
                opt.zeroGrad();
                loss.backward();
                opt.step();
                out[i++] = loss.item();
            }
        }
        return out;
    }

    /**
     * The first run starts cold; the runs in between give the JIT time to compile the kernels, so
     * the last one runs compiled code: this also checks that no kernel rounds differently once
     * compiled (sigmoid and softplus go through exp, and every net through softmax).
     */
    @ParameterizedTest
    @ValueSource(strings = {"relu", "sigmoid", "tanh", "softplus"})
    void sameSeedSameLossesBitForBit(String activation) {
        double[] cold = losses(5, activation);
        for (int warm = 0; warm < WARM_UP_RUNS; warm++) {
            losses(5, activation);
        }
        assertArrayEquals(cold, losses(5, activation), 0.0);
    }
}
