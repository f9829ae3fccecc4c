package org.myelin.testkit;

import org.myelin.api.DType;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.spi.BinaryOp;
import org.myelin.api.spi.CompareOp;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.Strided;
import org.myelin.api.spi.UnaryOp;

/**
 * The reference elementwise kernels: one loop each, reading every element as a double and writing
 * through {@link HeapBuffer#set}, which rounds once to the output's type (and truncates toward zero
 * for INT64). Reading each element just before writing its own position keeps out == input safe.
 */
final class ElementwiseKernels {
    private ElementwiseKernels() {}

    static void fill(Strided out, double value) {
        HeapBuffer o = Views.heap(out);
        StridedIndex it = StridedIndex.over("fill", out);
        for (long n = it.count(); n > 0; n--, it.next()) {
            o.set(it.position(0), value);
        }
    }

    static void copy(Strided src, Strided dst) {
        Views.requireShape("copy", "destination", dst, src.shape());
        HeapBuffer s = Views.heap(src);
        HeapBuffer d = Views.heap(dst);
        StridedIndex it = StridedIndex.over("copy", dst, src);
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

    static void arange(Strided out, double start, double step) {
        if (out.rank() != 1) {
            throw new ShapeMismatchException("arange: output must be 1-d, got " + out);
        }
        HeapBuffer o = Views.heap(out);
        for (long i = 0; i < out.size(0); i++) {
            // start + i * step rather than a running sum, so element i does not carry i roundings.
            o.set(out.offset() + i * out.stride(0), start + i * step);
        }
    }

    static void unary(UnaryOp op, Strided x, Strided out) {
        HeapBuffer xb = Views.heap(x);
        HeapBuffer o = Views.heap(out);
        StridedIndex it = StridedIndex.over("unary " + op, out, x);
        for (long n = it.count(); n > 0; n--, it.next()) {
            o.set(it.position(0), op.apply(xb.get(it.position(1))));
        }
    }

    static void binary(BinaryOp op, Strided a, Strided b, Strided out) {
        HeapBuffer ab = Views.heap(a);
        HeapBuffer bb = Views.heap(b);
        HeapBuffer o = Views.heap(out);
        StridedIndex it = StridedIndex.over("binary " + op, out, a, b);
        for (long n = it.count(); n > 0; n--, it.next()) {
            o.set(it.position(0), op.apply(ab.get(it.position(1)), bb.get(it.position(2))));
        }
    }

    static void binaryScalar(BinaryOp op, Strided a, double scalar, Strided out) {
        HeapBuffer ab = Views.heap(a);
        HeapBuffer o = Views.heap(out);
        StridedIndex it = StridedIndex.over("binaryScalar " + op, out, a);
        for (long n = it.count(); n > 0; n--, it.next()) {
            o.set(it.position(0), op.apply(ab.get(it.position(1)), scalar));
        }
    }

    static void compare(CompareOp op, Strided a, Strided b, Strided out) {
        HeapBuffer ab = Views.heap(a);
        HeapBuffer bb = Views.heap(b);
        HeapBuffer o = Views.heap(out);
        StridedIndex it = StridedIndex.over("compare " + op, out, a, b);
        for (long n = it.count(); n > 0; n--, it.next()) {
            o.set(it.position(0), op.test(ab.get(it.position(1)), bb.get(it.position(2))) ? 1.0 : 0.0);
        }
    }

    static void where(Strided condition, Strided a, Strided b, Strided out) {
        HeapBuffer cb = Views.heap(condition);
        HeapBuffer ab = Views.heap(a);
        HeapBuffer bb = Views.heap(b);
        HeapBuffer o = Views.heap(out);
        StridedIndex it = StridedIndex.over("where", out, condition, a, b);
        for (long n = it.count(); n > 0; n--, it.next()) {
            boolean pickA = cb.get(it.position(1)) != 0.0;
            o.set(it.position(0), pickA ? ab.get(it.position(2)) : bb.get(it.position(3)));
        }
    }
}
