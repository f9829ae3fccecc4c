package org.myelin.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.myelin.api.DType;
import org.myelin.api.Tensor;
import org.myelin.nn.loss.BCELoss;
import org.myelin.nn.loss.BCEWithLogitsLoss;
import org.myelin.nn.loss.CrossEntropyLoss;
import org.myelin.nn.loss.Loss;
import org.myelin.nn.loss.MSELoss;
import org.myelin.nn.loss.NLLLoss;
import org.myelin.nn.loss.Reduction;

/**
 * Forward values and gradients of every layer and loss against PyTorch's, read from
 * {@code golden/nn_golden.txt} (made by {@code golden/make_nn_golden.py}). Each case is rebuilt
 * from the file's inputs and parameters; float64 cases must agree within 1e-6 and float32 cases
 * within 1e-4, relative to each tensor's largest magnitude.
 */
class GoldenTest {

    /** One array of the file. */
    record Array(long[] shape, double[] values) {
        Tensor tensor(DType dtype) {
            Tensor t = Tensor.of(values, shape).to(dtype);
            return shape.length == 0 ? t.reshape() : t;
        }

        Tensor indices() {
            long[] v = new long[values.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = (long) values[i];
            }
            return Tensor.of(v, shape);
        }
    }

    private static final Map<String, Supplier<Module>> LAYERS = Map.ofEntries(
            Map.entry("linear", () -> new Linear(3, 2)),
            Map.entry("linear_nobias", () -> new Linear(3, 2, false)),
            Map.entry("sigmoid", Sigmoid::new),
            Map.entry("tanh", Tanh::new),
            Map.entry("relu", ReLU::new),
            Map.entry("leaky_relu", () -> new LeakyReLU(0.2)),
            Map.entry("leaky_relu_default", LeakyReLU::new),
            Map.entry("softplus", Softplus::new),
            Map.entry("softmax_dim1", () -> new Softmax(1)),
            Map.entry("softmax_dim0", () -> new Softmax(0)),
            Map.entry("log_softmax_dim1", () -> new LogSoftmax(1)),
            Map.entry("log_softmax_dim0", () -> new LogSoftmax(0)),
            Map.entry("flatten", Flatten::new),
            Map.entry("sequential", () -> new Sequential(new Linear(3, 5), new Sigmoid(), new Linear(5, 2))),
            Map.entry("residual", () -> new Residual(new Sequential(new Linear(3, 3), new Tanh()))),
            Map.entry("residual_projected", () -> new Residual(new Sequential(new Linear(3, 4), new Tanh()), 3, 4)),
            Map.entry("conv2d", () -> new Conv2d(2, 3, 3)),
            Map.entry("conv2d_stride2_pad1", () -> new Conv2d(2, 4, 3, 2, 1)),
            Map.entry("conv2d_dilated", () -> conv(2, 2, i(2, 3), i(1), i(1, 2), i(2), 1, true)),
            Map.entry("conv2d_groups", () -> conv(4, 6, i(3), i(1), i(0), i(1), 2, false)),
            Map.entry("conv2d_1x1", () -> new Conv2d(2, 3, 1)),
            Map.entry("conv2d_large_kernel", () -> new Conv2d(1, 2, 5, 2, 2)),
            Map.entry("conv2d_nonsquare", () -> conv(2, 2, i(3, 1), i(1, 2), i(0, 1), i(1), 1, true)),
            Map.entry("maxpool2d", () -> new MaxPool2d(2)),
            Map.entry("maxpool2d_s2_p1", () -> new MaxPool2d(i(3), i(2), i(1), i(1))),
            Map.entry("maxpool2d_dilated", () -> new MaxPool2d(i(2), i(1), i(0), i(2))),
            Map.entry("avgpool2d", () -> new AvgPool2d(2)),
            Map.entry("avgpool2d_s2_p1", () -> new AvgPool2d(i(3), i(2), i(1), true)),
            Map.entry("avgpool2d_exclude_pad", () -> new AvgPool2d(i(3), i(2), i(1), false)),
            Map.entry("adaptiveavgpool2d_2x4", () -> new AdaptiveAvgPool2d(2, 4)),
            Map.entry("adaptiveavgpool2d_1", () -> new AdaptiveAvgPool2d(1)),
            Map.entry("batchnorm2d_train", () -> new BatchNorm2d(3)),
            Map.entry("batchnorm2d_eval", () -> new BatchNorm2d(3).eval()),
            Map.entry("batchnorm1d_train", () -> new BatchNorm1d(3)),
            Map.entry("batchnorm1d_eval", () -> new BatchNorm1d(3).eval()),
            Map.entry("batchnorm1d_3d_train", () -> new BatchNorm1d(2, 1e-5, 0.3, true, true)),
            Map.entry("layernorm", () -> new LayerNorm(3)),
            Map.entry("layernorm_2d", () -> new LayerNorm(2, 3)),
            Map.entry("unflatten", () -> new Unflatten(1, 2, 2, 3)),
            Map.entry("lenet_block", () -> new Sequential(new Conv2d(1, 2, 3, 1, 1), new ReLU(), new MaxPool2d(2),
                    new Flatten(), new Linear(2 * 3 * 4, 3))));

