package org.myelin.ops.cpu.simd;

import org.myelin.api.DType;
import org.myelin.api.spi.BinaryOp;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.Kernels;
import org.myelin.api.spi.Strided;

/**
 * Elementwise two-input kernels, with broadcasting by strides: this class splits the work into runs
 * and picks the type; {@link BinaryF} and its generated twin {@link BinaryD} run them. A run is
 * vector-vector when both inputs have unit stride, vector-scalar or scalar-vector when one is a
 * stride-0 broadcast (a bias row, a scalar), and a plain scalar loop otherwise. POW always runs
 * through {@link Math#pow}, the reference, whose special cases a vector approximation could miss
 * (FLOAT32's x ^ 2 aside, see {@link #squares(BinaryOp, float)}). Vector lane MAX/MIN follow
 * Math.max/min (NaN wins, -0 &lt; +0), as the reference does.
 */
final class SimdBinary implements Kernels.Binary {
    static final SimdBinary INSTANCE = new SimdBinary();

    private SimdBinary() {}

    @Override
    public void binary(BinaryOp op, Strided a, Strided b, Strided out) {
        DType t = out.dtype();
        boolean floating = a.dtype() == t && b.dtype() == t && t.isFloatingPoint();
        double cost = op == BinaryOp.POW ? 16 : 1;
        int flat = floating ? StridedLoops.singleRun(cost, out, a, b) : -1;
        if (flat >= 0) {
            if (t == DType.FLOAT32) {
                BinaryF.row(op, HeapBuffer.of(a.buffer()).floats(), (int) a.offset(), 1, HeapBuffer.of(b.buffer()).floats(),
                        (int) b.offset(), 1, HeapBuffer.of(out.buffer()).floats(), (int) out.offset(), 1, flat);
            } else {
                BinaryD.row(op, HeapBuffer.of(a.buffer()).doubles(), (int) a.offset(), 1, HeapBuffer.of(b.buffer()).doubles(),
                        (int) b.offset(), 1, HeapBuffer.of(out.buffer()).doubles(), (int) out.offset(), 1, flat);
            }
            return;
        }
        StridedLoops.Walk w = StridedLoops.walk("binary", op, out, a, b);
        if (!floating) {
            GenericKernels.binary(op, w, HeapBuffer.of(a.buffer()), HeapBuffer.of(b.buffer()), HeapBuffer.of(out.buffer()));
            return;
        }
        if (t == DType.FLOAT32) {
            float[] o = HeapBuffer.of(out.buffer()).floats();
            float[] aa = HeapBuffer.of(a.buffer()).floats();
            float[] ba = HeapBuffer.of(b.buffer()).floats();
            StridedLoops.forEachRun(w, cost, (off, st, n) -> BinaryF.row(op, aa, off[1], st[1], ba, off[2], st[2], o, off[0], st[0], n));
        } else {
            double[] o = HeapBuffer.of(out.buffer()).doubles();
            double[] aa = HeapBuffer.of(a.buffer()).doubles();
            double[] ba = HeapBuffer.of(b.buffer()).doubles();
            StridedLoops.forEachRun(w, cost, (off, st, n) -> BinaryD.row(op, aa, off[1], st[1], ba, off[2], st[2], o, off[0], st[0], n));
        }
    }

    /** For FLOAT32 the scalar is first rounded to float, so vector body and scalar tail agree exactly. */
    @Override
    public void binaryScalar(BinaryOp op, Strided a, double scalar, Strided out) {
        DType t = out.dtype();
        boolean floating = a.dtype() == t && t.isFloatingPoint();
        double cost = op == BinaryOp.POW ? 16 : 1;
        int flat = floating ? StridedLoops.singleRun(cost, out, a) : -1;
        if (flat >= 0) {
            if (t == DType.FLOAT32) {
                BinaryF.vs(op, HeapBuffer.of(a.buffer()).floats(), (int) a.offset(), (float) scalar,
                        HeapBuffer.of(out.buffer()).floats(), (int) out.offset(), flat);
            } else {
                BinaryD.vs(op, HeapBuffer.of(a.buffer()).doubles(), (int) a.offset(), scalar,
                        HeapBuffer.of(out.buffer()).doubles(), (int) out.offset(), flat);
            }
            return;
        }
        StridedLoops.Walk w = StridedLoops.walk("binaryScalar", op, out, a);
        if (!floating) {
            GenericKernels.binaryScalar(op, w, HeapBuffer.of(a.buffer()), scalar, HeapBuffer.of(out.buffer()));
            return;
        }
        if (t == DType.FLOAT32) {
            float[] o = HeapBuffer.of(out.buffer()).floats();
            float[] aa = HeapBuffer.of(a.buffer()).floats();
            float s = (float) scalar;
            StridedLoops.forEachRun(w, cost, (off, st, n) -> BinaryF.rowScalar(op, aa, off[1], st[1], s, o, off[0], st[0], n));
        } else {
            double[] o = HeapBuffer.of(out.buffer()).doubles();
            double[] aa = HeapBuffer.of(a.buffer()).doubles();
            StridedLoops.forEachRun(w, cost, (off, st, n) -> BinaryD.rowScalar(op, aa, off[1], st[1], scalar, o, off[0], st[0], n));
        }
    }

    /**
     * Whether {@code x ^ c} may run as {@code x * x}: for FLOAT32, when c is 2, since the double
     * Math.pow(x, 2) rounded to float is exactly the float x * x, and far cheaper.
     */
    static boolean squares(BinaryOp op, float c) {
        return op == BinaryOp.POW && c == 2f;
    }

    /** Never for FLOAT64: it keeps {@link Math#pow}, as the reference does. */
    static boolean squares(BinaryOp op, double c) {
        return false;
    }
}
