package org.myelin.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.myelin.api.DType;
import org.myelin.api.Op;
import org.myelin.api.Operator;
import org.myelin.api.Tensor;
import org.myelin.api.TensorEngine;
import org.myelin.autograd.ops.BuiltinOperators;
import org.myelin.testkit.GradCheck;

/** Every built-in differentiable operator passes gradcheck in float64, on plain, broadcast and view inputs. */
class OperatorGradcheckTest {
    /**
     * Operators with no gradient to check, and why. The in-place ones (their schema says which
     * inputs they change) are never recorded, so they have none either.
     */
    private static final Set<Op> NOT_DIFFERENTIABLE = Set.of(
            Op.COMPARE, // a 0/1 result: zero gradient everywhere
            Op.ARGMAX, // an index
            Op.ARGMIN, // an index
            Op.SIGN, // zero gradient almost everywhere
            Op.TO_DEVICE, // only one device here; covered by the GPU pack's own tests
            Op.TO_DTYPE); // float32 rounding defeats finite differences; checked by hand below

    private record Case(Op operator, String label, Function<Tensor[], Tensor> f, long[][] shapes) {}

    private static final Map<String, Case> CASES = new LinkedHashMap<>();

    private static void add(Op op, String label, Function<Tensor[], Tensor> f, long[]... shapes) {
        CASES.put(op + ": " + label, new Case(op, label, f, shapes));
    }

    private static int[] i(int... v) {
        return v;
    }

    private static long[] s(long... d) {
        return d;
    }

