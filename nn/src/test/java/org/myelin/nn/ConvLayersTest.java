package org.myelin.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.myelin.api.DType;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.MyelinException;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.Tensor;

/** The convolutional layers: shapes, buffers, specs, the LeNet-5 preset, and one clear line for each mistake. */
class ConvLayersTest {

    @Test
    void lenet5PresetHasPyTorchsShapesAndKeys() {
        Sequential net = Layers.parse("lenet5", "sigmoid", 0);
        Tensor out = net.forward(Tensor.rand(3, 784));
        assertArrayEquals(new long[] {3, 10}, out.shape().toArray());
        assertEquals(List.of("1.weight", "1.bias", "4.weight", "4.bias", "8.weight", "8.bias", "10.weight", "10.bias",
                "12.weight", "12.bias"), List.copyOf(net.stateDict().keySet()));
        assertArrayEquals(new long[] {16, 6, 5, 5}, net.stateDict().get("4.weight").shape().toArray());
        assertEquals(61_706, net.parameterCount(), "LeNet-5's parameter count");
    }

    @Test
    void specsTakeNamedArgumentsAndPairs() {
        Sequential net = Layers.fromSpec("conv2d(3,8,3x5,stride=2,padding=1x2,bias=false) maxpool2d(2,stride=1) "
                + "avgpool2d(3,padding=1,count_include_pad=false) adaptiveavgpool2d(2x3) batchnorm2d(8,momentum=0.2)");
        Tensor out = net.forward(Tensor.rand(2, 3, 9, 10));
        assertArrayEquals(new long[] {2, 8, 2, 3}, out.shape().toArray());
        assertEquals(List.of("0.weight", "4.weight", "4.bias", "4.running_mean", "4.running_var", "4.num_batches_tracked"),
                List.copyOf(net.stateDict().keySet()));
        assertInstanceOf(LayerNorm.class, Layers.fromSpec("layernorm(4,eps=1e-6)").get(0));
        assertInstanceOf(BatchNorm1d.class, Layers.fromSpec("batchnorm1d(4,affine=false)").get(0));
        MyelinException e = assertThrows(InvalidArgumentException.class, () -> Layers.fromSpec("conv2d(1,6,5,pading=2)"));
        assertTrue(e.getMessage().contains("no argument 'pading'"), e.getMessage());
        e = assertThrows(InvalidArgumentException.class, () -> Layers.fromSpec("conv2d(1,6,stride=2,5)"));
        assertTrue(e.getMessage().contains("must come before"), e.getMessage());
        e = assertThrows(InvalidArgumentException.class, () -> Layers.fromSpec("maxpool2d(2x)"));
        assertTrue(e.getMessage().contains("HxW"), e.getMessage());
    }

    @Test
    void buffersAreStateButNotParameters() {
        BatchNorm2d bn = new BatchNorm2d(4);
        assertEquals(2, bn.parameters().size());
        assertEquals(List.of("running_mean", "running_var", "num_batches_tracked"), List.copyOf(bn.namedBuffers().keySet()));
        bn.forward(Tensor.randn(5, 4, 3, 3).mul(3).add(2));
        bn.forward(Tensor.randn(5, 4, 3, 3));
        assertEquals(2.0, bn.stateDict().get("num_batches_tracked").item());
        assertFalse(bn.namedBuffers().get("running_mean").requiresGrad());
        bn.to(DType.FLOAT64);
        assertEquals(DType.FLOAT64, bn.namedBuffers().get("running_var").dtype());
        assertEquals(DType.INT64, bn.namedBuffers().get("num_batches_tracked").dtype(), "a counter stays an integer");

        BatchNorm2d copy = new BatchNorm2d(4);
        copy.loadStateDict(bn.stateDict());
        assertArrayEquals(bn.namedBuffers().get("running_mean").toDoubleArray(),
                copy.namedBuffers().get("running_mean").toDoubleArray(), 1e-6);
        assertEquals(2.0, copy.stateDict().get("num_batches_tracked").item());
    }

    @Test
    void evalUsesTheRunningStatisticsAndTrainingTheBatchs() {
        BatchNorm1d bn = new BatchNorm1d(2, 1e-5, 1.0, false, true);
        Tensor x = Tensor.of(new double[] {1, 10, 3, 20, 5, 30}, 3, 2).to(DType.FLOAT32);
        Tensor trained = bn.forward(x);
        assertEquals(0.0, trained.mean(0, false).abs().max().item(), 1e-5, "training normalises by the batch's mean");
        bn.eval();
        // momentum 1: the running statistics are this batch's, the variance unbiased (4 and 100).
        Tensor evaluated = bn.forward(x);
        assertEquals((5 - 3) / Math.sqrt(4 + 1e-5), evaluated.toDoubleArray()[4], 1e-5);
        assertEquals((30 - 20) / Math.sqrt(100 + 1e-5), evaluated.toDoubleArray()[5], 1e-5);
    }

    @Test
    void eachMistakeIsOneLineThatSaysWhatToDo() {
        Map<String, Runnable> mistakes = Map.of(
                "is larger than the padded input", () -> new Conv2d(1, 2, 7).forward(Tensor.rand(1, 1, 5, 5)),
                "must be (batch, 3 channels, height, width); check the channels",
                        () -> new Conv2d(3, 2, 3).forward(Tensor.rand(1, 1, 5, 5)),
                "groups (4) must divide both", () -> new Conv2d(6, 8, new int[] {3}, new int[] {1}, new int[] {0},
                        new int[] {1}, 4, true, Tensor.defaultGenerator()),
                "add the batch axis with unsqueeze(0)", () -> new Conv2d(1, 2, 3).forward(Tensor.rand(1, 5, 5)),
                "needs more than one value per channel", () -> new BatchNorm2d(3).forward(Tensor.rand(1, 3, 1, 1)),
                "must have 2 elements", () -> Functional.layerNorm(Tensor.rand(2, 2), new long[] {2}, Tensor.ones(3), null,
                        1e-5));
        mistakes.forEach((expected, mistake) -> {
            MyelinException e = assertThrows(MyelinException.class, mistake::run, expected);
            assertTrue(e.getMessage().contains(expected), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        });
        assertThrows(ShapeMismatchException.class, () -> new Unflatten(1, 2, 3).forward(Tensor.rand(2, 7)));
    }

    @Test
    void unflattenSplitsOneAxis() {
        Tensor out = new Unflatten(1, 1, 28, 28).forward(Tensor.rand(4, 784));
        assertArrayEquals(new long[] {4, 1, 28, 28}, out.shape().toArray());
        assertArrayEquals(new long[] {4, 2, 3, 5}, new Unflatten(-1, 3, 5).forward(Tensor.rand(4, 2, 15)).shape().toArray());
    }
}
