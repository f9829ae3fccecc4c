package org.myelin.ops.cpu.simd;

import org.myelin.api.spi.BinaryOp;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.UnaryOp;

/**
 * Slow but general elementwise loops for dtype combinations the typed kernels do not cover (INT64
 * operands, mixed types): every element goes through a double, as the reference definitions do.
 * Walks list the output first, then the inputs.
 */
final class GenericKernels {
    private GenericKernels() {}

    static void unary(UnaryOp op, StridedLoops.Walk w, HeapBuffer x, HeapBuffer out) {
        for (long r = 0; r < w.rows; r++) {
            int oo = w.off[0];
            int xo = w.off[1];
            for (int i = 0; i < w.inner; i++) {
                out.set(oo + (long) i * w.innerStride[0], op.apply(x.get(xo + (long) i * w.innerStride[1])));
            }
            w.next();
        }
    }

    static void binary(BinaryOp op, StridedLoops.Walk w, HeapBuffer a, HeapBuffer b, HeapBuffer out) {
        for (long r = 0; r < w.rows; r++) {
            int oo = w.off[0];
            int ao = w.off[1];
            int bo = w.off[2];
            for (int i = 0; i < w.inner; i++) {
                double v = op.apply(a.get(ao + (long) i * w.innerStride[1]), b.get(bo + (long) i * w.innerStride[2]));
                out.set(oo + (long) i * w.innerStride[0], v);
            }
            w.next();
        }
    }

    static void binaryScalar(BinaryOp op, StridedLoops.Walk w, HeapBuffer a, double scalar, HeapBuffer out) {
        for (long r = 0; r < w.rows; r++) {
            int oo = w.off[0];
            int ao = w.off[1];
            for (int i = 0; i < w.inner; i++) {
                out.set(oo + (long) i * w.innerStride[0], op.apply(a.get(ao + (long) i * w.innerStride[1]), scalar));
            }
            w.next();
        }
    }
}
