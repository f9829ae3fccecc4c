package org.myelin.ops.cpu.simd;

import java.util.Arrays;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.spi.Strided;

/**
 * Iteration over strided views. Kernels do not walk element by element: {@link Walk} visits every
 * innermost run (an offset per operand, one length, a stride per operand) and the kernel hands each
 * run to a row loop that has a fast path for unit strides and for stride-0 broadcasts.
 */
final class StridedLoops {
    private StridedLoops() {}

    /**
     * The strides of {@code in} seen at {@code shape}: axes are aligned from the right; an axis of
     * size 1, or one that {@code in} lacks, repeats with stride 0.
     */
    static long[] broadcastStrides(Strided in, long[] shape, String op) {
        return broadcastStrides(in, shape, op, null);
    }

    /** As above, for a kernel family and its operator, joined into one name only for an error. */
    private static long[] broadcastStrides(Strided in, long[] shape, String kind, Object op) {
        long[] s = Strided.broadcastStridesOrNull(in.shape(), in.strides(), shape);
        if (s == null) {
            throw mismatch(kind, op, in.shape(), shape);
        }
        return s;
    }

    private static ShapeMismatchException mismatch(String kind, Object op, long[] from, long[] to) {
        String name = op == null ? kind : kind + " " + op;
        return new ShapeMismatchException(name + ": cannot broadcast shape " + Arrays.toString(from) + " to "
                + Arrays.toString(to));
    }

    /** @return a walk over {@code out} and the inputs, each broadcast to out's shape */
    static Walk walk(String op, Strided out, Strided... inputs) {
        return walk(op, null, out, inputs);
    }

    /**
     * As {@link #walk(String, Strided, Strided...)}, for a kernel family and its operator: the two are
     * joined into a name only for an error message, not on every call of a hot kernel.
     */
    static Walk walk(String kind, Object op, Strided out, Strided... inputs) {
        long[] offsets = new long[inputs.length + 1];
        long[][] strides = new long[inputs.length + 1][];
        offsets[0] = out.offset();
        strides[0] = out.strides();
        for (int i = 0; i < inputs.length; i++) {
            offsets[i + 1] = inputs[i].offset();
            strides[i + 1] = broadcastStrides(inputs[i], out.shape(), kind, op);
        }
        return new Walk(out.shape(), offsets, strides);
    }

    /**
     * The length of one run covering all of {@code out} and the inputs when they are contiguous, of
     * one shape, and too small for {@link #forEachRun} to split: a kernel then calls its row loop
     * once, with no {@link Walk} built. A tiny op spends more on building the walk than on its
     * elements.
     *
     * @return the element count, or -1 when the operands need a walk
     */
    static int singleRun(double cost, Strided out, Strided... inputs) {
        long n = out.numel();
        if (Parallel.tasksFor(n * cost, GRAIN) > 1 || !out.isContiguous()) {
            return -1;
        }
        for (Strided in : inputs) {
            if (!Arrays.equals(in.shape(), out.shape()) || !in.isContiguous()) {
                return -1;
            }
        }
        return (int) n;
    }

    /**
     * A walk over all but the innermost axis of one shape, for several operands at once. Axes of size 1
     * are dropped and neighbouring axes merged where every operand allows it, so a contiguous tensor
     * becomes one run. Merging keeps row-major order: run {@code r}, element {@code j} is element
     * {@code r * inner + j} of the shape.
     */
    static final class Walk {
        /** The length of each innermost run (0 when the shape is empty). */
        final int inner;
        /** The innermost stride of each operand. */
        final int[] innerStride;
        /** The number of runs. */
        final long rows;
        /** The first element of the current run, per operand. */
        final int[] off;
        private final int[] base;
        private final int outer;
        private final long[] size;
        private final long[][] stride;
        private final long[] idx;

        Walk(long[] shape, long[] offsets, long[][] strides) {
            int ops = offsets.length;
            int r = shape.length;
            long numel = 1;
            for (long d : shape) {
                numel *= d;
            }
            long[] cs = new long[r];
            long[][] cst = new long[ops][r];
            int m = 0;
            for (int d = r - 1; d >= 0 && numel > 0; d--) {
                if (shape[d] == 1) {
                    continue;
                }
                if (m > 0 && mergeable(strides, d, cst, cs[m - 1], m - 1)) {
                    cs[m - 1] *= shape[d];
                    continue;
                }
                cs[m] = shape[d];
                for (int o = 0; o < ops; o++) {
                    cst[o][m] = strides[o][d];
                }
                m++;
            }
            innerStride = new int[ops];
            base = new int[ops];
            off = new int[ops];
            for (int o = 0; o < ops; o++) {
                base[o] = (int) offsets[o];
                off[o] = base[o];
                innerStride[o] = m > 0 ? (int) cst[o][0] : 0;
            }
            if (numel == 0) {
                inner = 0;
                rows = 0;
            } else {
                inner = m > 0 ? (int) cs[0] : 1;
                long rw = 1;
                for (int d = 1; d < m; d++) {
                    rw *= cs[d];
                }
                rows = rw;
            }
            outer = Math.max(m - 1, 0);
            size = new long[outer];
            stride = new long[ops][outer];
            idx = new long[outer];
            for (int d = 0; d < outer; d++) {
                size[d] = cs[d + 1];
                for (int o = 0; o < ops; o++) {
                    stride[o][d] = cst[o][d + 1];
                }
            }
        }

