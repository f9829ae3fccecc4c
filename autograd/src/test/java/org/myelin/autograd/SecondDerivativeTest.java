package org.myelin.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.myelin.api.Attrs;
import org.myelin.api.Autograd;
import org.myelin.api.GradMode;
import org.myelin.api.Op;
import org.myelin.api.Tensor;

/**
 * Second derivatives against PyTorch: for each case, g = dL/dx with {@code createGraph}, then the
 * Hessian-vector product d(sum g·v)/dx, as {@code golden/make_second_order.py} computes them with
 * {@code torch.autograd.grad(..., create_graph=True)}. Each function mirrors the script's of the same
 * name. Tolerance 1e-9 relative to each tensor's largest magnitude (float64 throughout).
 */
class SecondDerivativeTest {
    private static final String RESOURCE = "/golden/second_order.txt";
    private static final double TOL = 1e-9;

    private static final Map<String, Function<Tensor[], Tensor>> CASES = new LinkedHashMap<>();

    static {
        CASES.put("sigmoid", x -> x[0].sigmoid());
        CASES.put("tanh", x -> x[0].tanh());
        CASES.put("exp", x -> x[0].exp());
        CASES.put("log", x -> x[0].log());
        CASES.put("log1p", x -> x[0].log1p());
        CASES.put("sqrt", x -> x[0].sqrt());
        CASES.put("reciprocal", x -> x[0].reciprocal());
        CASES.put("square", x -> x[0].square());
        CASES.put("softplus", x -> x[0].softplus());
        CASES.put("pow_scalar", x -> x[0].pow(3));
        CASES.put("pow", x -> x[0].pow(x[1]));
        CASES.put("mul", x -> x[0].mul(x[1]).mul(x[0]));
        CASES.put("div", x -> x[0].div(x[1]));
        CASES.put("matmul", x -> x[0].matmul(x[1]).mul(x[0].matmul(x[1])));
        CASES.put("linear", x -> Tensor.apply(Op.LINEAR, x[0], x[1], x[2]).tanh());
        CASES.put("softmax", x -> x[0].softmax(1));
        CASES.put("log_softmax", x -> x[0].logSoftmax(0));
        CASES.put("logsumexp", x -> x[0].logSumExp(-1));
        CASES.put("cross_entropy", x -> Tensor.apply(Op.CROSS_ENTROPY, Attrs.EMPTY, x[0], Tensor.of(new long[] {2, 0, 3})));
        CASES.put("mean_sum", x -> x[0].sum(0, false).mul(x[0].mean(1, true)));
        CASES.put("max", x -> x[0].max(1, false).square());
        CASES.put("gather", x -> x[0].gather(1, Tensor.of(new long[] {2, 0, 1, 1}, 2, 2)).square());
        CASES.put("slice_cat", x -> Tensor.cat(1, x[0].slice(1, 1, 3).square(), x[0].slice(1, 0, 1).exp()));
        CASES.put("where_leaky", x -> Tensor.where(x[0].gt(0), x[0].square(), x[0].leakyRelu(0.1).mul(x[0])));
        CASES.put("clamp", x -> x[0].clamp(-0.5, 0.5).mul(x[0]));
    }

    private record Golden(Map<String, Tensor> tensors) {
        Tensor get(String name, int index) {
            Tensor t = tensors.get(name + "." + index);
            assertTrue(t != null, "golden file lacks " + name + "." + index);
            return t;
        }

        int inputs(String name) {
            int n = 0;
            while (tensors.containsKey(name + ".in." + n)) {
                n++;
            }
            return n;
        }
    }

    private static Golden golden() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        try (var in = SecondDerivativeTest.class.getResourceAsStream(RESOURCE);
             var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split(" ");
                long[] shape = parts[1].equals("scalar") ? new long[0]
                        : Arrays.stream(parts[1].split(",")).mapToLong(Long::parseLong).toArray();
                double[] values = new double[parts.length - 2];
                for (int i = 0; i < values.length; i++) {
                    values[i] = Double.parseDouble(parts[i + 2]);
                }
                tensors.put(parts[0], Tensor.of(values, shape));
            }
        }
        return new Golden(tensors);
    }

    @TestFactory
    Stream<DynamicTest> hessianVectorProductsMatchPyTorch() throws IOException {
        Golden golden = golden();
        return CASES.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            String name = e.getKey();
            int n = golden.inputs(name);
            assertTrue(n > 0, "golden file has case " + name);
            List<Tensor> xs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Tensor given = golden.get(name + ".in", i);
                xs.add(Tensor.of(given.toDoubleArray(), given.shape().toArray()).requiresGrad(true));
            }
            Tensor y = e.getValue().apply(xs.toArray(Tensor[]::new));
            Tensor loss = y.mul(golden.get(name + ".w", 0)).sum();
            List<Tensor> g = Autograd.grad(List.of(loss), xs, null, true);
            Tensor inner = null;
            for (int i = 0; i < n; i++) {
                Tensor term = g.get(i).mul(golden.get(name + ".v", i)).sum();
                inner = inner == null ? term : inner.add(term);
            }
            List<Tensor> h = inner.requiresGrad()
                    ? org.myelin.api.TensorEngine.get().grad(List.of(inner), xs, null, false, false, true)
                    : new ArrayList<>(java.util.Collections.nCopies(n, null));
            for (int i = 0; i < n; i++) {
                assertClose(name + " gradient of input " + i, golden.get(name + ".grad", i), g.get(i));
                Tensor hi = h.get(i) == null ? xs.get(i).detach().mul(0) : h.get(i);
                assertClose(name + " Hessian-vector product of input " + i, golden.get(name + ".hess", i), hi);
            }
        }));
    }

    @Test
    void everyGoldenCaseHasAJavaMirror() throws IOException {
        Golden golden = golden();
        List<String> inFile = golden.tensors().keySet().stream().filter(k -> k.contains(".in.0"))
                .map(k -> k.substring(0, k.indexOf('.'))).toList();
        assertEquals(inFile, new ArrayList<>(CASES.keySet()));
    }

    @Test
    void aRecordedBackwardLeavesAGradientThatCanBeDifferentiated() {
        // d/dx x^3 = 3x^2 kept in the graph by backward(createGraph); its own gradient is 6x.
        Tensor x = Tensor.of(new double[] {1, -2, 0.5}).requiresGrad(true);
        x.pow(3).sum().backward(null, false, true);
        Tensor first = x.grad();
        assertTrue(first.requiresGrad() && first.gradFn() != null, "the gradient is itself in the graph: " + first);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {3, 12, 0.75}, first.toDoubleArray(), 1e-12);
        x.setGrad(null);
        first.sum().backward();
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {6, -12, 3}, x.grad().toDoubleArray(), 1e-12);
        try (var g = GradMode.noGrad()) {
            assertTrue(!x.mul(2).requiresGrad(), "no-grad still records nothing");
        }
    }

    private static void assertClose(String what, Tensor expected, Tensor actual) {
        assertEquals(expected.shape(), actual.shape(), what + ": shape");
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        double scale = 0;
        for (double v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < e.length; i++) {
            assertTrue(Math.abs(a[i] - e[i]) <= TOL * Math.max(scale, 1e-300) || a[i] == e[i],
                    what + ": element " + i + " is " + a[i] + ", PyTorch " + e[i]);
        }
    }
}
