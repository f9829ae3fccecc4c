package org.myelin.testkit;

import java.util.List;
import org.myelin.api.DType;

/**
 * Conformance cases for {@code randomUniform} and {@code randomNormal}: draw numbers follow out's
 * row-major order even when out is transposed or sliced, counters cross the 32-bit boundary, and the
 * values must match the reference bit for bit.
 */
final class RandomCases {
    private RandomCases() {}

    static void addTo(List<ConformanceCase> cases, ViewMaker m) {
        long[] seeds = {42, 0x9E3779B97F4A7C15L, -1};
        for (boolean normal : new boolean[] {false, true}) {
            for (DType dtype : Scenario.FLOATS) {
                int i = 0;
                for (Scenario s : Scenario.standard(m)) {
                    long seed = seeds[i % seeds.length];
                    // Counters just below 2^32 make draw numbers carry into the counter's high word.
                    long counter = i % 2 == 0 ? 1000L * i : 0xFFFF_FFF0L;
                    double p1 = normal ? (i % 2 == 0 ? 0 : 2.5) : (i % 2 == 0 ? -1 : 0.5);
                    double p2 = normal ? (i % 2 == 0 ? 1 : 0.3) : (i % 2 == 0 ? 1 : 3.7);
                    Layout layout = s.output() == Layout.CONTIGUOUS ? s.input() : s.output();
                    HostView out = m.make(dtype, s.shape(), layout, Values.integers(90, 99));
                    String params = normal ? "mean " + p1 + " std " + p2 : "low " + p1 + " high " + p2;
                    KernelCase.Builder b = KernelCase.named(Scenario.name(normal ? "randomNormal" : "randomUniform",
                            Names.dtype(dtype), s.label(), "seed " + seed, "counter " + counter, params));
                    int oi = b.output("out", out);
                    cases.add(b.run((k, v) -> {
                        if (normal) {
                            k.randomNormal(v[oi], seed, counter, p1, p2);
                        } else {
                            k.randomUniform(v[oi], seed, counter, p1, p2);
                        }
                    }));
                    i++;
                }
            }
        }
    }
}
