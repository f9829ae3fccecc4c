package org.myelin.ops.cpu.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.myelin.api.DType;
import org.myelin.api.ShapeMismatchException;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.Kernels;
import org.myelin.api.spi.Strided;

/** matmul: small hand-worked products, transposed and batched operands, large products against a double loop. */
class MatmulTest {
    private final Kernels k = new CpuSimdBackend().kernels();

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return a;
    }

    /** C = A B in double, A (i,k) at aOff + i*sam + k*sak, B (k,j) at k*sbk + j*sbn. */
    private static double[] reference(float[] a, int sam, int sak, float[] b, int sbk, int sbn, int m, int n, int kk) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int q = 0; q < kk; q++) {
                    s += (double) a[i * sam + q * sak] * b[q * sbk + j * sbn];
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    private static void assertClose(double[] expected, float[] actual, int kk) {
        double tol = 1e-5 * Math.sqrt(kk) * 4;
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol * Math.max(1, Math.abs(expected[i])), "element " + i);
        }
    }

    @Test
    void handWorkedTwoByThreeTimesThreeByTwo() {
        float[] a = {1, 2, 3, 4, 5, 6};
        float[] b = {7, 8, 9, 10, 11, 12};
        float[] c = new float[4];
        k.matmul(Strided.contiguous(HeapBuffer.wrap(a), 2, 3), Strided.contiguous(HeapBuffer.wrap(b), 3, 2),
                Strided.contiguous(HeapBuffer.wrap(c), 2, 2));
        assertArrayEquals(new float[] {58, 64, 139, 154}, c);
    }

    @Test
    void handWorkedDoubleWithTransposedLeft() {
        // a is [[1, 2], [3, 4]] stored column-major: a^T laid out row-major
        double[] at = {1, 3, 2, 4};
        double[] b = {5, 6, 7, 8};
        double[] c = new double[4];
        k.matmul(new Strided(HeapBuffer.wrap(at), 0, new long[] {2, 2}, new long[] {1, 2}),
                Strided.contiguous(HeapBuffer.wrap(b), 2, 2), Strided.contiguous(HeapBuffer.wrap(c), 2, 2));
        assertArrayEquals(new double[] {19, 22, 43, 50}, c);
    }

    @Test
    void innerDimensionZeroGivesZeros() {
        float[] c = {9, 9, 9, 9};
        k.matmul(Strided.contiguous(HeapBuffer.wrap(new float[0]), 2, 0), Strided.contiguous(HeapBuffer.wrap(new float[0]), 0, 2),
                Strided.contiguous(HeapBuffer.wrap(c), 2, 2));
        assertArrayEquals(new float[4], c);
    }

    @Test
    void mismatchedShapesAreRejected() {
        Strided a = Strided.contiguous(HeapBuffer.allocate(DType.FLOAT32, 6), 2, 3);
        Strided b = Strided.contiguous(HeapBuffer.allocate(DType.FLOAT32, 8), 4, 2);
        Strided c = Strided.contiguous(HeapBuffer.allocate(DType.FLOAT32, 4), 2, 2);
        assertThrows(ShapeMismatchException.class, () -> k.matmul(a, b, c));
    }

    /** Sizes around the micro-tile (12 x 2 vectors), the K and M blocks, the dot path and the parallel threshold; each layout. */
    @ParameterizedTest
    @CsvSource({
        "1,1,1,false,false", "5,7,3,false,false", "6,32,8,false,false", "7,33,9,true,false", "13,17,300,false,true",
        "64,10,784,false,false", "64,784,10,true,true", "97,131,257,false,false", "200,150,129,true,false",
        "150,200,513,false,true", "1,300,400,false,false", "300,1,400,true,true", "257,263,269,true,true",
        "1,1,100000,false,false", "1,1,5000,true,true", "1,1000,2000,true,false", "1,1000,2000,false,true",
        "1000,1,2000,false,false", "1000,1,2000,true,false", "2,2,3000,true,true",
        // The 12 x 2-vector tile, K and M blocks (KC 256, MC 96) and their edges; the dot path for thin products.
        "12,32,256,false,false", "13,33,257,true,false", "11,31,255,false,true", "97,65,513,true,true",
        "96,1056,20,false,true", "10,30,784,false,true", "16,17,40,false,true", "17,16,33,false,true",
        "128,10,256,false,true", "3,5,31,false,true", "30,784,10,true,false"})
    void matchesDoubleLoop(int m, int n, int kk, boolean transA, boolean transB) {
        float[] a = random(m * kk, m * 31L + kk);
        float[] b = random(kk * n, n * 17L + kk);
        int sam = transA ? 1 : kk;
        int sak = transA ? m : 1;
        int sbk = transB ? 1 : n;
        int sbn = transB ? kk : 1;
        float[] c = new float[m * n];
        k.matmul(new Strided(HeapBuffer.wrap(a), 0, new long[] {m, kk}, new long[] {sam, sak}),
                new Strided(HeapBuffer.wrap(b), 0, new long[] {kk, n}, new long[] {sbk, sbn}),
                Strided.contiguous(HeapBuffer.wrap(c), m, n));
        assertClose(reference(a, sam, sak, b, sbk, sbn, m, n, kk), c, kk);
    }

    @Test
    void largeDoubleProductMatchesTightly() {
        int m = 123;
        int n = 77;
        int kk = 301;
        SplittableRandom r = new SplittableRandom(5);
        double[] a = r.doubles(m * kk, -1, 1).toArray();
        double[] b = r.doubles(kk * n, -1, 1).toArray();
        double[] c = new double[m * n];
        k.matmul(Strided.contiguous(HeapBuffer.wrap(a), m, kk), Strided.contiguous(HeapBuffer.wrap(b), kk, n),
                Strided.contiguous(HeapBuffer.wrap(c), m, n));
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int q = 0; q < kk; q++) {
                    s += a[i * kk + q] * b[q * n + j];
                }
                assertEquals(s, c[i * n + j], 1e-12);
            }
        }
    }

    @Test
    void batchedWithBroadcastRightOperandAndTransposedOutput() {
        int batch = 3;
        int m = 20;
        int n = 11;
        int kk = 37;
        float[] a = random(batch * m * kk, 1);
        float[] b = random(kk * n, 2);
        // out stored transposed in its last two axes: [batch][n][m]
        float[] c = new float[batch * m * n];
        k.matmul(Strided.contiguous(HeapBuffer.wrap(a), batch, m, kk),
                new Strided(HeapBuffer.wrap(b), 0, new long[] {batch, kk, n}, new long[] {0, n, 1}),
                new Strided(HeapBuffer.wrap(c), 0, new long[] {batch, m, n}, new long[] {(long) m * n, 1, m}));
        for (int t = 0; t < batch; t++) {
            double[] e = reference(java.util.Arrays.copyOfRange(a, t * m * kk, (t + 1) * m * kk), kk, 1, b, n, 1, m, n, kk);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    assertEquals(e[i * n + j], c[t * m * n + j * m + i], 1e-4);
                }
            }
        }
    }

    @Test
    void batchedWithBroadcastLeftOperandAndBatchAxes() {
        int m = 9;
        int n = 40;
        int kk = 50;
        float[] a = random(m * kk, 3);
        float[] b = random(2 * 3 * kk * n, 4);
        float[] c = new float[2 * 3 * m * n];
        k.matmul(new Strided(HeapBuffer.wrap(a), 0, new long[] {2, 3, m, kk}, new long[] {0, 0, kk, 1}),
                Strided.contiguous(HeapBuffer.wrap(b), 2, 3, kk, n), Strided.contiguous(HeapBuffer.wrap(c), 2, 3, m, n));
        for (int t = 0; t < 6; t++) {
            double[] e = reference(a, kk, 1, java.util.Arrays.copyOfRange(b, t * kk * n, (t + 1) * kk * n), n, 1, m, n, kk);
            assertClose(e, java.util.Arrays.copyOfRange(c, t * m * n, (t + 1) * m * n), kk);
        }
    }

    /** The dot path for thin products: any split of rows or columns gives the same bits, tiles and edges alike. */
    @Test
    void dotPathSplitsDoNotChangeOneBit() {
        int m = 11;
        int n = 31;
        int kk = 3 * GemmF.L + 5;
        float[] a = random(m * kk, 10);
        float[] w = random(n * kk, 11);
        assertEquals(true, GemmF.dotPath(m, n, kk, 1, 1));
        float[] whole = new float[m * n];
        GemmF.dot(a, 0, kk, w, 0, kk, whole, 0, n, 0, m, 0, n, kk);
        float[] pieces = new float[m * n];
        GemmF.dot(a, 0, kk, w, 0, kk, pieces, 0, n, 0, 3, 0, n, kk);
        GemmF.dot(a, 0, kk, w, 0, kk, pieces, 0, n, 3, m, 0, 5, kk);
        GemmF.dot(a, 0, kk, w, 0, kk, pieces, 0, n, 3, m, 5, n, kk);
        assertArrayEquals(whole, pieces);
        assertClose(reference(a, kk, 1, w, 1, kk, m, n, kk), whole, kk);
    }

    /** The same element is summed in the same order however rows and columns are split over tasks. */
    @Test
    void splittingTheProductDoesNotChangeOneBit() {
        int m = 101;
        int n = 70;
        int kk = 600;
        float[] a = random(m * kk, 8);
        float[] b = random(kk * n, 9);
        float[] whole = new float[m * n];
        GemmF.gemm(a, 0, kk, 1, b, 0, n, 1, whole, 0, n, 0, m, 0, n, kk);
        float[] pieces = new float[m * n];
        GemmF.gemm(a, 0, kk, 1, b, 0, n, 1, pieces, 0, n, 0, 47, 0, n, kk);
        GemmF.gemm(a, 0, kk, 1, b, 0, n, 1, pieces, 0, n, 47, m, 0, GemmF.NR, kk);
        GemmF.gemm(a, 0, kk, 1, b, 0, n, 1, pieces, 0, n, 47, m, GemmF.NR, n, kk);
        assertArrayEquals(whole, pieces);
        float[] again = new float[m * n];
        k.matmul(Strided.contiguous(HeapBuffer.wrap(a), m, kk), Strided.contiguous(HeapBuffer.wrap(b), kk, n),
                Strided.contiguous(HeapBuffer.wrap(again), m, n));
        assertArrayEquals(whole, again);
    }
}
