package org.myelin.ops.cpu.simd;

import org.myelin.api.DType;
import org.myelin.api.spi.CompareOp;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.Kernels;
import org.myelin.api.spi.Strided;

/**
 * compare and where. When every operand has one floating type and runs are contiguous, they run as
 * vector compares and blends; any other mix of types (INT64 labels, an INT64 or FLOAT64 mask)
 * goes element by element through doubles, which is exact for every value a mask or label holds.
 * {@link CompareWhereF} and its generated twin {@link CompareWhereD} run the single-type cases.
 */
final class CompareWhere implements Kernels.Select {
    static final CompareWhere INSTANCE = new CompareWhere();

    private CompareWhere() {}

    @Override
    public void compare(CompareOp op, Strided a, Strided b, Strided out) {
        HeapBuffer ha = HeapBuffer.of(a.buffer());
        HeapBuffer hb = HeapBuffer.of(b.buffer());
        HeapBuffer ho = HeapBuffer.of(out.buffer());
        StridedLoops.Walk w = StridedLoops.walk("compare", op, out, a, b);
        DType t = out.dtype();
        if (a.dtype() == t && b.dtype() == t && t == DType.FLOAT32) {
            CompareWhereF.compare(op, w, ha.floats(), hb.floats(), ho.floats());
        } else if (a.dtype() == t && b.dtype() == t && t == DType.FLOAT64) {
            CompareWhereD.compare(op, w, ha.doubles(), hb.doubles(), ho.doubles());
        } else {
            for (long r = 0; r < w.rows; r++) {
                for (int i = 0; i < w.inner; i++) {
                    boolean v = op.test(ha.get(w.off[1] + (long) i * w.innerStride[1]),
                            hb.get(w.off[2] + (long) i * w.innerStride[2]));
                    ho.set(w.off[0] + (long) i * w.innerStride[0], v ? 1 : 0);
                }
                w.next();
            }
        }
    }

    @Override
    public void where(Strided condition, Strided a, Strided b, Strided out) {
        HeapBuffer hc = HeapBuffer.of(condition.buffer());
        HeapBuffer ha = HeapBuffer.of(a.buffer());
        HeapBuffer hb = HeapBuffer.of(b.buffer());
        HeapBuffer ho = HeapBuffer.of(out.buffer());
        StridedLoops.Walk w = StridedLoops.walk("where", out, condition, a, b);
        DType t = out.dtype();
        if (a.dtype() == t && b.dtype() == t && t == DType.FLOAT32) {
            CompareWhereF.where(w, hc, ha.floats(), hb.floats(), ho.floats());
        } else if (a.dtype() == t && b.dtype() == t && t == DType.FLOAT64) {
            CompareWhereD.where(w, hc, ha.doubles(), hb.doubles(), ho.doubles());
        } else {
            for (long r = 0; r < w.rows; r++) {
                for (int i = 0; i < w.inner; i++) {
                    boolean pick = hc.get(w.off[1] + (long) i * w.innerStride[1]) != 0;
                    double v = pick ? ha.get(w.off[2] + (long) i * w.innerStride[2]) : hb.get(w.off[3] + (long) i * w.innerStride[3]);
                    ho.set(w.off[0] + (long) i * w.innerStride[0], v);
                }
                w.next();
            }
        }
    }
}
