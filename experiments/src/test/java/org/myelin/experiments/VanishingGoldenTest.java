package org.myelin.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.myelin.api.GradMode;
import org.myelin.api.Tensor;
import org.myelin.nn.Linear;
import org.myelin.nn.Sequential;

/**
 * The vanishing experiment's numbers against PyTorch: the same 784-30-30-30-30-10 weights, loaded
 * from {@code golden/vanishing_golden.txt} (made by {@code golden/make_vanishing_golden.py}), give
 * the same ‖∂C/∂b_l‖ for every layer of each variant, to 1e-5 relative.
 */
class VanishingGoldenTest {
    static final double RELATIVE = 1e-5;
    static Map<String, double[]> golden;
    static Map<String, long[]> shapes;

    @BeforeAll
    static void readGolden() throws IOException {
        golden = new HashMap<>();
        shapes = new HashMap<>();
        InputStream in = VanishingGoldenTest.class.getResourceAsStream("/golden/vanishing_golden.txt");
        assertNotNull(in, "golden/vanishing_golden.txt is missing; run golden/make_vanishing_golden.py");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split(" ");
                String[] dims = parts[1].split("x");
                long[] shape = new long[dims.length];
                for (int i = 0; i < dims.length; i++) {
                    shape[i] = Long.parseLong(dims[i]);
                }
                double[] values = new double[parts.length - 2];
                for (int i = 0; i < values.length; i++) {
                    values[i] = Double.parseDouble(parts[i + 2]);
                }
                golden.put(parts[0], values);
                shapes.put(parts[0], shape);
            }
        }
    }

    private static Tensor float32(String name) {
        double[] v = golden.get(name);
        assertNotNull(v, "no '" + name + "' in the golden file");
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return Tensor.of(f, shapes.get(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sigmoid", "relu", "residual"})
    void perLayerBiasGradientNormsMatchPyTorch(String kind) {
        Sequential model = VanishingNetworks.build(kind);
        List<Linear> layers = VanishingNetworks.linears(model);
        assertEquals(5, layers.size(), "784-30-30-30-30-10 has five linear layers");
        try (var g = GradMode.noGrad()) {
            for (int l = 0; l < layers.size(); l++) {
                layers.get(l).weight().copyFrom(float32("layer" + (l + 1) + ".weight"));
                layers.get(l).bias().copyFrom(float32("layer" + (l + 1) + ".bias"));
            }
        }
        double[] target = golden.get("target");
        long[] labels = new long[target.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (long) target[i];
        }
        double[] norms = GradientNorms.ofBiases(model, layers, float32("x"), Tensor.of(labels, labels.length));
        double[] expected = golden.get("norms." + kind);
        assertEquals(expected.length, norms.length);
        for (int l = 0; l < norms.length; l++) {
            double relative = Math.abs(norms[l] - expected[l]) / expected[l];
            int layer = l + 1;
            assertTrue(relative <= RELATIVE, () -> kind + " layer " + layer + ": Myelin " + norms[layer - 1] + ", PyTorch "
                    + expected[layer - 1] + ", relative error " + relative);
        }
        if (kind.equals("sigmoid")) {
            assertTrue(norms[0] < norms[3] / 10, "the golden sigmoid net shows the vanishing gradient");
        }
    }
}