    static {
        add(Op.ADD, "broadcast [3,1]+[4]", in -> in[0].add(in[1]), s(3, 1), s(4));
        add(Op.SUB, "broadcast [2,3]-[3]", in -> in[0].sub(in[1]), s(2, 3), s(3));
        add(Op.MUL, "broadcast [2,1,3]*[4,1]", in -> in[0].mul(in[1]), s(2, 1, 3), s(4, 1));
        add(Op.DIV, "broadcast [2,3]/[2,1] (shifted away from 0)", in -> in[0].div(in[1].abs().add(1)), s(2, 3), s(2, 1));
        add(Op.POW, "tensor exponent", in -> in[0].abs().add(0.5).pow(in[1]), s(2, 3), s(3));
        add(Op.MAXIMUM, "broadcast", in -> in[0].maximum(in[1]), s(2, 3), s(3));
        add(Op.MINIMUM, "broadcast", in -> in[0].minimum(in[1]), s(2, 3), s(2, 1));
        add(Op.ADD_SCALAR, "x + 2.5", in -> in[0].add(2.5), s(2, 2));
        add(Op.MUL_SCALAR, "x * -3", in -> in[0].mul(-3), s(2, 2));
        add(Op.DIV_SCALAR, "x / 4", in -> in[0].div(4), s(2, 2));
        add(Op.RSUB_SCALAR, "1 - x", in -> in[0].rsub(1), s(3));
        add(Op.POW_SCALAR, "x^3 and |x|^0.5", in -> in[0].pow(3).add(in[0].abs().add(0.1).pow(0.5)), s(2, 3));
        add(Op.CLAMP, "clamp(-0.5, 0.5)", in -> in[0].clamp(-0.5, 0.5), s(3, 3));
        add(Op.NEG, "-x", in -> in[0].neg(), s(3));
        add(Op.EXP, "e^x", in -> in[0].exp(), s(2, 3));
        add(Op.LOG, "ln(|x|+0.5)", in -> in[0].abs().add(0.5).log(), s(2, 3));
        add(Op.LOG1P, "log1p(|x|)", in -> Tensor.apply("log1p", in[0].abs()), s(2, 3));
        add(Op.SQRT, "sqrt(|x|+0.5)", in -> in[0].abs().add(0.5).sqrt(), s(2, 3));
        add(Op.RECIPROCAL, "1/(|x|+1)", in -> in[0].abs().add(1).reciprocal(), s(2, 3));
        add(Op.ABS, "|x|", in -> in[0].abs(), s(2, 3));
        add(Op.SQUARE, "x^2", in -> in[0].square(), s(2, 3));
        add(Op.SIGMOID, "sigmoid", in -> in[0].sigmoid(), s(2, 3));
        add(Op.TANH, "tanh", in -> in[0].tanh(), s(2, 3));
        add(Op.RELU, "relu", in -> in[0].relu(), s(2, 3));
        add(Op.LEAKY_RELU, "slope 0.1", in -> in[0].leakyRelu(0.1), s(2, 3));
        add(Op.SOFTPLUS, "softplus", in -> in[0].mul(3).softplus(), s(2, 3));
        add(Op.WHERE, "broadcast condition", in -> Tensor.where(in[0].gt(0), in[0], in[1]), s(2, 3), s(3));
        add(Op.MATMUL, "plain", in -> in[0].matmul(in[1]), s(3, 4), s(4, 2));
        add(Op.MATMUL, "batched with broadcast batch", in -> in[0].matmul(in[1]), s(2, 1, 2, 3), s(3, 3, 2));
        add(Op.MATMUL, "transposed view operands", in -> in[0].t().matmul(in[1].t()), s(4, 3), s(2, 4));
        add(Op.MATMUL, "vector-matrix and matrix-vector", in -> in[0].matmul(in[1]).matmul(in[0]), s(3), s(3, 3));
        add(Op.RESHAPE, "reshape and flatten", in -> in[0].reshape(3, 2).flatten(0).mul(in[0].reshape(-1)), s(2, 3));
        add(Op.RESHAPE, "view of a transpose copies", in -> in[0].t().reshape(6).exp(), s(2, 3));
        add(Op.TRANSPOSE, "3-d", in -> in[0].transpose(0, 2).exp(), s(2, 3, 4));
        add(Op.SLICE, "slice of a slice", in -> in[0].slice(1, 1, 4).slice(0, -2, 2).exp(), s(3, 5));
        add(Op.EXPAND, "expand", in -> in[0].expand(4, 3, -1).mul(Tensor.arange(12).reshape(4, 3, 1).to(DType.FLOAT64)), s(3, 1));
        add(Op.COPY, "contiguous copy of a view", in -> in[0].t().contiguous().copy().mul(2), s(2, 3));
        add(Op.CAT, "three pieces", in -> Tensor.cat(1, in[0], in[1].exp(), in[0]), s(2, 2), s(2, 3));
        add(Op.GATHER, "pick per row", in -> in[0].gather(1, Tensor.of(new long[] {2, 0, 1, 1}, 2, 2)), s(2, 3));
        add(Op.SUM, "over axes, keepDim and not", in -> in[0].sum(new int[] {0, 2}, true).add(in[0].sum(1, false).sum()), s(2, 3, 4));
        add(Op.MEAN, "over one axis and all", in -> in[0].mean(1, false).mul(in[0].mean()), s(3, 4));
        add(Op.MAX, "along an axis and overall", in -> in[0].max(1, false).add(in[0].max()), s(3, 4));
        add(Op.LOGSUMEXP, "along the last axis", in -> in[0].logSumExp(-1), s(3, 5));
        add(Op.SOFTMAX, "along axis 0 of a view", in -> in[0].t().softmax(0), s(3, 4));
        add(Op.LOG_SOFTMAX, "along the last axis", in -> in[0].logSoftmax(-1), s(3, 4));
        add(Op.LINEAR, "with bias", in -> Tensor.apply("linear", in[0], in[1], in[2]), s(5, 3), s(4, 3), s(4));
        add(Op.LINEAR, "3-d input, no bias, transposed weight view", in -> Tensor.apply("linear", in[0], in[1].t()),
                s(2, 3, 4), s(4, 5));
        add(Op.SCATTER_ADD, "into a base, duplicate indices", in -> in[0].scatterAdd(1,
                Tensor.of(new long[] {2, 0, 2, 1, 1, 1}, 2, 3), in[1].exp()), s(2, 4), s(2, 3));
        add(Op.PAD, "two axes, a constant", in -> in[0].exp().pad(new long[] {1, 2, 0, 1}, 0.5).mul(
                Tensor.arange(20).reshape(4, 5).to(DType.FLOAT64)), s(3, 2));
        add(Op.PERMUTE, "3-d", in -> in[0].permute(2, 0, 1).exp().mul(Tensor.arange(24).reshape(4, 2, 3)
                .to(DType.FLOAT64)), s(2, 3, 4));
        add(Op.MIN, "along an axis and overall", in -> in[0].min(0, true).add(in[0].min()), s(3, 4));
        add(Op.IM2COL, "padded, strided, dilated", in -> Tensor.apply(Op.IM2COL, ConvCases.windows(i(2, 3), i(2, 1),
                i(1, 0), i(1, 2)), in[0]).exp(), s(2, 2, 5, 7));
        add(Op.COL2IM, "overlapping windows", in -> Tensor.apply(Op.COL2IM, ConvCases.windows(i(3), i(1), i(1), i(1))
                .with("outputSize", i(3, 4)), in[0]).exp(), s(2, 2 * 9, 12));
        add(Op.CONV2D, "with bias, stride 2, padding 1", in -> Tensor.apply(Op.CONV2D, org.myelin.api.Attrs.of(
                "stride", i(2), "padding", i(1)), in[0], in[1], in[2]).tanh(), s(2, 3, 5, 6), s(4, 3, 3, 3), s(4));
        add(Op.MAX_POOL2D, "3x3 stride 2 padding 1", in -> Tensor.apply(Op.MAX_POOL2D, org.myelin.api.Attrs.of("kernel",
                i(3), "stride", i(2), "padding", i(1)), in[0]).square(), s(2, 2, 5, 6));
        add(Op.AVG_POOL2D, "padding excluded", in -> Tensor.apply(Op.AVG_POOL2D, org.myelin.api.Attrs.of("kernel", i(3),
                "stride", i(2), "padding", i(1), "countIncludePad", false), in[0]).exp(), s(2, 2, 5, 6));
        add(Op.ADAPTIVE_AVG_POOL2D, "uneven windows", in -> Tensor.apply(Op.ADAPTIVE_AVG_POOL2D, org.myelin.api.Attrs.of(
                "outputSize", i(2, 3)), in[0]).exp(), s(2, 2, 5, 7));
        add(Op.BATCH_NORM, "affine, 4-d", in -> Tensor.apply(Op.BATCH_NORM, in[0], in[1], in[2]).tanh(),
                s(3, 2, 2, 3), s(2), s(2));
        add(Op.LAYER_NORM, "over two axes", in -> Tensor.apply(Op.LAYER_NORM, org.myelin.api.Attrs.of("normalizedDims", 2),
                in[0], in[1], in[2]).tanh(), s(2, 3, 4), s(3, 4), s(3, 4));
        add(Op.CROSS_ENTROPY, "mean, sum and none", in -> {
            Tensor t = Tensor.of(new long[] {2, 0, 3}, 3);
            Tensor none = Tensor.apply("cross_entropy", org.myelin.api.Attrs.of("reduction", "NONE"), in[0], t);
            return Tensor.apply("cross_entropy", in[0], t).add(
                    Tensor.apply("cross_entropy", org.myelin.api.Attrs.of("reduction", "SUM"), in[0], t))
                    .add(none.mul(Tensor.of(new double[] {1, -2, 0.5})).sum());
        }, s(3, 4));
    }

