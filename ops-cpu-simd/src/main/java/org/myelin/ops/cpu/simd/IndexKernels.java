package org.myelin.ops.cpu.simd;

import java.util.Arrays;
import org.myelin.api.DType;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.Kernels;
import org.myelin.api.spi.Strided;

/**
 * gather, scatterAdd and argmax/argmin: index-driven kernels, scalar by nature. scatterAdd runs on
 * one thread in row-major order of {@code src}, so colliding indices always add in the same order.
 */
final class IndexKernels implements Kernels.Index {
    static final IndexKernels INSTANCE = new IndexKernels();

    private IndexKernels() {}

    static int axis(int axis, int rank, String op) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new InvalidArgumentException(op + ": axis " + axis + " is out of range for rank " + rank);
        }
        return a;
    }

    /** The strides of {@code t} with the indexed axis set to 0, the index adding the offset along it. */
    private static long[] withoutAxis(Strided t, int axis) {
        long[] s = t.strides().clone();
        s[axis] = 0;
        return s;
    }

    private static void checkIndexed(String op, Strided indexed, Strided other, Strided index, int axis) {
        if (indexed.rank() != other.rank() || index.rank() != other.rank()
                || !Arrays.equals(index.shape(), other.shape())) {
            throw new ShapeMismatchException(op + ": index " + Arrays.toString(index.shape()) + " must have the shape of "
                    + Arrays.toString(other.shape()) + " and the rank of " + Arrays.toString(indexed.shape()));
        }
        for (int d = 0; d < other.rank(); d++) {
            if (d != axis && other.size(d) > indexed.size(d)) {
                throw new ShapeMismatchException(op + ": size " + other.size(d) + " of axis " + d + " exceeds "
                        + indexed.size(d) + " in " + Arrays.toString(indexed.shape()));
            }
        }
        if (index.dtype() != DType.INT64) {
            throw new InvalidArgumentException(op + ": index must be INT64, got " + index.dtype());
        }
    }

    /** Checks every index first, so a bad one leaves the output untouched. */
    private static void checkAll(Strided index, long size, String op) {
        long[] idx = HeapBuffer.of(index.buffer()).longs();
        StridedLoops.Walk w = StridedLoops.walk(op, index);
        for (long r = 0; r < w.rows; r++) {
            for (int i = 0; i < w.inner; i++) {
                checked(idx[w.off[0] + i * w.innerStride[0]], size, op);
            }
            w.next();
        }
    }

    private static long checked(long k, long size, String op) {
        if (k < 0 || k >= size) {
            throw new InvalidArgumentException(op + ": index " + k + " is out of range for an axis of size " + size);
        }
        return k;
    }

    @Override
    public void gather(Strided x, int axis, Strided index, Strided out) {
        int ax = axis(axis, x.rank(), "gather");
        checkIndexed("gather", x, out, index, ax);
        HeapBuffer hx = HeapBuffer.of(x.buffer());
        HeapBuffer ho = HeapBuffer.of(out.buffer());
        long[] idx = HeapBuffer.of(index.buffer()).longs();
        long size = x.size(ax);
        long xs = x.stride(ax);
        checkAll(index, size, "gather");
        StridedLoops.Walk w = new StridedLoops.Walk(out.shape(),
                new long[] {out.offset(), index.offset(), x.offset()},
                new long[][] {out.strides(), index.strides(), withoutAxis(x, ax)});
        boolean same = hx.dtype() == ho.dtype();
        for (long r = 0; r < w.rows; r++) {
            for (int i = 0; i < w.inner; i++) {
                long k = idx[w.off[1] + i * w.innerStride[1]];
                int src = (int) (w.off[2] + (long) i * w.innerStride[2] + k * xs);
                int dst = w.off[0] + i * w.innerStride[0];
                if (same) {
                    switch (hx.dtype()) {
                        case FLOAT32 -> ho.floats()[dst] = hx.floats()[src];
                        case FLOAT64 -> ho.doubles()[dst] = hx.doubles()[src];
                        case INT64 -> ho.longs()[dst] = hx.longs()[src];
                    }
                } else {
                    ho.set(dst, hx.get(src));
                }
            }
            w.next();
        }
    }

    @Override
    public void scatterAdd(Strided out, int axis, Strided index, Strided src) {
        int ax = axis(axis, out.rank(), "scatterAdd");
        checkIndexed("scatterAdd", out, src, index, ax);
        HeapBuffer hs = HeapBuffer.of(src.buffer());
        HeapBuffer ho = HeapBuffer.of(out.buffer());
        long[] idx = HeapBuffer.of(index.buffer()).longs();
        long size = out.size(ax);
        long os = out.stride(ax);
        checkAll(index, size, "scatterAdd");
        StridedLoops.Walk w = new StridedLoops.Walk(src.shape(),
                new long[] {src.offset(), index.offset(), out.offset()},
                new long[][] {src.strides(), index.strides(), withoutAxis(out, ax)});
        boolean f32 = hs.dtype() == DType.FLOAT32 && ho.dtype() == DType.FLOAT32;
        boolean f64 = hs.dtype() == DType.FLOAT64 && ho.dtype() == DType.FLOAT64;
        for (long r = 0; r < w.rows; r++) {
            for (int i = 0; i < w.inner; i++) {
                long k = idx[w.off[1] + i * w.innerStride[1]];
                int dst = (int) (w.off[2] + (long) i * w.innerStride[2] + k * os);
                int from = w.off[0] + i * w.innerStride[0];
                if (f32) {
                    ho.floats()[dst] += hs.floats()[from];
                } else if (f64) {
                    ho.doubles()[dst] += hs.doubles()[from];
                } else {
                    ho.set(dst, ho.get(dst) + hs.get(from));
                }
            }
            w.next();
        }
    }
}
