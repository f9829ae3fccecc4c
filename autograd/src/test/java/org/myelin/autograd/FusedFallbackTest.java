package org.myelin.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.myelin.api.Attrs;
import org.myelin.api.DType;
import org.myelin.api.Op;
import org.myelin.api.Tensor;
import org.myelin.api.spi.EngineRuntime;

/**
 * The operators a pack may fuse compute the same values and gradients without the pack's fused
 * kernels, in primitive tensor operations: the path every pack without them takes.
 */
class FusedFallbackTest {
    private static final Map<String, Function<Tensor[], Tensor>> CASES = new LinkedHashMap<>();

    static {
        CASES.put("conv2d, groups, stride, padding, dilation", in -> Tensor.apply(Op.CONV2D, Attrs.of("stride",
                new int[] {2, 1}, "padding", new int[] {1, 2}, "dilation", new int[] {1, 2}, "groups", 2), in[0], in[1]));
        CASES.put("max_pool2d 3x3 stride 2 padding 1, with ties", in -> Tensor.apply(Op.MAX_POOL2D, Attrs.of("kernel",
                new int[] {3}, "stride", new int[] {2}, "padding", new int[] {1}), in[0].clamp(-0.5, 0.5)));
        CASES.put("max_pool2d 2x2 dilated", in -> Tensor.apply(Op.MAX_POOL2D, Attrs.of("kernel", new int[] {2},
                "stride", new int[] {1}, "dilation", new int[] {2}), in[0]));
        CASES.put("avg_pool2d, padding excluded", in -> Tensor.apply(Op.AVG_POOL2D, Attrs.of("kernel", new int[] {3},
                "stride", new int[] {2}, "padding", new int[] {1}, "countIncludePad", false), in[0]));
        CASES.put("col2im of im2col", in -> {
            Attrs w = ConvCases.windows(new int[] {3, 2}, new int[] {1, 2}, new int[] {1}, new int[] {1});
            return Tensor.apply(Op.COL2IM, w.with("outputSize", new int[] {7, 6}), Tensor.apply(Op.IM2COL, w, in[0]));
        });
        CASES.put("softmax and log_softmax", in -> in[0].softmax(1).add(in[0].logSoftmax(-1)));
    }

    @TestFactory
    Stream<DynamicTest> sameValuesAndGradientsWithoutTheFusedKernels() {
        return CASES.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Tensor.manualSeed(e.getKey().hashCode());
            Tensor x = Tensor.randn(DType.FLOAT64, 2, 4, 7, 6);
            Tensor w = Tensor.randn(DType.FLOAT64, 6, 2, 3, 2);
            double[][] fused = run(e.getValue(), x, w);
            double[][] plain;
            try (var off = EngineRuntime.get().withoutFusedKernels()) {
                plain = run(e.getValue(), x, w);
            }
            for (int i = 0; i < fused.length; i++) {
                assertArrayEquals(plain[i], fused[i], 1e-12, e.getKey() + ": output and gradients, " + i);
            }
        }));
    }

    @org.junit.jupiter.api.Test
    void theScopeHidesEveryFusedKernelOnThisThreadOnly() throws Exception {
        OperatorRegistry registry = ((MyelinEngine) org.myelin.api.TensorEngine.get()).operatorRegistry();
        String backend = EngineRuntime.get().backendFor("cpu").name();
        assertNotNull(registry.kernel("im2col", backend, "cpu"), "the pack under test brings im2col");
        try (var off = EngineRuntime.get().withoutFusedKernels()) {
            try (var nested = EngineRuntime.get().withoutFusedKernels()) {
                org.junit.jupiter.api.Assertions.assertNull(registry.kernel("im2col", backend, "cpu"));
            }
            org.junit.jupiter.api.Assertions.assertNull(registry.kernel("max_pool2d", backend, "cpu"), "still inside");
            var seen = new java.util.concurrent.atomic.AtomicReference<Object>();
            Thread other = new Thread(() -> seen.set(registry.kernel("softmax", backend, "cpu")));
            other.start();
            other.join();
            assertNotNull(seen.get(), "another thread keeps the fused kernels");
        }
        assertNotNull(registry.kernel("im2col", backend, "cpu"), "back after the scope");
    }

    /** @return the output, then x's gradient, then w's (when used) */
    private static double[][] run(Function<Tensor[], Tensor> f, Tensor x0, Tensor w0) {
        Tensor x = x0.detach().requiresGrad(true);
        Tensor w = w0.detach().requiresGrad(true);
        Tensor out = f.apply(new Tensor[] {x, w});
        Tensor.manualSeed(7);
        Tensor g = Tensor.randn(DType.FLOAT64, out.shape().toArray());
        out.backward(g);
        assertNotNull(x.grad());
        return new double[][] {out.toDoubleArray(), x.grad().toDoubleArray(),
            w.grad() == null ? new double[0] : w.grad().toDoubleArray()};
    }
}
