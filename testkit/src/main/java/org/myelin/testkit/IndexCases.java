package org.myelin.testkit;

import java.util.List;
import org.myelin.api.DType;
import org.myelin.api.InvalidArgumentException;

/**
 * Conformance cases for {@code gather} and {@code scatterAdd}: every axis of 2-d and 3-d operands, an
 * index smaller than the source off the indexed axis (as torch allows), repeated targets, strided
 * operands, empty indices, and out-of-range indices that must be rejected.
 */
final class IndexCases {
    private IndexCases() {}

    static void addTo(List<ConformanceCase> cases, ViewMaker m) {
        for (DType dtype : Scenario.FLOATS) {
            long p = m.pick(3, 5);
            long q = m.pick(7, 13);
            long r = m.pick(4, 31);
            // Cross-entropy's pattern: pick one class per row.
            both(cases, m, dtype, "one per row", new long[] {p, 10}, Layout.CONTIGUOUS, 1, new long[] {p, 1},
                    Layout.CONTIGUOUS);
            both(cases, m, dtype, "", new long[] {p, q}, Layout.CONTIGUOUS, 0, new long[] {q, q}, Layout.CONTIGUOUS);
            both(cases, m, dtype, "smaller index, transposed source", new long[] {q, r}, Layout.TRANSPOSED, 1,
                    new long[] {q - 2, r + 5}, Layout.OFFSET);
            both(cases, m, dtype, "sliced", new long[] {p, q, r}, Layout.SLICED, 2, new long[] {p, q, r}, Layout.SLICED);
            both(cases, m, dtype, "", new long[] {p, q, r}, Layout.CONTIGUOUS, 1, new long[] {p, 2 * q, r},
                    Layout.TRANSPOSED);
            both(cases, m, dtype, "empty index", new long[] {p, q}, Layout.CONTIGUOUS, 0, new long[] {0, q},
                    Layout.CONTIGUOUS);
            for (boolean scatter : new boolean[] {false, true}) {
                for (long bad : new long[] {q, -1}) {
                    rejected(cases, m, dtype, scatter, p, q, bad);
                }
            }
        }
    }

    /**
     * One gather and one scatter-add over the same layout. {@code sizes} is the indexed tensor's shape
     * (gather's source, scatter's accumulator); {@code indexShape} is the index's (gather's output,
     * scatter's source).
     */
    private static void both(List<ConformanceCase> cases, ViewMaker m, DType dtype, String tag, long[] sizes,
                             Layout layout, int axis, long[] indexShape, Layout indexLayout) {
        Values values = Values.uniform(-3, 3);
        Values indices = Values.integers(0, sizes[axis] - 1);
        String shapes = Names.shape(sizes) + " axis " + axis + " index " + Names.shape(indexShape);

        HostView x = m.make(dtype, sizes, layout, values);
        HostView index = m.make(DType.INT64, indexShape, indexLayout, indices);
        KernelCase.Builder g = KernelCase.named(Scenario.name("gather", Names.dtype(dtype), shapes, tag));
        int xi = g.input("x", x);
        int ii = g.input("index", index);
        int oi = g.output("out", m.make(dtype, indexShape, Layout.CONTIGUOUS, Values.integers(90, 99)));
        cases.add(g.run((k, v) -> k.gather(v[xi], axis, v[ii], v[oi])));

        // Few targets, many sources: repeated indices must all add up.
        HostView acc = m.make(dtype, sizes, layout, values);
        HostView src = m.make(dtype, indexShape, indexLayout == Layout.OFFSET ? Layout.SLICED : indexLayout, values);
        HostView scatterIndex = m.make(DType.INT64, indexShape, Layout.CONTIGUOUS, indices);
        long repeats = Math.max(1, ViewMaker.numel(indexShape) / Math.max(1, ViewMaker.numel(sizes) / sizes[axis]));
        KernelCase.Builder s = KernelCase.named(Scenario.name("scatterAdd", Names.dtype(dtype), shapes, tag))
                .tolerance(Tolerance.accumulated(dtype, repeats + 1, Math.max(acc.maxAbs(), src.maxAbs())));
        int ai = s.output("out", acc);
        int si = s.input("index", scatterIndex);
        int vi = s.input("src", src);
        cases.add(s.run((k, v) -> k.scatterAdd(v[ai], axis, v[si], v[vi])));
    }

    private static void rejected(List<ConformanceCase> cases, ViewMaker m, DType dtype, boolean scatter, long p, long q,
                                 long bad) {
        long[] sizes = {p, q};
        long[] indexShape = {p, 2};
        HostView index = m.make(DType.INT64, indexShape, Layout.CONTIGUOUS, Values.integers(0, q - 1));
        double[] data = index.data().clone();
        data[data.length - 1] = bad;
        index = new HostView(DType.INT64, data, index.offset(), index.shape(), index.strides(), index.origin());
        String name = Scenario.name(scatter ? "scatterAdd" : "gather", Names.dtype(dtype), Names.shape(sizes),
                "axis 1 rejects index " + bad);
        KernelCase.Builder b = KernelCase.named(name).rejects(InvalidArgumentException.class, Long.toString(bad));
        if (scatter) {
            int ai = b.output("out", m.make(dtype, sizes, Layout.CONTIGUOUS, Values.uniform(-1, 1)));
            int ii = b.input("index", index);
            int si = b.input("src", m.make(dtype, indexShape, Layout.CONTIGUOUS, Values.uniform(-1, 1)));
            cases.add(b.run((k, v) -> k.scatterAdd(v[ai], 1, v[ii], v[si])));
        } else {
            int xi = b.input("x", m.make(dtype, sizes, Layout.CONTIGUOUS, Values.uniform(-1, 1)));
            int ii = b.input("index", index);
            int oi = b.output("out", m.make(dtype, indexShape, Layout.CONTIGUOUS, Values.uniform(-1, 1)));
            cases.add(b.run((k, v) -> k.gather(v[xi], 1, v[ii], v[oi])));
        }
    }
}