    @TestFactory
    Stream<DynamicTest> everyOperatorPassesGradcheck() {
        return CASES.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Tensor.manualSeed(e.getKey().hashCode());
            Case c = e.getValue();
            Tensor[] inputs = new Tensor[c.shapes().length];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = Tensor.randn(DType.FLOAT64, c.shapes()[i]);
            }
            GradCheck.assertGradients(c.f(), inputs);
        }));
    }

    /** The gradients are tensor operations too, so each can be differentiated again (createGraph). */
    @TestFactory
    Stream<DynamicTest> everyOperatorPassesSecondOrderGradcheck() {
        return CASES.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Tensor.manualSeed(e.getKey().hashCode());
            Case c = e.getValue();
            Tensor[] inputs = new Tensor[c.shapes().length];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = Tensor.randn(DType.FLOAT64, c.shapes()[i]);
            }
            GradCheck.assertSecondOrder(c.f(), inputs);
        }));
    }

    @Test
    void everyDifferentiableBuiltInOperatorHasACase() {
        Set<String> covered = new TreeSet<>();
        CASES.values().forEach(c -> covered.add(c.operator().name()));
        NOT_DIFFERENTIABLE.forEach(op -> covered.add(op.name()));
        Set<String> missing = new TreeSet<>();
        for (String name : new BuiltinOperators().operators().stream().map(Operator::name).toList()) {
            if (!covered.contains(name) && !TensorEngine.get().operator(name).schema().isInPlace()) {
                missing.add(name);
            }
        }
        assertEquals(Set.of(), missing, "operators without a gradcheck case");
    }

    @Test
    void conversionPassesTheGradientBackInTheInputsType() {
        Tensor x = Tensor.of(new double[] {1.5, -2.25, 3}).requiresGrad(true);
        Tensor y = x.to(DType.FLOAT32).mul(Tensor.of(new float[] {2, 3, 4}));
        assertEquals(DType.FLOAT32, y.dtype());
        y.sum().backward();
        assertEquals(DType.FLOAT64, x.grad().dtype());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {2, 3, 4}, x.grad().toDoubleArray(), 0.0);
    }

    @Test
    void secondOrderGradcheckCatchesAGradientThatLeavesTheGraph() {
        // Right to first order, but the saved input is detached, so differentiating the gradient loses x's part.
        Operator cube = new Operator() {
            @Override
            public String name() {
                return "detached_cube";
            }

            @Override
            public Tensor forward(org.myelin.api.OpContext ctx, Tensor... in) {
                ctx.saveForBackward(in[0]);
                return in[0].pow(3);
            }

            @Override
            public Tensor[] backward(org.myelin.api.OpContext ctx, Tensor g) {
                return new Tensor[] {g.mul(ctx.saved(0).detach().square().mul(3))};
            }
        };
        Tensor x = Tensor.randn(DType.FLOAT64, 4);
        assertEquals(0, GradCheck.check(in -> Tensor.apply(cube, in[0]), x).size(), "first order is right");
        assertEquals(4, GradCheck.checkSecondOrder(in -> Tensor.apply(cube, in[0]), x).size(),
                "the second derivative 6x is missing at every element");
    }

    @Test
    void gradcheckCatchesAWrongGradient() {
        org.myelin.api.Operator wrong = new org.myelin.api.Operator() {
            @Override
            public String name() {
                return "wrong_square";
            }

            @Override
            public Tensor forward(org.myelin.api.OpContext ctx, Tensor... in) {
                ctx.saveForBackward(in[0]);
                return in[0].square();
            }

            @Override
            public Tensor[] backward(org.myelin.api.OpContext ctx, Tensor g) {
                return new Tensor[] {g.mul(ctx.saved(0))};
            }
        };
        var bad = GradCheck.check(in -> Tensor.apply(wrong, in[0]), Tensor.randn(DType.FLOAT64, 4));
        assertEquals(4, bad.size(), "the factor 2 is missing in every element");
    }
}
