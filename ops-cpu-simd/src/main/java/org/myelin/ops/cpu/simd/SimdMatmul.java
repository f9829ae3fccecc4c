package org.myelin.ops.cpu.simd;

import java.util.Arrays;
import org.myelin.api.DType;
import org.myelin.api.DTypeException;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.Kernels;
import org.myelin.api.spi.Strided;

/**
 * Batched matmul: checks shapes, enumerates the broadcast batch, and hands each product to
 * {@link GemmF}/{@link GemmD}, or to a plain loop when it is too small to pay for packing.
 * Work above about a million flops is split over the pool, by batch entries when there are enough,
 * else by row blocks (or column blocks when there are few rows); each output element is computed
 * by one task with the same summation order whatever the split, so results never depend on the
 * thread count. A batch that only repeats B (stride 0) over row-major A and C folds into one
 * taller product. Products with a single output row or column go to {@link GemvF}/{@link GemvD};
 * thin products with both operands contiguous along k go to the dot-product path
 * ({@code GemmF.dotPath}), chosen by shape alone. Products of at most {@code TINY} multiply-adds run
 * one FMA chain per element, in vectors along C's rows for float ({@link SmallMatmulF}), else in
 * scalars ({@link SmallMatmulScalarF}/{@link SmallMatmulScalarD}).
 */
final class SimdMatmul implements Kernels.Matmul {
    static final SimdMatmul INSTANCE = new SimdMatmul();

    /** Below this many multiply-adds packing costs more than it saves. */
    private static final long TINY = 4096;
    /** About a million flops per task: less than that costs more to hand off than it gains. */
    private static final double GRAIN_FLOPS = 1 << 20;

    private SimdMatmul() {}

    @Override
    public void matmul(Strided a, Strided b, Strided out) {
        int r = out.rank();
        if (r < 2 || a.rank() != r || b.rank() != r) {
            throw new ShapeMismatchException("matmul: operands need the same rank, at least 2; got "
                    + Arrays.toString(a.shape()) + ", " + Arrays.toString(b.shape()) + " -> " + Arrays.toString(out.shape()));
        }
        int m = (int) out.size(r - 2);
        int n = (int) out.size(r - 1);
        int k = (int) a.size(r - 1);
        if (a.size(r - 2) != m || b.size(r - 2) != k || b.size(r - 1) != n) {
            throw new ShapeMismatchException("matmul: " + Arrays.toString(a.shape()) + " x " + Arrays.toString(b.shape())
                    + " does not give " + Arrays.toString(out.shape()));
        }
        DType t = out.dtype();
        if (a.dtype() != t || b.dtype() != t || !t.isFloatingPoint()) {
            throw new DTypeException("matmul needs FLOAT32 or FLOAT64 operands of one type, got "
                    + a.dtype() + " x " + b.dtype() + " -> " + t);
        }
        if (out.numel() == 0) {
            return;
        }
        if (k == 0) {
            FillCopy.INSTANCE.fill(out, 0);
            return;
        }
        // The kernels write C rows with unit column stride and must not read what they write.
        boolean direct = (out.stride(r - 1) == 1 || n == 1) && out.buffer() != a.buffer() && out.buffer() != b.buffer();
        Strided c = direct ? out : Strided.contiguous(HeapBuffer.allocate(t, out.numel()), out.shape());
        long[] batchShape = Arrays.copyOf(out.shape(), r - 2);
        int batches = (int) (out.numel() / ((long) m * n));
        int[] cOff = new int[batches];
        int[] aOff = new int[batches];
        int[] bOff = new int[batches];
        StridedLoops.Walk w = new StridedLoops.Walk(batchShape, new long[] {c.offset(), a.offset(), b.offset()},
                new long[][] {Arrays.copyOf(c.strides(), r - 2), batchStrides(a, batchShape), batchStrides(b, batchShape)});
        int q = 0;
        for (long row = 0; row < w.rows; row++) {
            for (int i = 0; i < w.inner; i++, q++) {
                cOff[q] = w.off[0] + i * w.innerStride[0];
                aOff[q] = w.off[1] + i * w.innerStride[1];
                bOff[q] = w.off[2] + i * w.innerStride[2];
            }
            w.next();
        }
        int sam = (int) a.stride(r - 2);
        int sak = (int) a.stride(r - 1);
        int sbk = (int) b.stride(r - 2);
        int sbn = (int) b.stride(r - 1);
        int ldc = (int) c.stride(r - 2);
        if (batches > 1 && foldable(aOff, bOff, cOff, m, sam, ldc)) {
            m *= batches;
            batches = 1;
        }
        Product p = new Product(HeapBuffer.of(a.buffer()), sam, sak, HeapBuffer.of(b.buffer()), sbk, sbn,
                HeapBuffer.of(c.buffer()), ldc, m, n, k, aOff, bOff, cOff, batches);
        p.run();
        if (!direct) {
            FillCopy.INSTANCE.copy(c, out);
        }
    }

