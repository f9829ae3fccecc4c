package org.myelin.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.myelin.api.DType;
import org.myelin.api.Tensor;

/** The arrays PyTorch wrote into golden/optim_golden.txt (see make_optim_golden.py), by name. */
final class Golden {
    /** One array: its shape and its values, row-major. */
    record Array(long[] shape, double[] values) {}

    private static final Map<String, Array> ARRAYS = load();

    private Golden() {}

    static Array get(String name) {
        Array a = ARRAYS.get(name);
        assertNotNull(a, () -> "golden file has no array '" + name + "'; regenerate it with make_optim_golden.py");
        return a;
    }

    static double scalar(String name) {
        return get(name).values()[0];
    }

    static boolean has(String name) {
        return ARRAYS.containsKey(name);
    }

    static Iterable<String> names() {
        return ARRAYS.keySet();
    }

    /** @return a fresh tensor with the array's values and shape, in the given type */
    static Tensor tensor(String name, DType dtype) {
        Array a = get(name);
        return Tensor.of(a.values(), a.shape()).to(dtype);
    }

    /** Asserts that the tensor equals the array within |actual − expected| ≤ rel·|expected| + abs. */
    static void assertClose(String name, Tensor actual, double rel, double abs) {
        Array expected = get(name);
        assertEquals(Arrays.toString(expected.shape()), Arrays.toString(actual.shape().toArray()), name + ": shape");
        double[] got = actual.toDoubleArray();
        for (int i = 0; i < got.length; i++) {
            double want = expected.values()[i];
            if (!(Math.abs(got[i] - want) <= rel * Math.abs(want) + abs)) {
                fail(name + "[" + i + "]: expected " + want + " (PyTorch), got " + got[i] + ", difference "
                        + Math.abs(got[i] - want) + "; all values: " + Arrays.toString(got));
            }
        }
    }

    private static Map<String, Array> load() {
        var in = Golden.class.getResourceAsStream("/golden/optim_golden.txt");
        assertNotNull(in, "golden/optim_golden.txt is missing from the test resources");
        Map<String, Array> arrays = new LinkedHashMap<>();
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.trim().split(" ");
                String dims = fields[1].substring(1, fields[1].length() - 1);
                long[] shape = dims.isEmpty() ? new long[0] : Arrays.stream(dims.split(",")).mapToLong(Long::parseLong).toArray();
                double[] values = Arrays.stream(fields, 2, fields.length).mapToDouble(Double::parseDouble).toArray();
                arrays.put(fields[0], new Array(shape, values));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return arrays;
    }
}
