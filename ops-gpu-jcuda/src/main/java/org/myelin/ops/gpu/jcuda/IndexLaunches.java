package org.myelin.ops.gpu.jcuda;

import org.myelin.api.DType;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.spi.KernelChecks;
import org.myelin.api.spi.Kernels;
import org.myelin.api.spi.Strided;

/**
 * gather and scatterAdd from index.cu. Every index is checked on the device before anything is
 * written, as the reference does, so a bad index leaves the output untouched; the check costs one
 * small download (a synchronisation) per call.
 */
final class IndexLaunches implements Kernels.Index {
    static final IndexLaunches INSTANCE = new IndexLaunches();
    private static final String PROGRAM = "index";

    private IndexLaunches() {}

    @Override
    public void gather(Strided x, int axis, Strided index, Strided out) {
        KernelChecks.indexLayout("gather", x, "input", axis, index, out, "output");
        KernelChecks.requireShape("gather", "output", out, index.shape());
        CudaDevice d = Operands.device("gather", x, index, out);
        checkIndices(d, "gather", index, axis, x.size(axis));
        Geometry.requireInside("gather", x);
        Geometry.requireInside("gather", out);
        long[] xStrides = KernelChecks.withSize(x.strides(), axis, 0); // the index supplies the position along axis
        Geometry g = Geometry.of("gather", index.shape(), new long[][] {index.strides(), out.strides(), xStrides},
                new long[] {index.offset(), out.offset(), x.offset()}, new DType[] {index.dtype(), out.dtype(), x.dtype()});
        Launch.elementwise(d, PROGRAM, "gather_kernel", "gather", g.count(), g, index.buffer(), out.buffer(), x.buffer(),
                x.stride(axis));
    }

    @Override
    public void scatterAdd(Strided out, int axis, Strided index, Strided src) {
        KernelChecks.indexLayout("scatterAdd", out, "output", axis, index, src, "source");
        CudaDevice d = Operands.device("scatterAdd", out, index, src);
        checkIndices(d, "scatterAdd", index, axis, out.size(axis));
        Geometry.requireInside("scatterAdd", out);
        Geometry.requireInside("scatterAdd", src);
        long[] outStrides = KernelChecks.withSize(out.strides(), axis, 0);
        Geometry g = Geometry.of("scatterAdd", index.shape(), new long[][] {index.strides(), src.strides(), outStrides},
                new long[] {index.offset(), src.offset(), out.offset()}, new DType[] {index.dtype(), src.dtype(), out.dtype()});
        Launch.elementwise(d, PROGRAM, "scatter_add_kernel", "scatterAdd", g.count(), g, index.buffer(), src.buffer(),
                out.buffer(), out.stride(axis));
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
                throw KernelChecks.indexOutOfRange(kernel, found[1], null, axis, size);
            }
        } finally {
            flag.release();
        }
    }
}
