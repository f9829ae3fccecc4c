package org.myelin.testkit;

import java.util.List;
import org.myelin.api.DType;

/**
 * Conformance cases for {@code matmul}: sizes that exercise blocking and vector tails (including the
 * shapes of an MNIST network's forward and backward passes), every combination of transposed
 * operands given as swapped strides, batches broadcast by stride 0, empty dimensions, strided output.
 */
final class MatmulCases {
    /** m, k, n. */
    private static final long[][] SIZES = {
        {1, 1, 1}, {7, 13, 5}, {64, 64, 64}, {67, 129, 33}, {10, 784, 30}, {128, 30, 784}, {784, 128, 30}, {33, 257, 17},
        // Where the CPU backend's GEMM branches: its 12 x 32 register tile and one past each edge, its K block (256)
        // and M block (96) edges, and thin products (M or N at most 16, K at least two vectors) that take the
        // dot-product path when A's rows and B's columns are contiguous (b transposed).
        {12, 256, 32}, {13, 257, 33}, {11, 255, 31}, {97, 513, 65}, {16, 40, 17}, {17, 33, 16}, {128, 256, 10},
        {30, 10, 784}, {3, 31, 5},
        // Products small enough to skip packing (at most 4096 multiply-adds): the course network's second layer
        // forward and its two gradients, then row counts around the 4-row pass and row lengths around 8 and 16 lanes.
        {10, 30, 10}, {10, 10, 30}, {5, 9, 17}, {9, 2, 33}, {4, 1, 8}, {3, 7, 9}, {6, 5, 15},
    };

    private MatmulCases() {}

    static void addTo(List<ConformanceCase> cases, ViewMaker m) {
        for (DType dtype : Scenario.FLOATS) {
            for (long[] mkn : SIZES) {
                for (int transposes = 0; transposes < 4; transposes++) {
                    boolean ta = (transposes & 1) != 0;
                    boolean tb = (transposes & 2) != 0;
                    long mm = mkn[0];
                    long kk = mkn[1];
                    long nn = mkn[2];
                    HostView a = matrix(m, dtype, mm, kk, ta);
                    HostView b = matrix(m, dtype, kk, nn, tb);
                    String tag = ta && tb ? "both transposed" : ta ? "a transposed" : tb ? "b transposed" : "";
                    add(cases, m, dtype, tag, a, b, new long[] {mm, nn}, Layout.CONTIGUOUS, kk);
                }
            }
            addBatched(cases, m, dtype);
            addEdges(cases, m, dtype);
        }
    }

    /** A transposed operand is the transpose of a contiguous [cols, rows] matrix, as {@code t()} makes it. */
    private static HostView matrix(ViewMaker m, DType dtype, long rows, long cols, boolean transposed) {
        return m.make(dtype, new long[] {rows, cols}, transposed ? Layout.TRANSPOSED : Layout.CONTIGUOUS,
                Values.uniform(-1, 1));
    }

    private static void addBatched(List<ConformanceCase> cases, ViewMaker m, DType dtype) {
        Values values = Values.uniform(-1, 1);
        // [2,1,5,7] x [3,7,4]: b gains a leading axis and both batch axes broadcast to [2,3] by stride 0.
        HostView a = m.make(dtype, new long[] {2, 1, 5, 7}, Layout.CONTIGUOUS, values);
        HostView b = m.make(dtype, new long[] {1, 3, 7, 4}, Layout.CONTIGUOUS, values).describedAs("[3,7,4]");
        long[] out = {2, 3, 5, 4};
        add(cases, m, dtype, "batch broadcast by stride 0", m.broadcast(a, withLast(out, 5, 7)),
                m.broadcast(b, withLast(out, 7, 4)), out, Layout.CONTIGUOUS, 7);
        // A batch of transposed matrices, sliced, with a strided output.
        long batch = m.pick(3, 5);
        HostView sa = m.make(dtype, new long[] {batch, 13, 31}, Layout.SLICED, values);
        HostView sb = m.make(dtype, new long[] {batch, 31, 9}, Layout.TRANSPOSED, values);
        add(cases, m, dtype, "batched, sliced a, transposed b, sliced out", sa, sb, new long[] {batch, 13, 9},
                Layout.SLICED, 31);
        // One weight matrix shared by a batch: b's batch axis has stride 0 over a real batch of a.
        HostView w = m.make(dtype, new long[] {1, 16, 10}, Layout.CONTIGUOUS, values);
        HostView xs = m.make(dtype, new long[] {4, 7, 16}, Layout.OFFSET, values);
        add(cases, m, dtype, "shared weight", xs, m.broadcast(w, new long[] {4, 16, 10}), new long[] {4, 7, 10},
                Layout.CONTIGUOUS, 16);
    }

