package org.myelin.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.myelin.api.Attrs;
import org.myelin.api.AutogradException;
import org.myelin.api.Autograd;
import org.myelin.api.DType;
import org.myelin.api.DTypeException;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.Op;
import org.myelin.api.OpContext;
import org.myelin.api.OpSchema;
import org.myelin.api.Operator;
import org.myelin.api.Shape;
import org.myelin.api.Tensor;
import org.myelin.api.TensorEngine;
import org.myelin.api.UnknownNameException;
import org.myelin.api.spi.EngineRuntime;
import org.myelin.testkit.GradCheck;

/** Operators declared by schema, the narrow Tensor, gradients as values, and the engine as an instance. */
class DeclarationsTest {

    @Test
    void tensorLeavesOnlyStateToAnEngine() {
        List<String> abstractMethods = Arrays.stream(Tensor.class.getMethods())
                .filter(m -> Modifier.isAbstract(m.getModifiers())).map(Method::getName).sorted().toList();
        assertTrue(abstractMethods.size() <= 16, "Tensor's abstract methods: " + abstractMethods);
        assertTrue(abstractMethods.stream().noneMatch(n -> n.equals("add") || n.equals("matmul") || n.equals("fill")),
                "operations are default methods over apply: " + abstractMethods);
    }

    @Test
    void aReferenceIsInternedAndCallsTheSameOperatorAsItsName() {
        assertSame(Op.LINEAR, Op.named("linear"));
        Tensor x = Tensor.of(new float[] {1, 2}, 1, 2);
        Tensor w = Tensor.of(new float[] {3, 4, 5, 6}, 2, 2);
        assertArrayEquals(Tensor.apply("linear", x, w).toFloatArray(), Tensor.apply(Op.LINEAR, x, w).toFloatArray());
    }

    @Test
    void theSchemaRefusesAnUnknownAttributeAWrongTypeAndAMissingOne() {
        Tensor x = Tensor.ones(2);
        var unknown = assertThrows(InvalidArgumentException.class,
                () -> Tensor.apply(Op.LEAKY_RELU, Attrs.of("slop", 0.2), x));
        assertTrue(unknown.getMessage().contains("'slop'") && unknown.getMessage().contains("slope: a number = 0.01"),
                unknown.getMessage());
        var wrongType = assertThrows(InvalidArgumentException.class,
                () -> Tensor.apply(Op.LEAKY_RELU, Attrs.of("slope", "steep"), x));
        assertTrue(wrongType.getMessage().contains("must be a number"), wrongType.getMessage());
        var missing = assertThrows(InvalidArgumentException.class, () -> Tensor.apply(Op.TRANSPOSE, Attrs.of("axis0", 0), x));
        assertTrue(missing.getMessage().contains("needs attribute 'axis1'"), missing.getMessage());
        var inputs = assertThrows(InvalidArgumentException.class, () -> Tensor.apply(Op.MATMUL, x));
        assertTrue(inputs.getMessage().contains("takes 2 input tensors, got 1"), inputs.getMessage());
    }

    @Test
    void aDefaultFillsAnAttributeTheCallLeavesOut() {
        Tensor x = Tensor.of(new float[] {-2, 3});
        assertArrayEquals(new float[] {-0.02f, 3}, Tensor.apply(Op.LEAKY_RELU, x).toFloatArray(), 1e-7f);
    }

    @Test
    void aUsersOperatorDeclaresItsAttributesToo() {
        Operator scaled = new Operator() {
            @Override
            public String name() {
                return "scaled";
            }

            @Override
            public OpSchema schema() {
                return OpSchema.named("scaled").floating(0).attr("by", OpSchema.Attr.NUMBER, 2.0).build();
            }

            @Override
            public Tensor forward(OpContext ctx, Tensor... in) {
                return in[0].mul(ctx.attrs().getDouble("by"));
            }

            @Override
            public Tensor[] backward(OpContext ctx, Tensor g) {
                return new Tensor[] {g.mul(ctx.attrs().getDouble("by"))};
            }
        };
        assertArrayEquals(new float[] {2, 4}, Tensor.apply(scaled, Tensor.of(new float[] {1, 2})).toFloatArray());
        assertArrayEquals(new float[] {3, 6}, Tensor.apply(scaled, Attrs.of("by", 3), Tensor.of(new float[] {1, 2}))
                .toFloatArray());
        assertThrows(InvalidArgumentException.class, () -> Tensor.apply(scaled, Attrs.of("times", 3), Tensor.ones(1)));
        var integers = assertThrows(DTypeException.class, () -> Tensor.apply(scaled, Tensor.of(new long[] {1})));
        assertTrue(integers.getMessage().contains("floating-point"), integers.getMessage());
    }

