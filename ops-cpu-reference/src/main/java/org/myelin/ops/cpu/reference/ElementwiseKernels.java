package org.myelin.ops.cpu.reference;

import org.myelin.api.DType;
import org.myelin.api.spi.BinaryOp;
import org.myelin.api.spi.CompareOp;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.KernelChecks;
import org.myelin.api.spi.Kernels;
import org.myelin.api.spi.Strided;
import org.myelin.api.spi.StridedWalk;
import org.myelin.api.spi.UnaryOp;

/**
 * The reference elementwise kernels: one loop each, reading every element as a double and writing
 * through {@link HeapBuffer#set}, which rounds once to the output's type (and truncates toward zero
 * for INT64). Reading each element just before writing its own position keeps out == input safe.
 */
final class ElementwiseKernels implements Kernels.Fill, Kernels.Unary, Kernels.Binary, Kernels.Select {
    static final ElementwiseKernels INSTANCE = new ElementwiseKernels();

    private ElementwiseKernels() {}

    @Override
    public void fill(Strided out, double value) {
        HeapBuffer o = HeapBuffer.of(out.buffer());
        StridedWalk it = StridedWalk.over("fill", out);
        for (long n = it.count(); n > 0; n--, it.next()) {
            o.set(it.position(0), value);
        }
    }

    @Override
    public void copy(Strided src, Strided dst) {
        KernelChecks.requireShape("copy", "destination", dst, src.shape());
        HeapBuffer s = HeapBuffer.of(src.buffer());
        HeapBuffer d = HeapBuffer.of(dst.buffer());
        StridedWalk it = StridedWalk.over("copy", dst, src);
        boolean integers = src.dtype() == DType.INT64 && dst.dtype() == DType.INT64;
        for (long n = it.count(); n > 0; n--, it.next()) {
            if (integers) {
                // Through the long arrays: a double holds only 53 of the 64 bits.
                d.longs()[(int) it.position(0)] = s.longs()[(int) it.position(1)];
            } else {
                d.set(it.position(0), s.get(it.position(1)));
            }
        }
    }

    @Override
    public void arange(Strided out, double start, double step) {
        KernelChecks.arangeOutput(out);
        HeapBuffer o = HeapBuffer.of(out.buffer());
        for (long i = 0; i < out.size(0); i++) {
            // start + i * step rather than a running sum, so element i does not carry i roundings.
            o.set(out.offset() + i * out.stride(0), start + i * step);
        }
    }

    @Override
    public void unary(UnaryOp op, Strided x, Strided out) {
        HeapBuffer xb = HeapBuffer.of(x.buffer());
        HeapBuffer o = HeapBuffer.of(out.buffer());
        StridedWalk it = StridedWalk.over("unary " + op, out, x);
        for (long n = it.count(); n > 0; n--, it.next()) {
            o.set(it.position(0), op.apply(xb.get(it.position(1))));
        }
    }

    @Override
    public void binary(BinaryOp op, Strided a, Strided b, Strided out) {
        HeapBuffer ab = HeapBuffer.of(a.buffer());
        HeapBuffer bb = HeapBuffer.of(b.buffer());
        HeapBuffer o = HeapBuffer.of(out.buffer());
        StridedWalk it = StridedWalk.over("binary " + op, out, a, b);
        for (long n = it.count(); n > 0; n--, it.next()) {
            o.set(it.position(0), op.apply(ab.get(it.position(1)), bb.get(it.position(2))));
        }
    }

    @Override
    public void binaryScalar(BinaryOp op, Strided a, double scalar, Strided out) {
        HeapBuffer ab = HeapBuffer.of(a.buffer());
        HeapBuffer o = HeapBuffer.of(out.buffer());
        StridedWalk it = StridedWalk.over("binaryScalar " + op, out, a);
        for (long n = it.count(); n > 0; n--, it.next()) {
            o.set(it.position(0), op.apply(ab.get(it.position(1)), scalar));
        }
    }

    @Override
    public void compare(CompareOp op, Strided a, Strided b, Strided out) {
        HeapBuffer ab = HeapBuffer.of(a.buffer());
        HeapBuffer bb = HeapBuffer.of(b.buffer());
        HeapBuffer o = HeapBuffer.of(out.buffer());
        StridedWalk it = StridedWalk.over("compare " + op, out, a, b);
        for (long n = it.count(); n > 0; n--, it.next()) {
            o.set(it.position(0), op.test(ab.get(it.position(1)), bb.get(it.position(2))) ? 1.0 : 0.0);
        }
    }

    @Override
    public void where(Strided condition, Strided a, Strided b, Strided out) {
        HeapBuffer cb = HeapBuffer.of(condition.buffer());
        HeapBuffer ab = HeapBuffer.of(a.buffer());
        HeapBuffer bb = HeapBuffer.of(b.buffer());
        HeapBuffer o = HeapBuffer.of(out.buffer());
        StridedWalk it = StridedWalk.over("where", out, condition, a, b);
        for (long n = it.count(); n > 0; n--, it.next()) {
            boolean pickA = cb.get(it.position(1)) != 0.0;
            o.set(it.position(0), pickA ? ab.get(it.position(2)) : bb.get(it.position(3)));
        }
    }
}
