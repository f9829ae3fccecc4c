package org.myelin.autograd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.myelin.api.Attrs;
import org.myelin.api.DType;
import org.myelin.api.Op;
import org.myelin.api.Tensor;
import org.myelin.testkit.GradCheck;

/**
 * Float64 gradcheck of convolution and pooling over a grid of kernels (1×1, square, non-square,
 * larger than the stride), strides, paddings, dilations and groups, on odd, non-square images.
 */
class ConvGradcheckTest {
    private static final int[][] KERNELS = {{1, 1}, {3, 3}, {2, 3}};

    @TestFactory
    Stream<DynamicTest> conv2dOverTheGrid() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int[] k : KERNELS) {
            for (int stride : new int[] {1, 2}) {
                for (int pad : new int[] {0, 1}) {
                    for (int dil : new int[] {1, 2}) {
                        for (int groups : new int[] {1, 2}) {
                            if (dil > 1 && k[0] == 1 && k[1] == 1) {
                                continue; // a 1×1 kernel has no taps to space out
                            }
                            String name = "conv2d k" + k[0] + "x" + k[1] + " s" + stride + " p" + pad + " d" + dil
                                    + " g" + groups;
                            Attrs attrs = Attrs.of("stride", new int[] {stride, 1}, "padding", new int[] {pad, pad + 1},
                                    "dilation", new int[] {dil}, "groups", groups);
                            tests.add(DynamicTest.dynamicTest(name, () -> {
                                Tensor.manualSeed(name.hashCode());
                                Tensor x = Tensor.randn(DType.FLOAT64, 2, 2 * groups, 5, 6);
                                Tensor w = Tensor.randn(DType.FLOAT64, 2 * groups, 2, k[0], k[1]);
                                Tensor b = Tensor.randn(DType.FLOAT64, 2 * groups);
                                GradCheck.assertGradients(in -> Tensor.apply(Op.CONV2D, attrs, in[0], in[1], in[2]),
                                        x, w, b);
                            }));
                        }
                    }
                }
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> poolingOverTheGrid() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int[] k : new int[][] {{2, 2}, {3, 3}, {2, 3}}) {
            for (int stride : new int[] {1, 2}) {
                for (int pad : new int[] {0, 1}) {
                    for (int dil : new int[] {1, 2}) {
                        Attrs windows = ConvCases.windows(k, new int[] {stride}, new int[] {pad}, new int[] {dil});
                        String name = "k" + k[0] + "x" + k[1] + " s" + stride + " p" + pad + " d" + dil;
                        tests.add(DynamicTest.dynamicTest("max_pool2d " + name, () -> {
                            Tensor x = Tensor.of(distinct(2 * 3 * 7 * 6, name.hashCode()), 2, 3, 7, 6);
                            GradCheck.assertGradients(in -> Tensor.apply(Op.MAX_POOL2D, windows, in[0]), x);
                        }));
                        if (dil == 1) {
                            for (boolean include : new boolean[] {true, false}) {
                                tests.add(DynamicTest.dynamicTest("avg_pool2d " + name + " includePad " + include, () -> {
                                    Tensor x = Tensor.randn(DType.FLOAT64, 2, 3, 7, 6);
                                    Attrs a = Attrs.of("kernel", k, "stride", new int[] {stride}, "padding",
                                            new int[] {pad}, "countIncludePad", include);
                                    GradCheck.assertGradients(in -> Tensor.apply(Op.AVG_POOL2D, a, in[0]), x);
                                }));
                            }
                        }
                    }
                }
            }
        }
        assertTrue(tests.size() > 30);
        return tests.stream();
    }

    /** The tensor operations users miss for CNNs, built from the operators, differentiated through them. */
    @TestFactory
    Stream<DynamicTest> tensorOperationsBuiltOnTheOperators() {
        Tensor index = Tensor.of(new long[] {2, 0, 2, 1}, 4);
        Tensor mask = Tensor.of(new double[] {1, 0, 0, 1, 1, 0}, 2, 3);
        return Stream.of(
                DynamicTest.dynamicTest("stack along a middle axis", () -> GradCheck.assertGradients(
                        in -> Tensor.stack(1, in[0], in[1].exp(), in[0].square()), Tensor.randn(DType.FLOAT64, 2, 3),
                        Tensor.randn(DType.FLOAT64, 2, 3))),
                DynamicTest.dynamicTest("var and std, unbiased and not", () -> GradCheck.assertGradients(
                        in -> in[0].var(new int[] {0, 2}, true, true).add(in[0].std(new int[] {1}, false, true).sum()),
                        Tensor.randn(DType.FLOAT64, 3, 4, 2))),
                DynamicTest.dynamicTest("indexSelect with repeats", () -> GradCheck.assertGradients(
                        in -> in[0].indexSelect(1, index).exp(), Tensor.randn(DType.FLOAT64, 2, 3))),
                DynamicTest.dynamicTest("maskedFill", () -> GradCheck.assertGradients(
                        in -> in[0].maskedFill(mask, -2).exp(), Tensor.randn(DType.FLOAT64, 2, 3))),
                DynamicTest.dynamicTest("argmin and min agree", () -> {
                    Tensor x = Tensor.of(new double[] {3, -1, 2, -1, 0, 5}, 2, 3);
                    org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {1, 0}, x.argmin(1).toLongArray());
                    org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {-1, -1}, x.min(1, false).toDoubleArray());
                    // Squared deviations from the mean 4/3 sum to 88/3: over n - 1 = 5, and over n = 6.
                    org.junit.jupiter.api.Assertions.assertEquals(88.0 / 15, x.var().item(), 1e-12);
                    org.junit.jupiter.api.Assertions.assertEquals(Math.sqrt(88.0 / 18), x.std(new int[] {0, 1}, false, false)
                            .item(), 1e-12);
                }));
    }

    /** Distinct values a tenth apart, shuffled, so no window has a tie for its largest element. */
    private static double[] distinct(int n, long seed) {
        List<Double> v = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            v.add(i / 10.0);
        }
        java.util.Collections.shuffle(v, new java.util.Random(seed));
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @TestFactory
    Stream<DynamicTest> adaptivePoolingAndNormalisation() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int[] size : new int[][] {{1, 1}, {2, 3}, {5, 7}, {3, 2}}) {
            tests.add(DynamicTest.dynamicTest("adaptive_avg_pool2d " + size[0] + "x" + size[1], () ->
                    GradCheck.assertGradients(in -> Tensor.apply(Op.ADAPTIVE_AVG_POOL2D, Attrs.of("outputSize", size),
                            in[0]), Tensor.randn(DType.FLOAT64, 2, 2, 5, 7))));
        }
        tests.add(DynamicTest.dynamicTest("batch_norm 2-d, no affine", () -> GradCheck.assertGradients(
                in -> Tensor.apply(Op.BATCH_NORM, in[0]).exp(), Tensor.randn(DType.FLOAT64, 5, 3))));
        tests.add(DynamicTest.dynamicTest("batch_norm 3-d, weight only", () -> GradCheck.assertGradients(
                in -> Tensor.apply(Op.BATCH_NORM, in[0], in[1]).square(), Tensor.randn(DType.FLOAT64, 2, 3, 4),
                Tensor.randn(DType.FLOAT64, 3))));
        tests.add(DynamicTest.dynamicTest("layer_norm one axis, second order", () -> GradCheck.assertSecondOrder(
                in -> Tensor.apply(Op.LAYER_NORM, in[0], in[1], in[2]).tanh(), Tensor.randn(DType.FLOAT64, 3, 5),
                Tensor.randn(DType.FLOAT64, 5), Tensor.randn(DType.FLOAT64, 5))));
        tests.add(DynamicTest.dynamicTest("conv2d groups, second order", () -> GradCheck.assertSecondOrder(
                in -> Tensor.apply(Op.CONV2D, Attrs.of("groups", 2, "padding", new int[] {1}), in[0], in[1]).tanh(),
                Tensor.randn(DType.FLOAT64, 1, 2, 4, 3), Tensor.randn(DType.FLOAT64, 4, 1, 2, 2))));
        return tests.stream();
    }
}
