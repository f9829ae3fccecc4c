package org.myelin.testkit;

import org.myelin.api.spi.FusedKernels;
import java.util.List;
import org.myelin.api.DType;

/** Conformance cases for {@code softmax} and log-softmax: every axis position, large inputs, empty axes, in place. */
final class SoftmaxCases {
    private SoftmaxCases() {}

    static void addTo(List<ConformanceCase> cases, ViewMaker m) {
        for (boolean log : new boolean[] {false, true}) {
            for (DType dtype : Scenario.FLOATS) {
                long p = m.pick(3, 5, 7);
                long q = m.pick(10, 13, 31, 67);
                long r = m.pick(5, 13);
                Values values = Values.uniform(-4, 4);
                softmax(cases, m, log, dtype, "last axis", new long[] {p, q}, 1, Layout.CONTIGUOUS, Layout.CONTIGUOUS,
                        values, false);
                softmax(cases, m, log, dtype, "first axis, transposed", new long[] {q, p}, 0, Layout.TRANSPOSED,
                        Layout.CONTIGUOUS, values, false);
                softmax(cases, m, log, dtype, "middle axis, sliced in and out", new long[] {p, q, r}, 1, Layout.SLICED,
                        Layout.SLICED, values, false);
                // exp(80) overflows FLOAT32: only a kernel that subtracts the max first gets these right.
                softmax(cases, m, log, dtype, "large inputs", new long[] {p, q}, 1, Layout.CONTIGUOUS, Layout.CONTIGUOUS,
                        Values.uniform(-100, 100), false);
                softmax(cases, m, log, dtype, "size-1 axis", new long[] {q, 1}, 1, Layout.OFFSET, Layout.CONTIGUOUS,
                        values, false);
                softmax(cases, m, log, dtype, "long", new long[] {m.pick(1031, 4099)}, 0, Layout.CONTIGUOUS,
                        Layout.CONTIGUOUS, values, false);
                softmax(cases, m, log, dtype, "empty other axis", new long[] {0, q}, 1, Layout.CONTIGUOUS,
                        Layout.CONTIGUOUS, values, false);
                softmax(cases, m, log, dtype, "empty axis", new long[] {q, 0}, 1, Layout.CONTIGUOUS, Layout.CONTIGUOUS,
                        values, false);
                softmax(cases, m, log, dtype, "in place (out is x)", new long[] {p, q}, 1, Layout.SLICED, Layout.SLICED,
                        values, true);
            }
        }
    }

    private static void softmax(List<ConformanceCase> cases, ViewMaker m, boolean log, DType dtype, String tag,
                                long[] shape, int axis, Layout xLayout, Layout outLayout, Values values, boolean inPlace) {
        HostView x = m.make(dtype, shape, xLayout, values);
        KernelCase.Builder b = KernelCase.named(Scenario.name(log ? "softmax log" : "softmax", Names.dtype(dtype),
                        Names.shape(shape), "axis " + axis, tag))
                .tolerance(Tolerance.softmax(dtype, shape[axis], log, x.maxAbs()));
        if (inPlace) {
            int xi = b.output("x (also out)", x);
            cases.add(b.runFused(FusedKernels.Softmax.class, (k, v) -> k.softmax(v[xi], axis, v[xi], log)));
            return;
        }
        int xi = b.input("x", x);
        int oi = b.output("out", m.make(dtype, shape, outLayout, Values.integers(5, 9)));
        cases.add(b.runFused(FusedKernels.Softmax.class, (k, v) -> k.softmax(v[xi], axis, v[oi], log)));
    }
}
