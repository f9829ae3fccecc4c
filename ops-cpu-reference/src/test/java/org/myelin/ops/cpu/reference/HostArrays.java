package org.myelin.ops.cpu.reference;

import org.myelin.api.DType;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.Strided;
import org.myelin.api.spi.StridedWalk;

/** Small helpers that turn literal arrays into views and back, for hand-computed tests. */
final class HostArrays {
    private HostArrays() {}

    static Strided f64(double[] data, long... shape) {
        return Strided.contiguous(HeapBuffer.wrap(data), shape);
    }

    static Strided f32(float[] data, long... shape) {
        return Strided.contiguous(HeapBuffer.wrap(data), shape);
    }

    static Strided i64(long[] data, long... shape) {
        return Strided.contiguous(HeapBuffer.wrap(data), shape);
    }

    static Strided zeros(DType dtype, long... shape) {
        return Strided.contiguous(HeapBuffer.allocate(dtype, Math.multiplyExact(1L, java.util.Arrays.stream(shape).reduce(1, Math::multiplyExact))), shape);
    }

    /** @param view any view @return its elements in row-major order */
    static double[] values(Strided view) {
        HeapBuffer b = HeapBuffer.of(view.buffer());
        double[] out = new double[Math.toIntExact(view.numel())];
        StridedWalk it = StridedWalk.over("test", view);
        for (int i = 0; i < out.length; i++, it.next()) {
            out[i] = b.get(it.position(0));
        }
        return out;
    }
}