        private Walk(Walk w) {
            inner = w.inner;
            innerStride = w.innerStride;
            rows = w.rows;
            base = w.base;
            outer = w.outer;
            size = w.size;
            stride = w.stride;
            off = w.base.clone();
            idx = new long[outer];
        }

        private static boolean mergeable(long[][] strides, int d, long[][] cst, long innerSize, int k) {
            for (int o = 0; o < strides.length; o++) {
                if (strides[o][d] != cst[o][k] * innerSize) {
                    return false;
                }
            }
            return true;
        }

        /** @return the size of the axis just outside the runs (1 when there is none) */
        long outerSize() {
            return outer == 0 ? 1 : size[0];
        }

        /** @param op an operand @return its stride along the axis just outside the runs (0 when there is none) */
        long outerStride(int op) {
            return outer == 0 ? 0 : stride[op][0];
        }

        /** @return an independent walk at run 0, for another thread */
        Walk copy() {
            return new Walk(this);
        }

        /** Moves to the next run. */
        void next() {
            for (int d = 0; d < outer; d++) {
                if (++idx[d] < size[d]) {
                    for (int o = 0; o < off.length; o++) {
                        off[o] += (int) stride[o][d];
                    }
                    return;
                }
                idx[d] = 0;
                for (int o = 0; o < off.length; o++) {
                    off[o] -= (int) (stride[o][d] * (size[d] - 1));
                }
            }
        }

        /** Moves to run number {@code row}. */
        void seek(long row) {
            long rest = row;
            for (int o = 0; o < off.length; o++) {
                off[o] = base[o];
            }
            for (int d = 0; d < outer; d++) {
                idx[d] = rest % size[d];
                rest /= size[d];
                for (int o = 0; o < off.length; o++) {
                    off[o] += (int) (idx[d] * stride[o][d]);
                }
            }
        }
    }
    /** A row loop: one innermost run of {@code n} elements, starting at {@code off} with {@code stride}, per operand. */
    @FunctionalInterface
    interface RowKernel {
        void row(int[] off, int[] stride, int n);
    }

    /** The least work (element-operations) worth a task of its own: well above the cost of a hand-off. */
    static final double GRAIN = 1 << 16;

    /**
     * Hands every run of {@code w} to {@code k}, split over the pool when the work, {@code cost} per
     * element, pays for it. Elementwise kernels only: each element is written by exactly one task.
     */
    static void forEachRun(Walk w, double cost, RowKernel k) {
        long total = w.rows * (long) w.inner;
        if (total == 0) {
            return;
        }
        int tasks = (int) Math.min(total, Parallel.tasksFor(total * cost, GRAIN));
        if (tasks == 1) {
            for (long r = 0; r < w.rows; r++) {
                k.row(w.off, w.innerStride, w.inner);
                w.next();
            }
        } else if (w.rows < tasks) {
            // Few long runs (typically one contiguous tensor): split each run into aligned pieces.
            int chunk = (int) Math.min(w.inner, ((w.inner + tasks - 1L) / tasks + 63) & ~63L);
            Parallel.forEach(tasks, t -> {
                Walk c = w.copy();
                int from = Math.min(w.inner, t * chunk);
                int n = Math.min(w.inner - from, chunk);
                int[] o = new int[c.off.length];
                for (long r = 0; r < c.rows && n > 0; r++) {
                    for (int i = 0; i < o.length; i++) {
                        o[i] = c.off[i] + from * c.innerStride[i];
                    }
                    k.row(o, c.innerStride, n);
                    c.next();
                }
            });
        } else {
            Parallel.forEach(tasks, t -> {
                long r0 = w.rows * t / tasks;
                long r1 = w.rows * (t + 1) / tasks;
                Walk c = w.copy();
                c.seek(r0);
                for (long r = r0; r < r1; r++) {
                    k.row(c.off, c.innerStride, c.inner);
                    c.next();
                }
            });
        }
    }
}
