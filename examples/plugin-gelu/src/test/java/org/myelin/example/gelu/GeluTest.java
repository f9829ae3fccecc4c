package org.myelin.example.gelu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.myelin.api.DType;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Layer;
import org.myelin.api.Tensor;
import org.myelin.api.TensorEngine;
import org.myelin.api.spi.EngineRuntime;
import org.myelin.testkit.GradCheck;
import org.myelin.testkit.OperatorConformance;

/** The plugin as its author tests it: known values, gradcheck, its layer, and the conformance kit. */
class GeluTest {

    /** PyTorch 1.13: torch.nn.functional.gelu(x, approximate="tanh") in float64. */
    @Test
    void matchesPyTorchsTanhGelu() {
        double[] x = {-3, -1, 0, 0.5, 1, 2};
        double[] expected = {-0.0036373920817729943, -0.15880800939172324, 0.0, 0.34571400982514394, 0.8411919906082768,
            1.954597694087775};
        assertArrayEquals(expected, Tensor.apply("gelu", Tensor.of(x, 6)).toDoubleArray(), 1e-15);
        float[] asFloat = Tensor.apply("gelu", Tensor.of(x, 6).to(DType.FLOAT32)).toFloatArray();
        for (int i = 0; i < x.length; i++) {
            assertEquals(expected[i], asFloat[i], 1e-6);
        }
    }

    @Test
    void theEngineFoundTheOperatorAndItsCpuKernelIsUsedOnCpuSimd() {
        assertTrue(TensorEngine.get().operators().contains("gelu"));
        assertEquals("cpu-simd", EngineRuntime.get().backendFor("cpu").name(), "the kernel under test is cpu-simd's");
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Tensor.manualSeed(3);
        GradCheck.assertGradients(in -> Tensor.apply("gelu", in[0]), Tensor.randn(DType.FLOAT64, 5, 7).mul(2));
    }

    @Test
    void gradientOfATransposedViewIsRight() {
        Tensor.manualSeed(4);
        GradCheck.assertGradients(in -> Tensor.apply("gelu", in[0].t()), Tensor.randn(DType.FLOAT64, 3, 4));
    }

    @Test
    void theLayerAppliesGeluAndHasNoParameters() {
        Layer layer = new GeluLayerProvider().create(List.of());
        Tensor x = Tensor.of(new float[] {-1, 0, 1, 2}, 2, 2);
        assertArrayEquals(Tensor.apply("gelu", x).toFloatArray(), layer.forward(x).toFloatArray());
        assertEquals(List.of(), layer.parameters());
        assertThrows(InvalidArgumentException.class, () -> new GeluLayerProvider().create(List.of("3")));
    }

    /** The same kit that {@code myelin plugin check} runs, in one line. */
    @TestFactory
    Stream<DynamicTest> conformance() {
        return OperatorConformance.against(new Gelu()).map(c -> DynamicTest.dynamicTest(c.name(), c::run));
    }
}
