package org.myelin.ops.gpu.jcuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.myelin.api.DType;
import org.myelin.api.Device;
import org.myelin.api.Tensor;
import org.myelin.nn.Linear;
import org.myelin.nn.ReLU;
import org.myelin.nn.Sequential;
import org.myelin.nn.loss.CrossEntropyLoss;
import org.myelin.optim.SGD;

/**
 * The engine's path to {@code --device cuda}, end to end, on the emulated driver: the model and the
 * batches move with {@code to(Device.cuda(0))}, the engine dispatches every operator to this backend,
 * and training steps give the losses a CPU run gives.
 */
@Tag("native")
class HostEmulationTrainingTest {

    @Test
    void aSmallNetworkTrainsOnCudaAsOnTheCpu() throws Exception {
        Optional<String> problem = HostEmulation.install();
        Assumptions.assumeTrue(problem.isEmpty(), problem.orElse(""));
        List<Double> cpu = train(Device.CPU);
        List<Double> cuda = train(Device.cuda(0));
        assertEquals(cpu.size(), cuda.size());
        for (int i = 0; i < cpu.size(); i++) {
            assertEquals(cpu.get(i), cuda.get(i), 1e-5 * Math.max(1, Math.abs(cpu.get(i))), "loss at step " + i);
        }
        assertTrue(cpu.get(cpu.size() - 1) < cpu.get(0), "the loss falls: " + cpu);
    }

    @Test
    void tensorsMoveThereAndBack() throws Exception {
        Optional<String> problem = HostEmulation.install();
        Assumptions.assumeTrue(problem.isEmpty(), problem.orElse(""));
        Tensor x = Tensor.of(new float[] {1, -2, 3, -4}, 2, 2);
        Tensor onGpu = x.to(Device.cuda(0));
        assertEquals(Device.cuda(0), onGpu.device());
        Tensor y = onGpu.relu().add(1).to(Device.CPU);
        assertArrayEquals(new float[] {2, 1, 4, 1}, y.toFloatArray());
        Tensor labels = Tensor.of(new long[] {2, 0, 1}, 3).to(Device.cuda(0));
        assertEquals(DType.INT64, labels.dtype());
        assertArrayEquals(new long[] {2, 0, 1}, labels.toLongArray());
    }

    /** Five SGD steps with momentum on a 20-16-3 ReLU network and fixed random data; returns the losses. */
    private static List<Double> train(Device device) {
        Tensor.manualSeed(7);
        Sequential model = new Sequential(new Linear(20, 16), new ReLU(), new Linear(16, 3));
        model.to(device);
        Tensor x = Tensor.randn(32, 20).to(device);
        long[] labels = new long[32];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (i * 7) % 3;
        }
        Tensor y = Tensor.of(labels, 32).to(device);
        SGD opt = new SGD(model.parameters(), 0.1).momentum(0.9);
        CrossEntropyLoss lossFn = new CrossEntropyLoss();
        List<Double> losses = new ArrayList<>();
        for (int step = 0; step < 5; step++) {
            Tensor loss = lossFn.forward(model.forward(x), y);
            opt.zeroGrad();
            loss.backward();
            opt.step();
            losses.add(loss.item());
        }
        return losses;
    }
}
