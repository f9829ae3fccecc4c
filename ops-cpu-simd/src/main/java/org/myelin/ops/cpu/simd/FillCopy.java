package org.myelin.ops.cpu.simd;

import java.util.Arrays;
import org.myelin.api.DType;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.Kernels;
import org.myelin.api.spi.Strided;

/**
 * fill, copy (with type conversion) and arange, for every dtype. The FLOAT32 and FLOAT64 loops of
 * one type are {@link FillCopyF} and its generated twin {@link FillCopyD}; INT64's are here.
 */
final class FillCopy implements Kernels.Fill {
    static final FillCopy INSTANCE = new FillCopy();

    private FillCopy() {}

    @Override
    public void fill(Strided out, double value) {
        HeapBuffer o = HeapBuffer.of(out.buffer());
        int flat = StridedLoops.singleRun(0.5, out);
        if (flat >= 0) {
            int from = (int) out.offset();
            switch (out.dtype()) {
                case FLOAT32 -> Arrays.fill(o.floats(), from, from + flat, (float) value);
                case FLOAT64 -> Arrays.fill(o.doubles(), from, from + flat, value);
                case INT64 -> Arrays.fill(o.longs(), from, from + flat, (long) value);
            }
            return;
        }
        StridedLoops.Walk w = StridedLoops.walk("fill", out);
        switch (out.dtype()) {
            case FLOAT32 -> FillCopyF.fill(w, o.floats(), (float) value);
            case FLOAT64 -> FillCopyD.fill(w, o.doubles(), value);
            case INT64 -> {
                long[] a = o.longs();
                long v = (long) value;
                StridedLoops.forEachRun(w, 0.5, (off, st, n) -> {
                    if (st[0] == 1) {
                        Arrays.fill(a, off[0], off[0] + n, v);
                    } else {
                        for (int i = 0; i < n; i++) {
                            a[off[0] + i * st[0]] = v;
                        }
                    }
                });
            }
        }
    }

    @Override
    public void copy(Strided src, Strided dst) {
        HeapBuffer s = HeapBuffer.of(src.buffer());
        HeapBuffer d = HeapBuffer.of(dst.buffer());
        StridedLoops.Walk w = StridedLoops.walk("copy", dst, src);
        if (s.dtype() == d.dtype() && s.dtype() != DType.INT64 && w.innerStride[0] == 1 && w.innerStride[1] != 1
                && w.outerStride(1) == 1 && w.inner >= TILE / 2 && w.outerSize() >= TILE / 2) {
            transpose(w, s, d);
            return;
        }
        StridedLoops.forEachRun(w, 0.5, (off, st, n) -> copyRow(s, off[1], st[1], d, off[0], st[0], n));
    }

    private static final int TILE = 32;

    /**
     * A transposing copy (contiguous destination rows, source contiguous across rows instead): read
     * row by row it would touch a new cache line per element, so it goes in TILE x TILE blocks of
     * TILE consecutive rows, within which every source line is reused from L1.
     */
    private static void transpose(StridedLoops.Walk w, HeapBuffer s, HeapBuffer d) {
        long rows = w.rows;
        long size0 = w.outerSize();
        int inner = w.inner;
        int ss = w.innerStride[1];
        int tasks = (int) Math.min(Parallel.tasksFor(rows * (double) inner, StridedLoops.GRAIN), rows / TILE + 1);
        Parallel.forEach(tasks, t -> {
            long r0 = rows * t / tasks;
            long r1 = rows * (t + 1) / tasks;
            StridedLoops.Walk c = w.copy();
            c.seek(r0);
            int[] dOff = new int[TILE];
            int[] sOff = new int[TILE];
            for (long r = r0; r < r1; ) {
                int g = (int) Math.min(Math.min(TILE, size0 - r % size0), r1 - r);
                for (int j = 0; j < g; j++) {
                    dOff[j] = c.off[0];
                    sOff[j] = c.off[1];
                    c.next();
                }
                for (int ib = 0; ib < inner; ib += TILE) {
                    int ie = Math.min(inner, ib + TILE);
                    if (s.dtype() == DType.FLOAT32) {
                        FillCopyF.transposeTile(s.floats(), sOff, ss, d.floats(), dOff, g, ib, ie);
                    } else {
                        FillCopyD.transposeTile(s.doubles(), sOff, ss, d.doubles(), dOff, g, ib, ie);
                    }
                }
                r += g;
            }
        });
    }

    /** One run; conversions are those of HeapBuffer.set(get): through a double, float to INT64 truncating. */
    private static void copyRow(HeapBuffer s, int so, int ss, HeapBuffer d, int dOff, int ds, int n) {
        switch (d.dtype()) {
            case FLOAT32 -> {
                float[] o = d.floats();
                switch (s.dtype()) {
                    case FLOAT32 -> FillCopyF.copy(s.floats(), so, ss, o, dOff, ds, n);
                    case FLOAT64 -> {
                        double[] x = s.doubles();
                        for (int i = 0; i < n; i++) {
                            o[dOff + i * ds] = (float) x[so + i * ss];
                        }
                    }
                    case INT64 -> {
                        long[] x = s.longs();
                        for (int i = 0; i < n; i++) {
                            o[dOff + i * ds] = (float) (double) x[so + i * ss];
                        }
                    }
                }
            }
            case FLOAT64 -> {
                double[] o = d.doubles();
                switch (s.dtype()) {
                    case FLOAT32 -> {
                        float[] x = s.floats();
                        for (int i = 0; i < n; i++) {
                            o[dOff + i * ds] = x[so + i * ss];
                        }
                    }
                    case FLOAT64 -> FillCopyD.copy(s.doubles(), so, ss, o, dOff, ds, n);
                    case INT64 -> {
                        long[] x = s.longs();
                        for (int i = 0; i < n; i++) {
                            o[dOff + i * ds] = x[so + i * ss];
                        }
                    }
                }
            }
            case INT64 -> {
                long[] o = d.longs();
                switch (s.dtype()) {
                    case FLOAT32 -> {
                        float[] x = s.floats();
                        for (int i = 0; i < n; i++) {
                            o[dOff + i * ds] = (long) x[so + i * ss];
                        }
                    }
                    case FLOAT64 -> {
                        double[] x = s.doubles();
                        for (int i = 0; i < n; i++) {
                            o[dOff + i * ds] = (long) x[so + i * ss];
                        }
                    }
                    case INT64 -> {
                        long[] x = s.longs();
                        if (ss == 1 && ds == 1) {
                            System.arraycopy(x, so, o, dOff, n);
                        } else {
                            for (int i = 0; i < n; i++) {
                                o[dOff + i * ds] = x[so + i * ss];
                            }
                        }
                    }
                }
            }
        }
    }

    /** Element i (row-major) is {@code start + i * step}, converted to out's type. */
    @Override
    public void arange(Strided out, double start, double step) {
        HeapBuffer o = HeapBuffer.of(out.buffer());
        StridedLoops.Walk w = StridedLoops.walk("arange", out);
        long i = 0;
        for (long r = 0; r < w.rows; r++) {
            for (int j = 0; j < w.inner; j++, i++) {
                o.set(w.off[0] + (long) j * w.innerStride[0], start + i * step);
            }
            w.next();
        }
    }
}
