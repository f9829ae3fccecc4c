package org.myelin.ops.cpu.reference;

import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.KernelChecks;
import org.myelin.api.spi.Kernels;
import org.myelin.api.spi.Strided;
import org.myelin.api.spi.StridedWalk;

/**
 * The reference gather and scatter-add, with torch.gather / torch.scatter_add_ semantics. Every index
 * is checked before anything is written, so a bad index leaves the output as it was.
 */
final class IndexKernels implements Kernels.Index {
    static final IndexKernels INSTANCE = new IndexKernels();

    private IndexKernels() {}

    @Override
    public void gather(Strided x, int axis, Strided index, Strided out) {
        KernelChecks.indexLayout("gather", x, "input", axis, index, out, "output");
        KernelChecks.requireShape("gather", "output", out, index.shape());
        long[] xStrides = KernelChecks.withSize(x.strides(), axis, 0); // the index supplies the position along axis
        long[] idx = HeapBuffer.of(index.buffer()).longs();
        HeapBuffer xb = HeapBuffer.of(x.buffer());
        HeapBuffer o = HeapBuffer.of(out.buffer());
        checkIndices("gather", index, axis, x.size(axis));
        StridedWalk it = new StridedWalk(index.shape(), new long[] {index.offset(), out.offset(), x.offset()},
                new long[][] {index.strides(), out.strides(), xStrides});
        for (long n = it.count(); n > 0; n--, it.next()) {
            long i = idx[(int) it.position(0)];
            o.set(it.position(1), xb.get(it.position(2) + i * x.stride(axis)));
        }
    }

    @Override
    public void scatterAdd(Strided out, int axis, Strided index, Strided src) {
        KernelChecks.indexLayout("scatterAdd", out, "output", axis, index, src, "source");
        long[] outStrides = KernelChecks.withSize(out.strides(), axis, 0);
        long[] idx = HeapBuffer.of(index.buffer()).longs();
        HeapBuffer s = HeapBuffer.of(src.buffer());
        HeapBuffer o = HeapBuffer.of(out.buffer());
        checkIndices("scatterAdd", index, axis, out.size(axis));
        StridedWalk it = new StridedWalk(index.shape(), new long[] {index.offset(), src.offset(), out.offset()},
                new long[][] {index.strides(), src.strides(), outStrides});
        for (long n = it.count(); n > 0; n--, it.next()) {
            long target = it.position(2) + idx[(int) it.position(0)] * out.stride(axis);
            o.set(target, o.get(target) + s.get(it.position(1)));
        }
    }

    private static void checkIndices(String kernel, Strided index, int axis, long size) {
        long[] idx = HeapBuffer.of(index.buffer()).longs();
        StridedWalk it = StridedWalk.over(kernel, index);
        for (long n = it.count(); n > 0; n--, it.next()) {
            long i = idx[(int) it.position(0)];
            if (i < 0 || i >= size) {
                throw KernelChecks.indexOutOfRange(kernel, i, it.index(), axis, size);
            }
        }
    }
}
