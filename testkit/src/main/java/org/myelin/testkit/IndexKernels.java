package org.myelin.testkit;

import java.util.Arrays;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.Strided;

/**
 * The reference gather and scatter-add, with torch.gather / torch.scatter_add_ semantics. Every index
 * is checked before anything is written, so a bad index leaves the output as it was.
 */
final class IndexKernels {
    private IndexKernels() {}

    static void gather(Strided x, int axis, Strided index, Strided out) {
        checkLayout("gather", x, "input", axis, index, out, "output");
        Views.requireShape("gather", "output", out, index.shape());
        long[] xStrides = Views.withSize(x.strides(), axis, 0); // the index supplies the position along axis
        long[] idx = Views.heap(index).longs();
        HeapBuffer xb = Views.heap(x);
        HeapBuffer o = Views.heap(out);
        checkIndices("gather", index, axis, x.size(axis));
        StridedIndex it = new StridedIndex(index.shape(), new long[] {index.offset(), out.offset(), x.offset()},
                new long[][] {index.strides(), out.strides(), xStrides});
        for (long n = it.count(); n > 0; n--, it.next()) {
            long i = idx[(int) it.position(0)];
            o.set(it.position(1), xb.get(it.position(2) + i * x.stride(axis)));
        }
    }

    static void scatterAdd(Strided out, int axis, Strided index, Strided src) {
        checkLayout("scatterAdd", out, "output", axis, index, src, "source");
        long[] outStrides = Views.withSize(out.strides(), axis, 0);
        long[] idx = Views.heap(index).longs();
        HeapBuffer s = Views.heap(src);
        HeapBuffer o = Views.heap(out);
        checkIndices("scatterAdd", index, axis, out.size(axis));
        StridedIndex it = new StridedIndex(index.shape(), new long[] {index.offset(), src.offset(), out.offset()},
                new long[][] {index.strides(), src.strides(), outStrides});
        for (long n = it.count(); n > 0; n--, it.next()) {
            long target = it.position(2) + idx[(int) it.position(0)] * out.stride(axis);
            o.set(target, o.get(target) + s.get(it.position(1)));
        }
    }

    /**
     * As in PyTorch: all three share a rank, the index is no larger than {@code other} on any axis and no
     * larger than {@code indexed} off the indexed axis.
     */
    private static void checkLayout(String kernel, Strided indexed, String indexedRole, int axis, Strided index,
                                    Strided other, String otherRole) {
        Views.requireAxis(kernel, axis, indexed.rank());
        Views.requireInt64(kernel, "index", index);
        if (index.rank() != indexed.rank() || other.rank() != indexed.rank()) {
            throw new ShapeMismatchException(kernel + ": " + indexedRole + " " + indexed + ", index " + index + " and "
                    + otherRole + " " + other + " must have the same rank");
        }
        for (int d = 0; d < index.rank(); d++) {
            if (index.size(d) > other.size(d) || (d != axis && index.size(d) > indexed.size(d))) {
                throw new ShapeMismatchException(kernel + ": index " + index + " is larger than " + indexedRole + " "
                        + indexed + " or " + otherRole + " " + other + " along axis " + d);
            }
        }
    }

    private static void checkIndices(String kernel, Strided index, int axis, long size) {
        long[] idx = Views.heap(index).longs();
        StridedIndex it = StridedIndex.over(kernel, index);
        for (long n = it.count(); n > 0; n--, it.next()) {
            long i = idx[(int) it.position(0)];
            if (i < 0 || i >= size) {
                throw new InvalidArgumentException(kernel + ": index " + i + " (at " + Arrays.toString(it.index())
                        + " of the index tensor) is out of range for axis " + axis + " of size " + size
                        + "; indices must lie in 0.." + (size - 1));
            }
        }
    }
}
