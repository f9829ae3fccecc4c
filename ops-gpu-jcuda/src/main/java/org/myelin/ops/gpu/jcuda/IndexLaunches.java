package org.myelin.ops.gpu.jcuda;

import org.myelin.api.DType;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.spi.Strided;

/**
 * gather and scatterAdd from index.cu. Every index is checked on the device before anything is
 * written, as the reference does, so a bad index leaves the output untouched; the check costs one
 * small download (a synchronisation) per call.
 */
final class IndexLaunches {
    private static final String PROGRAM = "index";

    private IndexLaunches() {}

    static void gather(Strided x, int axis, Strided index, Strided out) {
        checkLayout("gather", x, "input", axis, index, out, "output");
        Operands.requireShape("gather", "output", out, index.shape());
        CudaDevice d = Operands.device("gather", x, index, out);
        checkIndices(d, "gather", index, axis, x.size(axis));
        Geometry.requireInside("gather", x);
        Geometry.requireInside("gather", out);
        long[] xStrides = Operands.withSize(x.strides(), axis, 0); // the index supplies the position along axis
        Geometry g = Geometry.of("gather", index.shape(), new long[][] {index.strides(), out.strides(), xStrides},
                new long[] {index.offset(), out.offset(), x.offset()}, new DType[] {index.dtype(), out.dtype(), x.dtype()});
        Launch.elementwise(d, PROGRAM, "gather_kernel", "gather", g.count(), g, index.buffer(), out.buffer(), x.buffer(),
                x.stride(axis));
    }

    static void scatterAdd(Strided out, int axis, Strided index, Strided src) {
        checkLayout("scatterAdd", out, "output", axis, index, src, "source");
        CudaDevice d = Operands.device("scatterAdd", out, index, src);
        checkIndices(d, "scatterAdd", index, axis, out.size(axis));
        Geometry.requireInside("scatterAdd", out);
        Geometry.requireInside("scatterAdd", src);
        long[] outStrides = Operands.withSize(out.strides(), axis, 0);
        Geometry g = Geometry.of("scatterAdd", index.shape(), new long[][] {index.strides(), src.strides(), outStrides},
                new long[] {index.offset(), src.offset(), out.offset()}, new DType[] {index.dtype(), src.dtype(), out.dtype()});
        Launch.elementwise(d, PROGRAM, "scatter_add_kernel", "scatterAdd", g.count(), g, index.buffer(), src.buffer(),
                out.buffer(), out.stride(axis));
    }

    /** As in PyTorch: one rank for all three, and the index no larger than the others where it must not be. */
    private static void checkLayout(String kernel, Strided indexed, String indexedRole, int axis, Strided index,
                                    Strided other, String otherRole) {
        Operands.requireAxis(kernel, axis, indexed.rank());
        Operands.requireInt64(kernel, "index", index);
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

    private static void checkIndices(CudaDevice d, String kernel, Strided index, int axis, long size) {
        if (index.numel() == 0) {
            return;
        }
        Geometry g = Geometry.over(kernel, index.shape(), index);
        CudaBuffer flag = CudaMemory.allocate(d, DType.INT64, 2, true);
        try {
            Launch.elementwise(d, PROGRAM, "check_indices_kernel", kernel + ": check indices", g.count(), g, index.buffer(),
                    size, flag);
            long[] found = new long[2];
            Driver.current().copyOut(found, flag.memory(kernel), 0, 16);
            if (found[0] != 0) {
                throw new InvalidArgumentException(kernel + ": index " + found[1] + " is out of range for axis " + axis
                        + " of size " + size + "; indices must lie in 0.." + (size - 1));
            }
        } finally {
            flag.release();
        }
    }
}