    private static void addEdges(List<ConformanceCase> cases, ViewMaker m, DType dtype) {
        Values values = Values.uniform(-1, 1);
        add(cases, m, dtype, "k = 0 gives zeros", m.make(dtype, new long[] {3, 0}, Layout.CONTIGUOUS, values),
                m.make(dtype, new long[] {0, 4}, Layout.CONTIGUOUS, values), new long[] {3, 4}, Layout.CONTIGUOUS, 0);
        add(cases, m, dtype, "m = 0", m.make(dtype, new long[] {0, 5}, Layout.CONTIGUOUS, values),
                m.make(dtype, new long[] {5, 4}, Layout.CONTIGUOUS, values), new long[] {0, 4}, Layout.CONTIGUOUS, 5);
        add(cases, m, dtype, "empty batch", m.make(dtype, new long[] {0, 3, 5}, Layout.CONTIGUOUS, values),
                m.make(dtype, new long[] {0, 5, 2}, Layout.CONTIGUOUS, values), new long[] {0, 3, 2}, Layout.CONTIGUOUS, 5);
        add(cases, m, dtype, "vector times matrix, transposed out", m.make(dtype, new long[] {1, 31}, Layout.OFFSET, values),
                m.make(dtype, new long[] {31, 13}, Layout.SLICED, values), new long[] {1, 13}, Layout.TRANSPOSED, 31);
        // Thin products on non-contiguous views: sliced rows of a and offset or sliced columns of a transposed b.
        add(cases, m, dtype, "thin, offset a, transposed b", m.make(dtype, new long[] {10, 100}, Layout.OFFSET, values),
                m.make(dtype, new long[] {100, 7}, Layout.TRANSPOSED, values), new long[] {10, 7}, Layout.CONTIGUOUS, 100);
        add(cases, m, dtype, "thin, sliced a and b", m.make(dtype, new long[] {9, 70}, Layout.SLICED, values),
                m.make(dtype, new long[] {70, 20}, Layout.SLICED, values), new long[] {9, 20}, Layout.SLICED, 70);
        add(cases, m, dtype, "transposed out", m.make(dtype, new long[] {13, 7}, Layout.CONTIGUOUS, values),
                m.make(dtype, new long[] {7, 67}, Layout.CONTIGUOUS, values), new long[] {13, 67}, Layout.TRANSPOSED, 7);
    }

    private static void add(List<ConformanceCase> cases, ViewMaker m, DType dtype, String tag, HostView a, HostView b,
                            long[] outShape, Layout outLayout, long k) {
        HostView out = m.make(dtype, outShape, outLayout, Values.integers(5, 9));
        String shapes = a.origin().split(" ")[0] + "x" + b.origin().split(" ")[0];
        KernelCase.Builder builder = KernelCase.named(Scenario.name("matmul", Names.dtype(dtype), shapes, tag))
                .tolerance(Tolerance.accumulated(dtype, k, a.maxAbs() * b.maxAbs()));
        int ai = builder.input("a", a);
        int bi = builder.input("b", b);
        int oi = builder.output("out", out);
        cases.add(builder.run((kernels, v) -> kernels.matmul(v[ai], v[bi], v[oi])));
    }

    private static long[] withLast(long[] shape, long rows, long cols) {
        long[] s = shape.clone();
        s[s.length - 2] = rows;
        s[s.length - 1] = cols;
        return s;
    }
}
