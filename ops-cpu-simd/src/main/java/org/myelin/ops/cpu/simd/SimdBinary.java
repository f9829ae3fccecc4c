package org.myelin.ops.cpu.simd;

import static jdk.incubator.vector.VectorOperators.MAX;
import static jdk.incubator.vector.VectorOperators.MIN;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.myelin.api.DType;
import org.myelin.api.spi.BinaryOp;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.Kernels;
import org.myelin.api.spi.Strided;

/**
 * Elementwise two-input kernels, with broadcasting by strides. A run is vector-vector when both
 * inputs have unit stride, vector-scalar or scalar-vector when one is a stride-0 broadcast (a bias
 * row, a scalar), and a plain scalar loop otherwise. POW always runs through {@link Math#pow}, the
 * reference, whose special cases a vector approximation could miss. Vector lane MAX/MIN follow
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
                rowF(op, HeapBuffer.of(a.buffer()).floats(), (int) a.offset(), 1, HeapBuffer.of(b.buffer()).floats(),
                        (int) b.offset(), 1, HeapBuffer.of(out.buffer()).floats(), (int) out.offset(), 1, flat);
            } else {
                rowD(op, HeapBuffer.of(a.buffer()).doubles(), (int) a.offset(), 1, HeapBuffer.of(b.buffer()).doubles(),
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
            StridedLoops.forEachRun(w, cost, (off, st, n) -> rowF(op, aa, off[1], st[1], ba, off[2], st[2], o, off[0], st[0], n));
        } else {
            double[] o = HeapBuffer.of(out.buffer()).doubles();
            double[] aa = HeapBuffer.of(a.buffer()).doubles();
            double[] ba = HeapBuffer.of(b.buffer()).doubles();
            StridedLoops.forEachRun(w, cost, (off, st, n) -> rowD(op, aa, off[1], st[1], ba, off[2], st[2], o, off[0], st[0], n));
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
                vsF(op, HeapBuffer.of(a.buffer()).floats(), (int) a.offset(), (float) scalar,
                        HeapBuffer.of(out.buffer()).floats(), (int) out.offset(), flat);
            } else {
                vsD(op, HeapBuffer.of(a.buffer()).doubles(), (int) a.offset(), scalar,
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
            StridedLoops.forEachRun(w, cost, (off, st, n) -> {
                if (st[1] == 1 && st[0] == 1) {
                    vsF(op, aa, off[1], s, o, off[0], n);
                } else {
                    for (int i = 0; i < n; i++) {
                        o[off[0] + i * st[0]] = (float) op.apply(aa[off[1] + i * st[1]], s);
                    }
                }
            });
        } else {
            double[] o = HeapBuffer.of(out.buffer()).doubles();
            double[] aa = HeapBuffer.of(a.buffer()).doubles();
            StridedLoops.forEachRun(w, cost, (off, st, n) -> {
                if (st[1] == 1 && st[0] == 1) {
                    vsD(op, aa, off[1], scalar, o, off[0], n);
                } else {
                    for (int i = 0; i < n; i++) {
                        o[off[0] + i * st[0]] = op.apply(aa[off[1] + i * st[1]], scalar);
                    }
                }
            });
        }
    }

    private static void rowF(BinaryOp op, float[] a, int ao, int as, float[] b, int bo, int bs,
                             float[] o, int oo, int os, int n) {
        if (os == 1 && as == 1 && bs == 1) {
            vvF(op, a, ao, b, bo, o, oo, n);
        } else if (os == 1 && as == 1 && bs == 0) {
            vsF(op, a, ao, b[bo], o, oo, n);
        } else if (os == 1 && as == 0 && bs == 1) {
            svF(op, a[ao], b, bo, o, oo, n);
        } else {
            for (int i = 0; i < n; i++) {
                o[oo + i * os] = (float) op.apply(a[ao + i * as], b[bo + i * bs]);
            }
        }
    }

    private static void rowD(BinaryOp op, double[] a, int ao, int as, double[] b, int bo, int bs,
                             double[] o, int oo, int os, int n) {
        if (os == 1 && as == 1 && bs == 1) {
            vvD(op, a, ao, b, bo, o, oo, n);
        } else if (os == 1 && as == 1 && bs == 0) {
            vsD(op, a, ao, b[bo], o, oo, n);
        } else if (os == 1 && as == 0 && bs == 1) {
            svD(op, a[ao], b, bo, o, oo, n);
        } else {
            for (int i = 0; i < n; i++) {
                o[oo + i * os] = op.apply(a[ao + i * as], b[bo + i * bs]);
            }
        }
    }

    static void vvF(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
        int i = 0;
        if (Simd.ENABLED) {
            VectorSpecies<Float> s = Simd.F;
            int step = s.length();
            int ub = s.loopBound(n);
            switch (op) {
                case ADD -> {
                    for (; i < ub; i += step) {
                        FloatVector.fromArray(s, a, ao + i).add(FloatVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case SUB -> {
                    for (; i < ub; i += step) {
                        FloatVector.fromArray(s, a, ao + i).sub(FloatVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case MUL -> {
                    for (; i < ub; i += step) {
                        FloatVector.fromArray(s, a, ao + i).mul(FloatVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case DIV -> {
                    for (; i < ub; i += step) {
                        FloatVector.fromArray(s, a, ao + i).div(FloatVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case MAXIMUM -> {
                    for (; i < ub; i += step) {
                        FloatVector.fromArray(s, a, ao + i).lanewise(MAX, FloatVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case MINIMUM -> {
                    for (; i < ub; i += step) {
                        FloatVector.fromArray(s, a, ao + i).lanewise(MIN, FloatVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case POW -> { }
            }
        }
        for (; i < n; i++) {
            o[oo + i] = (float) op.apply(a[ao + i], b[bo + i]);
        }
    }

    static void vsF(BinaryOp op, float[] a, int ao, float c, float[] o, int oo, int n) {
        int i = 0;
        if (op == BinaryOp.POW && c == 2f) {
            for (; i < n; i++) {
                o[oo + i] = a[ao + i] * a[ao + i]; // exactly Math.pow(x, 2) rounded to float, far cheaper
            }
            return;
        }
        if (Simd.ENABLED) {
            VectorSpecies<Float> s = Simd.F;
            int step = s.length();
            int ub = s.loopBound(n);
            FloatVector v = FloatVector.broadcast(s, c);
            switch (op) {
                case ADD -> {
                    for (; i < ub; i += step) {
                        FloatVector.fromArray(s, a, ao + i).add(v).intoArray(o, oo + i);
                    }
                }
                case SUB -> {
                    for (; i < ub; i += step) {
                        FloatVector.fromArray(s, a, ao + i).sub(v).intoArray(o, oo + i);
                    }
                }
                case MUL -> {
                    for (; i < ub; i += step) {
                        FloatVector.fromArray(s, a, ao + i).mul(v).intoArray(o, oo + i);
                    }
                }
                case DIV -> {
                    for (; i < ub; i += step) {
                        FloatVector.fromArray(s, a, ao + i).div(v).intoArray(o, oo + i);
                    }
                }
                case MAXIMUM -> {
                    for (; i < ub; i += step) {
                        FloatVector.fromArray(s, a, ao + i).lanewise(MAX, v).intoArray(o, oo + i);
                    }
                }
                case MINIMUM -> {
                    for (; i < ub; i += step) {
                        FloatVector.fromArray(s, a, ao + i).lanewise(MIN, v).intoArray(o, oo + i);
                    }
                }
                case POW -> { }
            }
        }
        for (; i < n; i++) {
            o[oo + i] = (float) op.apply(a[ao + i], c);
        }
    }

    static void svF(BinaryOp op, float c, float[] b, int bo, float[] o, int oo, int n) {
        int i = 0;
        if (Simd.ENABLED) {
            VectorSpecies<Float> s = Simd.F;
            int step = s.length();
            int ub = s.loopBound(n);
            FloatVector v = FloatVector.broadcast(s, c);
            switch (op) {
                case ADD -> {
                    for (; i < ub; i += step) {
                        v.add(FloatVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case SUB -> {
                    for (; i < ub; i += step) {
                        v.sub(FloatVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case MUL -> {
                    for (; i < ub; i += step) {
                        v.mul(FloatVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case DIV -> {
                    for (; i < ub; i += step) {
                        v.div(FloatVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case MAXIMUM -> {
                    for (; i < ub; i += step) {
                        v.lanewise(MAX, FloatVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case MINIMUM -> {
                    for (; i < ub; i += step) {
                        v.lanewise(MIN, FloatVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case POW -> { }
            }
        }
        for (; i < n; i++) {
            o[oo + i] = (float) op.apply(c, b[bo + i]);
        }
    }

    static void vvD(BinaryOp op, double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) {
        int i = 0;
        if (Simd.ENABLED) {
            VectorSpecies<Double> s = Simd.D;
            int step = s.length();
            int ub = s.loopBound(n);
            switch (op) {
                case ADD -> {
                    for (; i < ub; i += step) {
                        DoubleVector.fromArray(s, a, ao + i).add(DoubleVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case SUB -> {
                    for (; i < ub; i += step) {
                        DoubleVector.fromArray(s, a, ao + i).sub(DoubleVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case MUL -> {
                    for (; i < ub; i += step) {
                        DoubleVector.fromArray(s, a, ao + i).mul(DoubleVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case DIV -> {
                    for (; i < ub; i += step) {
                        DoubleVector.fromArray(s, a, ao + i).div(DoubleVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case MAXIMUM -> {
                    for (; i < ub; i += step) {
                        DoubleVector.fromArray(s, a, ao + i).lanewise(MAX, DoubleVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case MINIMUM -> {
                    for (; i < ub; i += step) {
                        DoubleVector.fromArray(s, a, ao + i).lanewise(MIN, DoubleVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case POW -> { }
            }
        }
        for (; i < n; i++) {
            o[oo + i] = op.apply(a[ao + i], b[bo + i]);
        }
    }

    static void vsD(BinaryOp op, double[] a, int ao, double c, double[] o, int oo, int n) {
        int i = 0;
        if (Simd.ENABLED) {
            VectorSpecies<Double> s = Simd.D;
            int step = s.length();
            int ub = s.loopBound(n);
            DoubleVector v = DoubleVector.broadcast(s, c);
            switch (op) {
                case ADD -> {
                    for (; i < ub; i += step) {
                        DoubleVector.fromArray(s, a, ao + i).add(v).intoArray(o, oo + i);
                    }
                }
                case SUB -> {
                    for (; i < ub; i += step) {
                        DoubleVector.fromArray(s, a, ao + i).sub(v).intoArray(o, oo + i);
                    }
                }
                case MUL -> {
                    for (; i < ub; i += step) {
                        DoubleVector.fromArray(s, a, ao + i).mul(v).intoArray(o, oo + i);
                    }
                }
                case DIV -> {
                    for (; i < ub; i += step) {
                        DoubleVector.fromArray(s, a, ao + i).div(v).intoArray(o, oo + i);
                    }
                }
                case MAXIMUM -> {
                    for (; i < ub; i += step) {
                        DoubleVector.fromArray(s, a, ao + i).lanewise(MAX, v).intoArray(o, oo + i);
                    }
                }
                case MINIMUM -> {
                    for (; i < ub; i += step) {
                        DoubleVector.fromArray(s, a, ao + i).lanewise(MIN, v).intoArray(o, oo + i);
                    }
                }
                case POW -> { }
            }
        }
        for (; i < n; i++) {
            o[oo + i] = op.apply(a[ao + i], c);
        }
    }

    static void svD(BinaryOp op, double c, double[] b, int bo, double[] o, int oo, int n) {
        int i = 0;
        if (Simd.ENABLED) {
            VectorSpecies<Double> s = Simd.D;
            int step = s.length();
            int ub = s.loopBound(n);
            DoubleVector v = DoubleVector.broadcast(s, c);
            switch (op) {
                case ADD -> {
                    for (; i < ub; i += step) {
                        v.add(DoubleVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case SUB -> {
                    for (; i < ub; i += step) {
                        v.sub(DoubleVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case MUL -> {
                    for (; i < ub; i += step) {
                        v.mul(DoubleVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case DIV -> {
                    for (; i < ub; i += step) {
                        v.div(DoubleVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case MAXIMUM -> {
                    for (; i < ub; i += step) {
                        v.lanewise(MAX, DoubleVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case MINIMUM -> {
                    for (; i < ub; i += step) {
                        v.lanewise(MIN, DoubleVector.fromArray(s, b, bo + i)).intoArray(o, oo + i);
                    }
                }
                case POW -> { }
            }
        }
        for (; i < n; i++) {
            o[oo + i] = op.apply(c, b[bo + i]);
        }
    }
}
