package org.myelin.testkit;

import java.util.List;
import org.myelin.api.DType;
import org.myelin.api.spi.CompareOp;

/**
 * Conformance cases for {@code compare} (every op, input type and output type, with ties) and
 * {@code where} (integer and floating conditions, broadcast).
 */
final class SelectionCases {
    private SelectionCases() {}

    static void addTo(List<ConformanceCase> cases, ViewMaker m) {
        addCompare(cases, m);
        addWhere(cases, m);
    }

    private static void addCompare(List<ConformanceCase> cases, ViewMaker m) {
        // Few distinct values, so every comparison meets ties; NaN only where floats can hold it.
        for (CompareOp op : CompareOp.values()) {
            for (DType in : Scenario.ALL_TYPES) {
                Values values = in == DType.INT64 ? Values.integers(-2, 2)
                        : Values.withNaN(Values.either(Values.integers(-2, 2), Values.uniform(-2, 2)), 0.05);
                for (DType outType : Scenario.ALL_TYPES) {
                    long p = m.pick(3, 5);
                    long q = m.pick(7, 13, 67);
                    compare(cases, m, op, in, outType, "broadcast", values, new long[] {p, 1},
                            Layout.TRANSPOSED, new long[] {q}, Layout.OFFSET, new long[] {p, q}, Layout.CONTIGUOUS);
                }
                long n = m.pick(257, 1031);
                compare(cases, m, op, in, in, "sliced", values, new long[] {n}, Layout.SLICED, new long[] {n},
                        Layout.CONTIGUOUS, new long[] {n}, Layout.SLICED);
                // One operand a single value broadcast by stride 0 along long runs (relu's gradient tests x > 0).
                compare(cases, m, op, in, in, "against one value", values, new long[] {n}, Layout.CONTIGUOUS,
                        new long[] {1}, Layout.CONTIGUOUS, new long[] {n}, Layout.CONTIGUOUS);
                compare(cases, m, op, in, in, "one value against", values, new long[] {1}, Layout.OFFSET,
                        new long[] {n}, Layout.CONTIGUOUS, new long[] {n}, Layout.CONTIGUOUS);
                compare(cases, m, op, in, DType.INT64, "empty", values, new long[] {0, 3}, Layout.CONTIGUOUS,
                        new long[] {0, 3}, Layout.CONTIGUOUS, new long[] {0, 3}, Layout.CONTIGUOUS);
            }
        }
    }

    private static void compare(List<ConformanceCase> cases, ViewMaker m, CompareOp op, DType in, DType outType,
                                String tag, Values values, long[] aShape, Layout aLayout, long[] bShape, Layout bLayout,
                                long[] outShape, Layout outLayout) {
        HostView a = m.make(in, aShape, aLayout, values);
        HostView b = m.make(in, bShape, bLayout, values);
        HostView out = m.make(outType, outShape, outLayout, Values.integers(5, 9));
        KernelCase.Builder builder = KernelCase.named(Scenario.name("compare", op.name(), Names.dtype(in),
                Names.shape(aShape) + "x" + Names.shape(bShape), "into " + Names.dtype(outType), tag));
        int ai = builder.input("a", m.broadcast(a, outShape));
        int bi = builder.input("b", m.broadcast(b, outShape));
        int oi = builder.output("out", out);
        cases.add(builder.run((k, v) -> k.compare(op, v[ai], v[bi], v[oi])));
    }

    private static void addWhere(List<ConformanceCase> cases, ViewMaker m) {
        Values values = Values.uniform(-5, 5);
        for (DType dtype : Scenario.FLOATS) {
            long p = m.pick(3, 7);
            long q = m.pick(13, 31, 67);
            long[] shape = {p, q};
            HostView intCondition = m.make(DType.INT64, new long[] {p, 1}, Layout.CONTIGUOUS, Values.integers(0, 2));
            where(cases, m, dtype, "INT64 condition [p,1] broadcast, transposed a".replace("[p,1]", Names.shape(new long[] {p, 1})),
                    m.broadcast(intCondition, shape), m.make(dtype, shape, Layout.TRANSPOSED, values),
                    m.make(dtype, shape, Layout.CONTIGUOUS, values), Layout.CONTIGUOUS);
            // A floating condition: NaN and -0.5 count as true, 0 as false.
            Values fuzzy = Values.either(Values.integers(0, 1), Values.withNaN(Values.uniform(-0.5, 0.5), 0.2));
            HostView scalarB = m.make(dtype, new long[0], Layout.SLICED, values);
            where(cases, m, dtype, "float condition, scalar b broadcast, sliced out",
                    m.make(DType.FLOAT32, shape, Layout.SLICED, fuzzy), m.make(dtype, shape, Layout.SLICED, values),
                    m.broadcast(scalarB, shape), Layout.SLICED);
            HostView row = m.make(DType.INT64, new long[] {q}, Layout.OFFSET, Values.integers(0, 1));
            where(cases, m, dtype, "condition missing a leading axis", m.broadcast(row, shape),
                    m.make(dtype, shape, Layout.OFFSET, values), m.make(dtype, shape, Layout.CONTIGUOUS, values),
                    Layout.CONTIGUOUS);
            long[] empty = {0, q};
            where(cases, m, dtype, "empty", m.make(DType.INT64, empty, Layout.CONTIGUOUS, Values.integers(0, 1)),
                    m.make(dtype, empty, Layout.CONTIGUOUS, values), m.make(dtype, empty, Layout.CONTIGUOUS, values),
                    Layout.CONTIGUOUS);
            for (int truth = 0; truth <= 1; truth++) {
                where(cases, m, dtype, "scalar, condition " + truth,
                        m.make(dtype, new long[0], Layout.CONTIGUOUS, Values.integers(truth, truth)),
                        m.make(dtype, new long[0], Layout.SLICED, values), m.make(dtype, new long[0], Layout.CONTIGUOUS, values),
                        Layout.CONTIGUOUS);
            }
        }
    }

    private static void where(List<ConformanceCase> cases, ViewMaker m, DType dtype, String tag, HostView condition,
                              HostView a, HostView b, Layout outLayout) {
        HostView out = m.make(dtype, a.shape(), outLayout, Values.integers(90, 99));
        KernelCase.Builder builder = KernelCase.named(Scenario.name("where", Names.dtype(dtype), Names.shape(a.shape()), tag));
        int ci = builder.input("condition", condition);
        int ai = builder.input("a", a);
        int bi = builder.input("b", b);
        int oi = builder.output("out", out);
        cases.add(builder.run((k, v) -> k.where(v[ci], v[ai], v[bi], v[oi])));
    }
}
