package org.myelin.autograd;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.myelin.api.DType;
import org.myelin.api.Tensor;

/**
 * Composite graphs checked against PyTorch: forward values and the gradient of a scalar loss with
 * respect to every leaf, in float64 and float32.
 *
 * <p>The values come from {@code golden/golden.txt}, written by {@code golden/make_golden.py}
 * (regenerate with {@code /usr/bin/python3 make_golden.py > golden.txt} in that folder). Each graph
 * below mirrors the Python function of the same name op for op; the inputs are read from the file,
 * so both sides start from bit-identical values (float32 inputs are written as exact float32
 * values).
 *
 * <p>Tolerance, per compared tensor: every element must satisfy
 * {@code |actual - expected| <= tol * max(|expected|, ||expected||_inf)}, that is a relative error
 * measured against the tensor's own scale (its largest magnitude), with {@code tol = 1e-6} in
 * float64 and {@code 1e-4} in float32. The scale floor keeps an element that is a cancellation of
 * larger terms (a gradient near zero among gradients near one) from failing on float32 rounding,
 * which is of the order of the tensor's scale, not of the element; an all-zero expected tensor must
 * then match exactly. NaN never passes. The script checks that its own float32 reference is within
 * 2.5e-5 of float64 run on the same inputs, so a correct engine cannot fail on PyTorch's rounding.
 */
class PyTorchGoldenTest {

    private static final String RESOURCE = "/golden/golden.txt";
    private static final List<String> DTYPES = List.of("f64", "f32");

    /** One line of the golden file. */
    private record Entry(String role, String name, long[] shape, double[] values, long[] ints) {}

    /** A graph: leaves by name in, named results (with the scalar {@code loss}) out. */
    @FunctionalInterface
    private interface Graph {
        Map<String, Tensor> build(Map<String, Tensor> t);
    }

    private static final Map<String, Graph> GRAPHS = new LinkedHashMap<>();

    static {
        GRAPHS.put("mlp_tanh", t -> mlp(t, Tensor::tanh));
        GRAPHS.put("mlp_sigmoid", t -> mlp(t, Tensor::sigmoid));
        GRAPHS.put("residual", PyTorchGoldenTest::residual);
        GRAPHS.put("broadcast", PyTorchGoldenTest::broadcast);
        GRAPHS.put("matmul_chain", PyTorchGoldenTest::matmulChain);
        GRAPHS.put("matvec", PyTorchGoldenTest::matvec);
        GRAPHS.put("logsumexp", PyTorchGoldenTest::logsumexp);
    }

    // ------------------------------------------------------------------------------ the graphs

    private static Tensor linear(Tensor x, Tensor w, Tensor b) {
        return x.matmul(w.t()).add(b);
    }

    /** (a) x[8,5] -> linear(5,7) -> act -> linear(7,4) -> cross-entropy as -mean(gather(log_softmax)). */
    private static Map<String, Tensor> mlp(Map<String, Tensor> t, UnaryOperator<Tensor> act) {
        Tensor h = act.apply(linear(t.get("x"), t.get("W1"), t.get("b1")));
        Tensor logits = linear(h, t.get("W2"), t.get("b2"));
        Tensor logp = logits.logSoftmax(1);
        Tensor index = Tensor.of(t.get("y").toLongArray(), 8, 1);
        Tensor loss = logp.gather(1, index).neg().mean();
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("h", h);
        out.put("logits", logits);
        out.put("logp", logp);
        out.put("ce_torch", loss); // torch.nn.functional.cross_entropy(logits, y) must equal it
        out.put("loss", loss);
        return out;
    }

    /** (b) r1 = x + relu(x W1ᵀ + b1) W2ᵀ; z = r1 Wsᵀ + relu(r1 W3ᵀ + b3) W4ᵀ; loss = sum(z*z). */
    private static Map<String, Tensor> residual(Map<String, Tensor> t) {
        Tensor x = t.get("x");
        Tensor pre1 = linear(x, t.get("W1"), t.get("b1"));
        Tensor r1 = x.add(pre1.relu().matmul(t.get("W2").t()));
        Tensor pre2 = linear(r1, t.get("W3"), t.get("b3"));
        Tensor z = r1.matmul(t.get("Ws").t()).add(pre2.relu().matmul(t.get("W4").t()));
        Tensor loss = z.mul(z).sum();
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("r1", r1);
        out.put("z", z);
        out.put("loss", loss);
        return out;
    }

    /** (c) u = a[3,1,4]*b[5,1] + c[4], reduced by sum over axes, mean, max along an axis and max. */
    private static Map<String, Tensor> broadcast(Map<String, Tensor> t) {
        Tensor a = t.get("a");
        Tensor b = t.get("b");
        Tensor c = t.get("c");
        Tensor u = a.mul(b).add(c);
        Tensor s = u.sum(new int[] {0, 2}, false);
        Tensor m = u.mean(1, true);
        Tensor mx = u.max(2, false);
        Tensor v = a.sub(c).div(b.mul(b).add(1));
        Tensor w = v.sum(-1, false);
        Tensor g = u.max();
        Tensor loss = s.mul(s).mean().add(m.mul(m).sum()).add(mx.tanh().sum()).add(w.mean()).add(g);
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("u", u);
        out.put("s", s);
        out.put("m", m);
        out.put("mx", mx);
        out.put("v", v);
        out.put("w", w);
        out.put("g", g);
        out.put("loss", loss);
        return out;
    }