    private static long[] batchStrides(Strided x, long[] batchShape) {
        long[] s = new long[batchShape.length];
        for (int d = 0; d < batchShape.length; d++) {
            if (x.size(d) == batchShape[d]) {
                s[d] = x.size(d) == 1 ? 0 : x.stride(d);
            } else if (x.size(d) != 1) {
                throw new ShapeMismatchException("matmul: batch shape of " + Arrays.toString(x.shape())
                        + " does not broadcast to " + Arrays.toString(batchShape));
            }
        }
        return s;
    }

    /** True when every batch entry shares B and continues A's and C's rows where the previous one ended. */
    private static boolean foldable(int[] aOff, int[] bOff, int[] cOff, int m, int sam, int ldc) {
        for (int i = 1; i < aOff.length; i++) {
            if (bOff[i] != bOff[0] || aOff[i] != aOff[0] + (long) i * m * sam || cOff[i] != cOff[0] + (long) i * m * ldc) {
                return false;
            }
        }
        return true;
    }

    /** One batched product, ready to split into tasks. */
    private record Product(HeapBuffer a, int sam, int sak, HeapBuffer b, int sbk, int sbn, HeapBuffer c, int ldc,
                           int m, int n, int k, int[] aOff, int[] bOff, int[] cOff, int batches) {

        /** Whether {@link #block} takes the dot-product path: a property of the shape, so of every task alike. */
        private boolean dotPath() {
            return c.dtype() == DType.FLOAT32 ? GemmF.dotPath(m, n, k, sak, sbk) : GemmD.dotPath(m, n, k, sak, sbk);
        }

        void run() {
            long macs = (long) m * n * k;
            if (macs <= TINY) {
                for (int i = 0; i < batches; i++) {
                    small(i);
                }
                return;
            }
            // One output row or column: a matrix-vector product, split by output elements.
            boolean gemv = m == 1 || n == 1;
            int tasks = Parallel.tasksFor(2.0 * macs * batches, GRAIN_FLOPS);
            if (tasks == 1) {
                for (int i = 0; i < batches; i++) {
                    if (gemv) {
                        gemv(i, 0, n == 1 ? m : n);
                    } else {
                        block(i, 0, m, 0, n);
                    }
                }
                return;
            }
            // Split each batch entry into parts only when there are fewer entries than tasks.
            int parts = batches >= tasks ? 1 : (tasks + batches - 1) / batches;
            int nr = c.dtype() == DType.FLOAT32 ? GemmF.NR : GemmD.NR;
            int rowUnit = gemv ? 16 : GemmF.MR;
            int rows = gemv ? (n == 1 ? m : n) : m;
            int mBlocks = (rows + rowUnit - 1) / rowUnit;
            int nBlocks = gemv ? 1 : (n + nr - 1) / nr;
            // Each task packs the A rows and the B columns it needs: splitting rows repeats B's packing in
            // every task, splitting columns repeats A's. When both split evenly enough, repeat the cheaper
            // one; a transposed B (a weight read as Wᵀ) packs element by element and costs the most.
            boolean byRows;
            if (!gemv && mBlocks >= parts && nBlocks >= parts && !dotPath()) {
                long packB = (long) k * n * (sbn == 1 ? 1 : 4);
                long packA = (long) m * k * (sam == 1 ? 1 : 2);
                byRows = packB <= packA;
            } else {
                byRows = mBlocks >= parts || mBlocks >= nBlocks;
            }
            int splits = Math.max(1, Math.min(parts, byRows ? mBlocks : nBlocks));
            Parallel.forEach(batches * splits, task -> {
                int i = task / splits;
                int part = task % splits;
                if (byRows) {
                    int from = (int) ((long) mBlocks * part / splits) * rowUnit;
                    int to = Math.min(rows, (int) ((long) mBlocks * (part + 1) / splits) * rowUnit);
                    if (gemv) {
                        gemv(i, from, to);
                    } else {
                        block(i, from, to, 0, n);
                    }
                } else {
                    int from = (int) ((long) nBlocks * part / splits) * nr;
                    int to = Math.min(n, (int) ((long) nBlocks * (part + 1) / splits) * nr);
                    block(i, 0, m, from, to);
                }
            });
        }

        /** Output elements {@code from .. to-1} of a product with one column (A times a vector) or one row. */
        private void gemv(int i, int from, int to) {
            boolean column = n == 1;
            int mo = column ? aOff[i] : bOff[i];
            int rs = column ? sam : sbn;
            int cs = column ? sak : sbk;
            int vo = column ? bOff[i] : aOff[i];
            int vs = column ? sbk : sak;
            int ys = column ? ldc : 1;
            if (c.dtype() == DType.FLOAT32) {
                GemvF.gemv(column ? a.floats() : b.floats(), mo, rs, cs, column ? b.floats() : a.floats(), vo, vs,
                        c.floats(), cOff[i], ys, from, to, k);
            } else {
                GemvD.gemv(column ? a.doubles() : b.doubles(), mo, rs, cs, column ? b.doubles() : a.doubles(), vo, vs,
                        c.doubles(), cOff[i], ys, from, to, k);
            }
        }

        private void block(int i, int m0, int m1, int n0, int n1) {
            if (dotPath()) {
                if (c.dtype() == DType.FLOAT32) {
                    GemmF.dot(a.floats(), aOff[i], sam, b.floats(), bOff[i], sbn, c.floats(), cOff[i], ldc, m0, m1, n0, n1, k);
                } else {
                    GemmD.dot(a.doubles(), aOff[i], sam, b.doubles(), bOff[i], sbn, c.doubles(), cOff[i], ldc, m0, m1, n0, n1, k);
                }
            } else if (c.dtype() == DType.FLOAT32) {
                GemmF.gemm(a.floats(), aOff[i], sam, sak, b.floats(), bOff[i], sbk, sbn, c.floats(), cOff[i], ldc,
                        m0, m1, n0, n1, k);
            } else {
                GemmD.gemm(a.doubles(), aOff[i], sam, sak, b.doubles(), bOff[i], sbk, sbn, c.doubles(), cOff[i], ldc,
                        m0, m1, n0, n1, k);
            }
        }

        /** A product too small to pay for packing: one fused multiply-add chain per element. */
        private void small(int bi) {
            int ao = aOff[bi];
            int bo = bOff[bi];
            int co = cOff[bi];
            if (c.dtype() == DType.FLOAT32 && Simd.ENABLED) {
                SmallMatmulF.product(a.floats(), ao, sam, sak, b.floats(), bo, sbk, sbn, c.floats(), co, ldc, m, n, k);
            } else if (c.dtype() == DType.FLOAT32) {
                SmallMatmulScalarF.product(a.floats(), ao, sam, sak, b.floats(), bo, sbk, sbn, c.floats(), co, ldc, m, n, k);
            } else {
                SmallMatmulScalarD.product(a.doubles(), ao, sam, sak, b.doubles(), bo, sbk, sbn, c.doubles(), co, ldc, m, n, k);
            }
        }
    }
}