    private static int[] i(int... v) {
        return v;
    }

    private static Module conv(long in, long out, int[] k, int[] s, int[] p, int[] d, int groups, boolean bias) {
        return new Conv2d(in, out, k, s, p, d, groups, bias, Tensor.defaultGenerator());
    }

    private static Loss loss(String name) {
        Reduction r = name.endsWith("_sum") ? Reduction.SUM : name.endsWith("_none") ? Reduction.NONE : Reduction.MEAN;
        if (name.equals("bce_near_edges")) {
            return new BCELoss(Reduction.NONE);
        }
        if (name.startsWith("bce_logits")) {
            return new BCEWithLogitsLoss(r);
        }
        if (name.startsWith("bce")) {
            return new BCELoss(r);
        }
        if (name.startsWith("cross_entropy")) {
            CrossEntropyLoss ce = new CrossEntropyLoss(r);
            return name.contains("smooth") ? ce.labelSmoothing(0.1) : ce;
        }
        if (name.startsWith("nll")) {
            return new NLLLoss(r);
        }
        if (name.startsWith("mse")) {
            return new MSELoss(r);
        }
        return null;
    }

    /** @return case name to (array name to array), in file order */
    static Map<String, Map<String, Array>> read() throws IOException {
        Map<String, Map<String, Array>> cases = new LinkedHashMap<>();
        InputStream in = GoldenTest.class.getResourceAsStream("/golden/nn_golden.txt");
        assertNotNull(in, "golden/nn_golden.txt is missing; run golden/make_nn_golden.py");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split(" ");
                int dot = parts[0].indexOf('.');
                long[] shape = parts[1].equals("scalar") ? new long[0]
                        : Stream.of(parts[1].split("x")).mapToLong(Long::parseLong).toArray();
                double[] values = new double[parts.length - 2];
                for (int i = 0; i < values.length; i++) {
                    values[i] = Double.parseDouble(parts[i + 2]);
                }
                cases.computeIfAbsent(parts[0].substring(0, dot), k -> new LinkedHashMap<>())
                        .put(parts[0].substring(dot + 1), new Array(shape, values));
            }
        }
        return cases;
    }

    @TestFactory
    List<DynamicTest> everyLayerAndLossMatchesPyTorch() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        Map<String, Map<String, Array>> cases = read();
        assertTrue(cases.size() >= 126, "only " + cases.size() + " golden cases");
        cases.forEach((name, arrays) -> tests.add(DynamicTest.dynamicTest(name, () -> run(name, arrays))));
        return tests;
    }

    private static void run(String caseName, Map<String, Array> a) {
        boolean f64 = caseName.endsWith("_f64");
        DType dtype = f64 ? DType.FLOAT64 : DType.FLOAT32;
        double tol = f64 ? 1e-6 : 1e-4;
        String base = caseName.substring(0, caseName.length() - 4);
        Tensor x = a.get("x").tensor(dtype).requiresGrad(true);
        if (LAYERS.containsKey(base)) {
            Module module = LAYERS.get(base).get().to(dtype);
            Map<String, Tensor> state = new LinkedHashMap<>();
            a.forEach((k, v) -> {
                if (k.startsWith("param.")) {
                    state.put(k.substring("param.".length()), v.tensor(dtype));
                }
            });
            module.loadStateDict(state);
            Tensor out = module.forward(x);
            out.mul(a.get("g").tensor(dtype)).sum().backward();
            compare(caseName + " out", a.get("out"), out, tol);
            compare(caseName + " grad.x", a.get("grad.x"), x.grad(), tol);
            module.namedParameters().forEach((k, p) -> compare(caseName + " grad." + k, a.get("grad." + k), p.grad(), tol));
            // Buffers after the forward: BatchNorm's running statistics, moved in training and kept in evaluation.
            module.namedBuffers().forEach((k, b) -> compare(caseName + " after." + k, a.get("after." + k), b, tol));
            assertEquals(state.size(), module.stateDict().size());
        } else {
            Loss loss = loss(base);
            assertNotNull(loss, "no Java case for golden case " + caseName);
            Array t = a.get("target");
            boolean indices = (base.startsWith("cross_entropy") && !base.contains("probs")) || base.startsWith("nll");
            Tensor target = indices ? t.indices() : t.tensor(dtype);
            Tensor out = loss.forward(x, target);
            if (a.containsKey("g")) {
                out.mul(a.get("g").tensor(dtype)).sum().backward();
            } else {
                out.backward();
            }
            compare(caseName + " out", a.get("out"), out, tol);
            compare(caseName + " grad.x", a.get("grad.x"), x.grad(), tol);
        }
    }

    private static void compare(String what, Array expected, Tensor actual, double tol) {
        assertNotNull(expected, what + ": not in the golden file");
        assertNotNull(actual, what + ": no tensor");
        assertArrayEquals(expected.shape(), actual.shape().toArray(), what + " shape");
        double scale = 0;
        for (double v : expected.values()) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertArrayEquals(expected.values(), actual.toDoubleArray(), tol * (scale == 0 ? 1 : scale), what);
    }
}