    /** (d) Aᵀ B Cᵀ, its batched form with transpose(-1,-2), and a batched-times-matrix broadcast. */
    private static Map<String, Tensor> matmulChain(Map<String, Tensor> t) {
        Tensor p = t.get("A").t().matmul(t.get("B")).matmul(t.get("C").t());
        Tensor q = t.get("X").transpose(-1, -2).matmul(t.get("Y")).matmul(t.get("Z").transpose(-1, -2));
        Tensor r = t.get("X").transpose(-1, -2).matmul(t.get("B")).matmul(t.get("C").t());
        Tensor loss = p.mul(p).mean().add(q.sigmoid().sum()).add(r.tanh().sum());
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("P", p);
        out.put("Q", q);
        out.put("R", r);
        out.put("loss", loss);
        return out;
    }

    /** 1-d operands of matmul: vector-matrix, matrix-vector and vector-vector. */
    private static Map<String, Tensor> matvec(Map<String, Tensor> t) {
        Tensor uM = t.get("u").matmul(t.get("M"));
        Tensor mv = t.get("M").matmul(t.get("v"));
        Tensor s = uM.matmul(t.get("v"));
        Tensor loss = s.add(mv.mul(mv).sum());
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("uM", uM);
        out.put("Mv", mv);
        out.put("s", s);
        out.put("loss", loss);
        return out;
    }

    /** (e) logsumexp of large values (x ~ 50·randn, shifted by 700) along both axes, softmax, log-softmax. */
    private static Map<String, Tensor> logsumexp(Map<String, Tensor> t) {
        Tensor x = t.get("x");
        Tensor y = t.get("y");
        Tensor lseRow = x.add(700).logSumExp(1);
        Tensor lseCol = x.logSumExp(-2);
        Tensor sm = x.mul(0.05).add(y).softmax(1);
        Tensor ls = y.sub(x.mul(0.02)).logSoftmax(-1);
        Tensor loss = lseRow.mean()
                .add(lseCol.sum().mul(0.1))
                .add(sm.mul(t.get("K")).sum())
                .sub(ls.mul(t.get("T")).sum().div(6));
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("lse_row", lseRow);
        out.put("lse_col", lseCol);
        out.put("sm", sm);
        out.put("ls", ls);
        out.put("loss", loss);
        return out;
    }

    // ------------------------------------------------------------------------------ the tests

