package org.myelin.testkit;

import java.util.List;
import org.myelin.api.DType;

/** Conformance cases for {@code fill}, {@code copy} (every pair of types) and {@code arange}. */
final class FillCopyCases {
    private static final double[] FILL_VALUES = {2.75, -2.75, 0.1, 1e10, -0.0, 7};

    private FillCopyCases() {}

    static void addTo(List<ConformanceCase> cases, ViewMaker m) {
        addFill(cases, m);
        addCopy(cases, m);
        addArange(cases, m);
    }

    private static void addFill(List<ConformanceCase> cases, ViewMaker m) {
        for (DType dtype : Scenario.ALL_TYPES) {
            int i = 0;
            for (Scenario s : Scenario.standard(m)) {
                double value = FILL_VALUES[i++ % FILL_VALUES.length];
                HostView out = m.make(dtype, s.shape(), s.output() == Layout.CONTIGUOUS ? s.input() : s.output(),
                        Values.uniform(-9, 9));
                KernelCase.Builder b = KernelCase.named(Scenario.name("fill", Names.dtype(dtype), s.label(), "value " + value));
                int oi = b.output("out", out);
                cases.add(b.run((k, v) -> k.fill(v[oi], value)));
            }
        }
    }

    private static void addCopy(List<ConformanceCase> cases, ViewMaker m) {
        for (DType from : Scenario.ALL_TYPES) {
            for (DType to : Scenario.ALL_TYPES) {
                // Fractions of both signs check that float to INT64 truncates toward zero.
                Values values = from == DType.INT64 ? Values.integers(-100_000, 100_000) : Values.uniform(-1000, 1000);
                long p = m.pick(3, 7, 13);
                long q = m.pick(5, 31, 67);
                String types = Names.dtype(from) + " to " + Names.dtype(to);
                copy(cases, m, types, "transposed to contiguous", m.make(from, new long[] {p, q}, Layout.TRANSPOSED, values),
                        to, Layout.CONTIGUOUS);
                copy(cases, m, types, "into a slice", m.make(from, new long[] {p, q}, Layout.CONTIGUOUS, values),
                        to, Layout.SLICED);
                HostView row = m.make(from, new long[] {q}, Layout.OFFSET, values);
                copy(cases, m, types, "broadcast row", m.broadcast(row, new long[] {p, q}), to, Layout.OFFSET);
                copy(cases, m, types, "empty", m.make(from, new long[] {p, 0}, Layout.CONTIGUOUS, values), to,
                        Layout.CONTIGUOUS);
                copy(cases, m, types, "scalar", m.make(from, new long[0], Layout.SLICED, values), to, Layout.SLICED);
            }
        }
    }

    private static void copy(List<ConformanceCase> cases, ViewMaker m, String types, String tag, HostView src, DType to,
                             Layout dstLayout) {
        HostView dst = m.make(to, src.shape(), dstLayout, Values.integers(-9, 9));
        KernelCase.Builder b = KernelCase.named(Scenario.name("copy", types, Names.shape(src.shape()), tag));
        int si = b.input("src", src);
        int di = b.output("dst", dst);
        cases.add(b.run((k, v) -> k.copy(v[si], v[di])));
    }

    private static void addArange(List<ConformanceCase> cases, ViewMaker m) {
        for (DType dtype : Scenario.ALL_TYPES) {
            boolean integral = dtype == DType.INT64;
            double[][] startSteps = integral ? new double[][] {{-7, 3}, {100, -2}, {0, 1}, {5, 1}}
                    : new double[][] {{-3.5, 0.25}, {10, -1.5}, {0, 0.1}, {2.5, 1}};
            long[] sizes = {m.pick(257, 1031), m.pick(13, 31), 0, 1};
            Layout[] layouts = {Layout.CONTIGUOUS, Layout.SLICED, Layout.CONTIGUOUS, Layout.OFFSET};
            for (int i = 0; i < sizes.length; i++) {
                double start = startSteps[i][0];
                double step = startSteps[i][1];
                long[] shape = {sizes[i]};
                HostView out = m.make(dtype, shape, layouts[i], Values.integers(-9, 9));
                KernelCase.Builder b = KernelCase.named(Scenario.name("arange", Names.dtype(dtype), Names.shape(shape),
                        layouts[i].tag(), "start " + start, "step " + step)).tolerance(Tolerance.elementwise(dtype));
                int oi = b.output("out", out);
                cases.add(b.run((k, v) -> k.arange(v[oi], start, step)));
            }
        }
    }
}
