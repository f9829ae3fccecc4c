package org.myelin.testkit;

import java.util.List;
import org.myelin.api.DType;
import org.myelin.api.spi.ReduceOp;

/**
 * Conformance cases for {@code reduce} (one, several, all and no axes; strided inputs and outputs;
 * empty axes; NaN for max and min) and {@code argReduce} (ties, size-1 and long axes).
 */
final class ReduceCases {
    private ReduceCases() {}

    static void addTo(List<ConformanceCase> cases, ViewMaker m) {
        for (ReduceOp op : ReduceOp.values()) {
            boolean extremum = op == ReduceOp.MAX || op == ReduceOp.MIN;
            for (DType dtype : Scenario.FLOATS) {
                long p = m.pick(2, 3, 5);
                long q = m.pick(7, 13, 31);
                long r = m.pick(5, 13, 67);
                long n = m.pick(257, 1031);
                Values values = Values.uniform(-3, 3);
                reduce(cases, m, op, dtype, "all axes", new long[] {p, q, r}, Layout.CONTIGUOUS, new long[] {1, 1, 1},
                        Layout.CONTIGUOUS, values);
                reduce(cases, m, op, dtype, "axis 1, transposed", new long[] {p, q, r}, Layout.TRANSPOSED,
                        new long[] {p, 1, r}, Layout.CONTIGUOUS, values);
                reduce(cases, m, op, dtype, "last axis, sliced", new long[] {p, n}, Layout.SLICED, new long[] {p, 1},
                        Layout.CONTIGUOUS, values);
                reduce(cases, m, op, dtype, "axes 0 and 2, sliced in and out", new long[] {p, q, r}, Layout.SLICED,
                        new long[] {1, q, 1}, Layout.SLICED, values);
                reduce(cases, m, op, dtype, "no axis", new long[] {q, r}, Layout.TRANSPOSED, new long[] {q, r},
                        Layout.CONTIGUOUS, values);
                reduce(cases, m, op, dtype, "scalar", new long[0], Layout.SLICED, new long[0], Layout.CONTIGUOUS, values);
                reduce(cases, m, op, dtype, "long", new long[] {8191}, Layout.CONTIGUOUS, new long[] {1},
                        Layout.CONTIGUOUS, values);
                reduce(cases, m, op, dtype, "size-1 axes, offset", new long[] {1, q, 1}, Layout.OFFSET,
                        new long[] {1, 1, 1}, Layout.OFFSET, values);
                reduce(cases, m, op, dtype, "empty kept axis", new long[] {0, q}, Layout.CONTIGUOUS, new long[] {0, 1},
                        Layout.CONTIGUOUS, values);
                if (extremum) {
                    reduce(cases, m, op, dtype, "with NaN", new long[] {q, r}, Layout.CONTIGUOUS, new long[] {q, 1},
                            Layout.CONTIGUOUS, Values.withNaN(values, 0.1));
                } else {
                    // The max or min of nothing is undefined; a sum of nothing is 0 and a mean NaN.
                    reduce(cases, m, op, dtype, "empty reduced axis", new long[] {p, 0}, Layout.CONTIGUOUS,
                            new long[] {p, 1}, Layout.CONTIGUOUS, values);
                }
            }
        }
        addArgReduce(cases, m);
    }

    private static void reduce(List<ConformanceCase> cases, ViewMaker m, ReduceOp op, DType dtype, String tag,
                               long[] xShape, Layout xLayout, long[] outShape, Layout outLayout, Values values) {
        HostView x = m.make(dtype, xShape, xLayout, values);
        HostView out = m.make(dtype, outShape, outLayout, Values.integers(50, 60));
        long terms = ViewMaker.numel(outShape) == 0 ? 0 : ViewMaker.numel(xShape) / Math.max(ViewMaker.numel(outShape), 1);
        boolean extremum = op == ReduceOp.MAX || op == ReduceOp.MIN;
        KernelCase.Builder b = KernelCase.named(Scenario.name("reduce", op.name(), Names.dtype(dtype),
                        Names.shape(xShape) + " to " + Names.shape(outShape), tag))
                .tolerance(extremum ? Tolerance.EXACT : Tolerance.accumulated(dtype, terms, x.maxAbs()));
        int xi = b.input("x", x);
        int oi = b.output("out", out);
        cases.add(b.run((k, v) -> k.reduce(op, v[xi], v[oi])));
    }

    private static void addArgReduce(List<ConformanceCase> cases, ViewMaker m) {
        for (boolean max : new boolean[] {true, false}) {
            for (DType dtype : Scenario.FLOATS) {
                long p = m.pick(3, 5);
                long q = m.pick(7, 13, 31);
                long r = m.pick(5, 67);
                Values values = Values.uniform(-3, 3);
                Values ties = Values.integers(-1, 1);
                argReduce(cases, m, max, dtype, "", new long[] {p, q}, Layout.CONTIGUOUS, 0, Layout.CONTIGUOUS, values);
                argReduce(cases, m, max, dtype, "transposed", new long[] {p, m.pick(257, 1031)}, Layout.TRANSPOSED, 1,
                        Layout.CONTIGUOUS, values);
                argReduce(cases, m, max, dtype, "sliced in and out", new long[] {p, q, r}, Layout.SLICED, 1,
                        Layout.SLICED, values);
                argReduce(cases, m, max, dtype, "ties pick the first", new long[] {q, r}, Layout.OFFSET, 1,
                        Layout.CONTIGUOUS, ties);
                argReduce(cases, m, max, dtype, "ties pick the first", new long[] {r, q}, Layout.TRANSPOSED, 0,
                        Layout.CONTIGUOUS, ties);
                argReduce(cases, m, max, dtype, "size-1 axis", new long[] {p, 1, q}, Layout.CONTIGUOUS, 1,
                        Layout.CONTIGUOUS, values);
                argReduce(cases, m, max, dtype, "long", new long[] {8191}, Layout.CONTIGUOUS, 0, Layout.CONTIGUOUS, values);
                argReduce(cases, m, max, dtype, "empty other axis", new long[] {0, q}, Layout.CONTIGUOUS, 1,
                        Layout.CONTIGUOUS, values);
            }
        }
    }

    private static void argReduce(List<ConformanceCase> cases, ViewMaker m, boolean max, DType dtype, String tag,
                                  long[] xShape, Layout xLayout, int axis, Layout outLayout, Values values) {
        HostView x = m.make(dtype, xShape, xLayout, values);
        long[] outShape = xShape.clone();
        outShape[axis] = 1;
        HostView out = m.make(DType.INT64, outShape, outLayout, Values.integers(-99, -90));
        KernelCase.Builder b = KernelCase.named(Scenario.name("argReduce", max ? "argmax" : "argmin", Names.dtype(dtype),
                Names.shape(xShape), "axis " + axis, tag));
        int xi = b.input("x", x);
        int oi = b.output("out", out);
        cases.add(b.run((k, v) -> k.argReduce(max, v[xi], axis, v[oi])));
    }
}