    @TestFactory
    Stream<DynamicTest> everyGraphMatchesPyTorch() {
        Map<String, Map<String, Entry>> golden = golden();
        List<DynamicTest> tests = new ArrayList<>();
        for (String graph : GRAPHS.keySet()) {
            for (String dtype : DTYPES) {
                String key = graph + "." + dtype;
                tests.add(DynamicTest.dynamicTest(graph + " " + dtype, () -> {
                    Map<String, Entry> entries = golden.get(key);
                    assertNotNull(entries, key + " is missing from " + RESOURCE + "; regenerate it");
                    check(graph, dtype, GRAPHS.get(graph), entries);
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void goldenFileCoversExactlyTheGraphsHere() {
        Set<String> expected = new TreeSet<>();
        for (String graph : GRAPHS.keySet()) {
            for (String dtype : DTYPES) {
                expected.add(graph + "." + dtype);
            }
        }
        assertEquals(expected, new TreeSet<>(golden().keySet()),
                "graphs in " + RESOURCE + " versus graphs built by this test");
    }

    private static void check(String graph, String dtype, Graph builder, Map<String, Entry> entries) {
        boolean f64 = dtype.equals("f64");
        DType type = f64 ? DType.FLOAT64 : DType.FLOAT32;
        double tol = f64 ? 1e-6 : 1e-4;
        String where = graph + " " + dtype;

        Map<String, Tensor> leaves = new LinkedHashMap<>();
        Map<String, Entry> outs = new LinkedHashMap<>();
        Map<String, Entry> grads = new LinkedHashMap<>();
        for (Entry e : entries.values()) {
            switch (e.role()) {
                case "in", "const" -> leaves.put(e.name(), leaf(e, f64).requiresGrad(e.role().equals("in")));
                case "idx" -> leaves.put(e.name(), Tensor.of(e.ints(), e.shape()));
                case "out" -> outs.put(e.name(), e);
                case "grad" -> grads.put(e.name(), e);
                default -> fail(where + ": unknown role " + e.role() + " in " + RESOURCE);
            }
        }
        Set<String> wantGrads = new LinkedHashSet<>();
        entries.values().stream().filter(e -> e.role().equals("in")).forEach(e -> wantGrads.add(e.name()));
        assertEquals(wantGrads, grads.keySet(), where + ": the file must hold a gradient for every 'in' leaf");

        Map<String, Tensor> results = builder.build(leaves);
        assertEquals(outs.keySet(), results.keySet(), where + ": forward results named in the file versus built here");
        Tensor loss = results.get("loss");
        assertNotNull(loss, where + ": the graph has no loss");
        loss.backward();

        List<Executable> checks = new ArrayList<>();
        for (Entry e : outs.values()) {
            Tensor actual = results.get(e.name());
            checks.add(() -> compare(where, "out " + e.name(), type, tol, e, actual));
        }
        for (Entry e : grads.values()) {
            Tensor leaf = leaves.get(e.name());
            checks.add(() -> {
                Tensor g = leaf.grad();
                assertNotNull(g, where + ": grad of leaf " + e.name() + " is null after backward");
                compare(where, "grad " + e.name(), type, tol, e, g);
            });
        }
        assertAll(where, checks);
    }

    private static Tensor leaf(Entry e, boolean f64) {
        if (f64) {
            return Tensor.of(e.values().clone(), e.shape());
        }
        float[] data = new float[e.values().length];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) e.values()[i]; // exact: the file holds float32 values
        }
        return Tensor.of(data, e.shape());
    }

    private static void compare(String where, String what, DType type, double tol, Entry e, Tensor actual) {
        String label = where + " " + what;
        assertArrayEquals(e.shape(), actual.shape().toArray(),
                () -> label + ": shape expected " + Arrays.toString(e.shape()) + " but was " + actual.shape());
        assertEquals(type, actual.dtype(), label + ": dtype");
        double[] got = actual.toDoubleArray();
        double[] want = e.values();
        assertEquals(want.length, got.length, label + ": number of elements");
        double scale = 0;
        for (double w : want) {
            scale = Math.max(scale, Math.abs(w));
        }
        StringBuilder report = new StringBuilder();
        int bad = 0;
        int worst = -1;
        double worstRatio = 0;
        for (int i = 0; i < want.length; i++) {
            double bound = tol * Math.max(Math.abs(want[i]), scale);
            double diff = Math.abs(got[i] - want[i]);
            if (!(diff <= bound)) {
                bad++;
                double ratio = bound == 0 ? Double.POSITIVE_INFINITY : diff / bound;
                if (worst < 0 || !(ratio <= worstRatio)) {
                    worst = i;
                    worstRatio = ratio;
                }
                if (bad <= 5) {
                    report.append(String.format("%n  %s%s (flat %d): expected %.17g, actual %.17g, |diff| %.3g > bound %.3g",
                            what, index(i, e.shape()), i, want[i], got[i], diff, bound));
                }
            }
        }
        if (bad > 0) {
            fail(String.format("%s: %d of %d elements off (tol %.0e relative to max(|expected|, ||expected||_inf = %.6g));"
                    + " worst at %s: expected %.17g, actual %.17g%s",
                    label, bad, want.length, tol, scale, index(worst, e.shape()), want[worst], got[worst], report));
        }
    }

    private static String index(int flat, long[] shape) {
        if (shape.length == 0) {
            return "[]";
        }
        long[] idx = new long[shape.length];
        long rest = flat;
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = rest % shape[d];
            rest /= shape[d];
        }
        return Arrays.toString(idx);
    }

    // ------------------------------------------------------------------------------ the file

    private static Map<String, Map<String, Entry>> golden() {
        Map<String, Map<String, Entry>> byGraph = new LinkedHashMap<>();
        try (InputStream in = PyTorchGoldenTest.class.getResourceAsStream(RESOURCE)) {
            assertNotNull(in, RESOURCE + " is not on the test class path");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] tok = line.trim().split("\\s+");
                String[] key = tok[0].split("\\.");
                assertTrue(key.length == 4 && tok.length >= 2, RESOURCE + ":" + number + ": malformed line");
                long[] shape = tok[1].equals("scalar")
                        ? new long[0]
                        : Arrays.stream(tok[1].split(",")).mapToLong(Long::parseLong).toArray();
                long numel = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
                assertEquals(numel, tok.length - 2, RESOURCE + ":" + number + ": value count versus shape");
                double[] values = null;
                long[] ints = null;
                if (key[2].equals("idx")) {
                    ints = new long[(int) numel];
                    for (int i = 0; i < numel; i++) {
                        ints[i] = Long.parseLong(tok[i + 2]);
                    }
                } else {
                    values = new double[(int) numel];
                    for (int i = 0; i < numel; i++) {
                        values[i] = Double.parseDouble(tok[i + 2]);
                    }
                }
                Map<String, Entry> entries = byGraph.computeIfAbsent(key[0] + "." + key[1], k -> new LinkedHashMap<>());
                Entry previous = entries.put(key[2] + "." + key[3], new Entry(key[2], key[3], shape, values, ints));
                assertTrue(previous == null, RESOURCE + ":" + number + ": duplicate " + tok[0]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byGraph;
    }
}
