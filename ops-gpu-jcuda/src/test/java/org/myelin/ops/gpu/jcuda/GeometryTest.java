package org.myelin.ops.gpu.jcuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.myelin.api.DType;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.Strided;

/** The Geo struct the kernels walk: axes merged where every operand allows, broadcasting, bounds. */
class GeometryTest {
    private static final int SIZE = 2;
    private static final int DTYPE = SIZE + Geometry.MAX_RANK;
    private static final int OFFSET = DTYPE + Geometry.MAX_OPS;
    private static final int STRIDE = OFFSET + Geometry.MAX_OPS;

    private static Strided view(int length, long offset, long[] shape, long[] strides) {
        return new Strided(HeapBuffer.allocate(DType.FLOAT32, length), offset, shape, strides);
    }

    private static long[] sizes(Geometry g) {
        return Arrays.copyOfRange(g.words(), SIZE, SIZE + g.rank());
    }

    private static long[] strides(Geometry g, int operand) {
        int base = STRIDE + operand * Geometry.MAX_RANK;
        return Arrays.copyOfRange(g.words(), base, base + g.rank());
    }

    @Test
    void structHasTheHeadersSize() {
        assertEquals(2 + 8 + 4 + 4 + 32, Geometry.WORDS);
    }

    @Test
    void contiguousOperandsOfAnyRankBecomeOneAxis() {
        Strided a = Strided.contiguous(HeapBuffer.allocate(DType.FLOAT32, 60), 3, 4, 5);
        Strided out = Strided.contiguous(HeapBuffer.allocate(DType.FLOAT64, 60), 3, 4, 5);
        Geometry g = Geometry.over("test", out.shape(), out, a);
        assertEquals(60, g.count());
        assertArrayEquals(new long[] {60}, sizes(g));
        assertArrayEquals(new long[] {1}, strides(g, 0));
        assertEquals(1, g.words()[DTYPE]);
        assertEquals(0, g.words()[DTYPE + 1]);
    }

    @Test
    void aTransposedOperandKeepsTwoAxes() {
        Strided t = view(12, 0, new long[] {3, 4}, new long[] {1, 3});
        Strided out = Strided.contiguous(HeapBuffer.allocate(DType.FLOAT32, 12), 3, 4);
        Geometry g = Geometry.over("test", out.shape(), out, t);
        assertArrayEquals(new long[] {3, 4}, sizes(g));
        assertArrayEquals(new long[] {1, 3}, strides(g, 1));
    }

    @Test
    void broadcastingGivesStrideZeroAndSizeOneAxesDisappear() {
        Strided row = Strided.contiguous(HeapBuffer.allocate(DType.FLOAT32, 5), 5);
        Strided out = Strided.contiguous(HeapBuffer.allocate(DType.FLOAT32, 15), 3, 1, 5);
        Geometry g = Geometry.over("test", out.shape(), out, row);
        assertArrayEquals(new long[] {3, 5}, sizes(g));
        assertArrayEquals(new long[] {0, 1}, strides(g, 1));
    }

    @Test
    void offsetsTravel() {
        Strided v = view(20, 7, new long[] {2, 3}, new long[] {3, 1});
        Geometry g = Geometry.over("test", v.shape(), v);
        assertEquals(7, g.words()[OFFSET]);
    }

    @Test
    void scalarsAndEmptyViews() {
        Strided scalar = view(3, 2, new long[0], new long[0]);
        Geometry s = Geometry.over("test", scalar.shape(), scalar);
        assertEquals(1, s.count());
        assertEquals(0, s.rank());
        Strided empty = view(0, 0, new long[] {0, 4}, new long[] {4, 1});
        assertEquals(0, Geometry.over("test", empty.shape(), empty).count());
    }

    @Test
    void viewsOutsideTheirBufferAreRefused() {
        Strided tooFar = view(10, 5, new long[] {2, 3}, new long[] {3, 1});
        assertThrows(InvalidArgumentException.class, () -> Geometry.over("test", tooFar.shape(), tooFar));
    }

    @Test
    void shapesThatDoNotBroadcastAreRefused() {
        Strided a = Strided.contiguous(HeapBuffer.allocate(DType.FLOAT32, 4), 4);
        assertThrows(ShapeMismatchException.class, () -> Geometry.over("test", new long[] {3, 5}, a));
    }

    @Test
    void moreThanEightUnmergeableAxesAreRefused() {
        long[] shape = {2, 2, 2, 2, 2, 2, 2, 2, 2};
        long[] strides = new long[9];
        long s = 1;
        for (int i = 8; i >= 0; i--) {
            strides[i] = s;
            s *= 3; // gaps between every axis, so none merge
        }
        Strided v = view((int) s, 0, shape, strides);
        assertThrows(InvalidArgumentException.class, () -> Geometry.over("test", shape, v));
    }
}