    @Test
    void anElementwiseOperatorTakesOneDeclaration() {
        Operator cube = Operator.elementwise("cube_of", x -> x.pow(3), (x, y, g) -> g.mul(x.square().mul(3)));
        GradCheck.assertGradients(in -> Tensor.apply(cube, in[0]), Tensor.randn(DType.FLOAT64, 3, 2));
        GradCheck.assertSecondOrder(in -> Tensor.apply(cube, in[0]), Tensor.randn(DType.FLOAT64, 3, 2));
        assertEquals("CubeOfBackward", Tensor.apply(cube, Tensor.ones(2).requiresGrad(true)).gradFn());
    }

    @Test
    void mixedTypesArePromotedInTheGraphSoEachGradientKeepsItsInputsType() {
        Tensor a = Tensor.of(new float[] {1, 2}).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {3, 4}).requiresGrad(true);
        Tensor y = a.mul(b);
        assertEquals(DType.FLOAT64, y.dtype());
        y.sum().backward();
        assertEquals(DType.FLOAT32, a.grad().dtype());
        assertArrayEquals(new float[] {3, 4}, a.grad().toFloatArray());
        assertArrayEquals(new double[] {1, 2}, b.grad().toDoubleArray());
    }

    @Test
    void gradReturnsGradientsAndLeavesGradUntouched() {
        Tensor x = Tensor.of(new double[] {1, 2, 3}).requiresGrad(true);
        Tensor unused = Tensor.of(new double[] {1}).requiresGrad(true);
        Tensor h = x.square();
        Tensor y = h.sum();
        List<Tensor> g = TensorEngine.get().grad(List.of(y), List.of(x, h, unused), null, false, false, true);
        assertArrayEquals(new double[] {2, 4, 6}, g.get(0).toDoubleArray());
        assertArrayEquals(new double[] {1, 1, 1}, g.get(1).toDoubleArray(), "a non-leaf input gets its own gradient");
        assertNull(g.get(2));
        assertNull(x.grad(), "nothing was accumulated");
        var notUsed = assertThrows(AutogradException.class, () -> Autograd.grad(x.sum(), x, unused));
        assertTrue(notUsed.getMessage().contains("allowUnused"), notUsed.getMessage());
        Tensor other = Tensor.of(new double[] {5}).requiresGrad(true);
        assertNull(TensorEngine.get().grad(List.of(other.mul(2).sum()), List.of(x), null, false, false, true).get(0),
                "an output that does not depend on the input gives null");
    }

    @Test
    void aBackendScopeBelongsToItsThread() throws Exception {
        EngineRuntime runtime = EngineRuntime.get();
        String usual = runtime.backendFor("cpu").name();
        try (var scope = runtime.useBackend("reference")) {
            assertEquals("reference", runtime.backendFor("cpu").name());
            assertEquals(usual, CompletableFuture.supplyAsync(() -> runtime.backendFor("cpu").name()).get(),
                    "another thread keeps its backend");
            assertArrayEquals(new float[] {2, 4}, Tensor.of(new float[] {1, 2}).mul(2).toFloatArray());
        }
        assertEquals(usual, runtime.backendFor("cpu").name());
        assertThrows(UnknownNameException.class, () -> runtime.useBackend("no-such-backend"));
    }

    @Test
    void anEngineInstanceKeepsItsOwnOperatorsAndItsTensorsUseIt() {
        MyelinEngine mine = new MyelinEngine();
        mine.register(Operator.elementwise("only_here", x -> x.add(1), (x, y, g) -> g));
        Tensor t = mine.full(DType.FLOAT32, Shape.of(2), 1.0);
        assertSame(mine, t.engine());
        assertArrayEquals(new float[] {2, 2}, mine.apply("only_here", Attrs.EMPTY, t).toFloatArray());
        assertTrue(!TensorEngine.get().operators().contains("only_here"), "the global engine does not see it");
        assertArrayEquals(new float[] {3, 3}, t.add(2).toFloatArray(), "a tensor's methods run on its own engine");
    }

    @Test
    void anInPlaceOperatorNamesTheMethodWhenItRefuses() {
        Tensor w = Tensor.ones(3).requiresGrad(true);
        var e = assertThrows(AutogradException.class, () -> w.fill(0));
        assertTrue(e.getMessage().startsWith("fill: a tensor that requires grad"), e.getMessage());
    }
}
