package org.myelin.ops.cpu.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.myelin.api.spi.BinaryOp;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.Kernels;
import org.myelin.api.spi.ReduceOp;
import org.myelin.api.spi.Strided;
import org.myelin.api.spi.UnaryOp;

/**
 * Lengths around the vector width (8 or 16 floats, 4 or 8 doubles) and its multiples, where vector
 * bodies meet scalar tails, checked against the reference definitions in {@code apply}.
 */
class ElementwiseAndReductionTest {
    private static final int[] TAILS = {1, 7, 8, 9, 15, 16, 17, 31, 33, 64, 1000, 1031};
    private final Kernels k = new CpuSimdBackend().kernels();

    private static float[] floats(int n, long seed, double lo, double hi) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (lo + (hi - lo) * r.nextDouble());
        }
        return a;
    }

    private static double[] doubles(int n, long seed, double lo, double hi) {
        return new SplittableRandom(seed).doubles(n, lo, hi).toArray();
    }

    private static double domainLow(UnaryOp op) {
        return switch (op) {
            case SQRT, LOG -> 0.01;
            case LOG1P -> -0.9;
            default -> -20;
        };
    }

    /** The same r x c values as {@code dense}, stored with one unused element after each row. */
    private static Strided padded(float[] dense, int r, int c) {
        float[] p = new float[r * (c + 1) + 1];
        for (int i = 0; i < r; i++) {
            System.arraycopy(dense, i * c, p, 1 + i * (c + 1), c);
        }
        return new Strided(HeapBuffer.wrap(p), 1, new long[] {r, c}, new long[] {c + 1, 1});
    }

    private static float[] values(Strided s) {
        int r = (int) s.size(0);
        int c = (int) s.size(1);
        float[] out = new float[r * c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                out[i * c + j] = HeapBuffer.of(s.buffer()).floats()[(int) (s.offset() + i * s.stride(0) + j * s.stride(1))];
            }
        }
        return out;
    }

    /**
     * Small contiguous operands skip the strided walk and run as one row; padded rows force the walk,
     * and put vector tails where the single run has whole vectors. Both must give the same bits, for
     * every operator, at sizes on both sides of the vector width.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 16, 17, 32, 40})
    void oneRunForContiguousOperandsGivesTheWalksBits(int c) {
        int r = 5;
        float[] a = floats(r * c, c, 0.1, 4);
        float[] b = floats(r * c, c + 1, 0.1, 4);
        for (BinaryOp op : BinaryOp.values()) {
            float[] fast = new float[r * c];
            k.binary(op, Strided.contiguous(HeapBuffer.wrap(a), r, c), Strided.contiguous(HeapBuffer.wrap(b), r, c),
                    Strided.contiguous(HeapBuffer.wrap(fast), r, c));
            Strided walked = padded(new float[r * c], r, c);
            k.binary(op, padded(a, r, c), padded(b, r, c), walked);
            assertArrayEquals(values(walked), fast, op + " c=" + c);
            float[] fastScalar = new float[r * c];
            k.binaryScalar(op, Strided.contiguous(HeapBuffer.wrap(a), r, c), 1.75, Strided.contiguous(HeapBuffer.wrap(fastScalar), r, c));
            Strided walkedScalar = padded(new float[r * c], r, c);
            k.binaryScalar(op, padded(a, r, c), 1.75, walkedScalar);
            assertArrayEquals(values(walkedScalar), fastScalar, op + " with a scalar, c=" + c);
        }
        // Both signs, both sides of exp's overflow and underflow, and NaN, for the unary ops.
        float[] u = floats(r * c, c + 7, -20, 20);
        float[] specials = {-100f, 88.8f, -88.8f, Float.NaN, -0f, 0.5f};
        for (int i = 0; i < specials.length; i++) {
            u[(i * 7) % u.length] = specials[i];
        }
        for (UnaryOp op : UnaryOp.values()) {
            float[] fast = new float[r * c];
            k.unary(op, Strided.contiguous(HeapBuffer.wrap(u), r, c), Strided.contiguous(HeapBuffer.wrap(fast), r, c));
            Strided walked = padded(new float[r * c], r, c);
            k.unary(op, padded(u, r, c), walked);
            assertArrayEquals(values(walked), fast, op + " c=" + c);
        }
        float[] filled = new float[r * c + 2];
        k.fill(new Strided(HeapBuffer.wrap(filled), 1, new long[] {r, c}, new long[] {c, 1}), -2.5);
        assertEquals(0f, filled[0]);
        assertEquals(0f, filled[r * c + 1], "fill stops at the view's end");
        for (int i = 1; i <= r * c; i++) {
            assertEquals(-2.5f, filled[i]);
        }
    }

    @org.junit.jupiter.api.Test
    void aShapeThatDoesNotBroadcastIsNamedWithItsOperator() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.myelin.api.ShapeMismatchException.class,
                () -> k.binary(BinaryOp.MUL, Strided.contiguous(HeapBuffer.wrap(new float[6]), 2, 3),
                        Strided.contiguous(HeapBuffer.wrap(new float[4]), 4), Strided.contiguous(HeapBuffer.wrap(new float[6]), 2, 3)));
        assertEquals("binary MUL: cannot broadcast shape [4] to [2, 3]", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryAtEveryTailLength(UnaryOp op) {
        for (int n : TAILS) {
            float[] x = floats(n, n, domainLow(op), 20);
            float[] o = new float[n];
            k.unary(op, Strided.contiguous(HeapBuffer.wrap(x), n), Strided.contiguous(HeapBuffer.wrap(o), n));
            double[] xd = doubles(n, n, domainLow(op), 20);
            double[] od = new double[n];
            k.unary(op, Strided.contiguous(HeapBuffer.wrap(xd), n), Strided.contiguous(HeapBuffer.wrap(od), n));
            for (int i = 0; i < n; i++) {
                double e = op.apply(x[i]);
                assertEquals(e, o[i], 1e-6 + 2e-6 * Math.abs(e), op + " float n=" + n + " i=" + i + " x=" + x[i]);
                double ed = op.apply(xd[i]);
                assertEquals(ed, od[i], 1e-14 + 1e-13 * Math.abs(ed), op + " double n=" + n + " i=" + i);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unarySpecialValues(UnaryOp op) {
        float[] x = {Float.NaN, -0.0f, 0.0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -1e-30f, 1e30f, -100f,
            100f, 1f, -1f, 0.5f, -0.5f, 88f, -88f, 3f, Float.NaN};
        float[] o = new float[x.length];
        k.unary(op, Strided.contiguous(HeapBuffer.wrap(x), x.length), Strided.contiguous(HeapBuffer.wrap(o), x.length));
        for (int i = 0; i < x.length; i++) {
            float e = (float) op.apply(x[i]);
            if (Float.isNaN(e) || Float.isInfinite(e)) {
                assertEquals(e, o[i], op + " of " + x[i]);
            } else {
                assertEquals(e, o[i], 1e-6 + 2e-6 * Math.abs(e), op + " of " + x[i]);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binaryVectorScalarAndBroadcastRows(BinaryOp op) {
        for (int n : TAILS) {
            float[] a = floats(n, 1, 0.5, 3);
            float[] b = floats(n, 2, -2, 2);
            float[] o = new float[n];
            k.binary(op, Strided.contiguous(HeapBuffer.wrap(a), n), Strided.contiguous(HeapBuffer.wrap(b), n),
                    Strided.contiguous(HeapBuffer.wrap(o), n));
            for (int i = 0; i < n; i++) {
                double e = op.apply(a[i], b[i]);
                assertEquals(e, o[i], 1e-6 + 1e-6 * Math.abs(e), op + " n=" + n);
            }
            // a [3, n] op row b [n] (stride 0 over rows), and column c [3, 1] op a
            float[] a3 = floats(3 * n, 3, 0.5, 3);
            float[] o3 = new float[3 * n];
            k.binary(op, Strided.contiguous(HeapBuffer.wrap(a3), 3, n),
                    new Strided(HeapBuffer.wrap(b), 0, new long[] {3, n}, new long[] {0, 1}),
                    Strided.contiguous(HeapBuffer.wrap(o3), 3, n));
            float[] col = {1.5f, 0.25f, 2f}; // positive: POW of a negative base is NaN for most exponents
            float[] o4 = new float[3 * n];
            k.binary(op, new Strided(HeapBuffer.wrap(col), 0, new long[] {3, n}, new long[] {1, 0}),
                    Strided.contiguous(HeapBuffer.wrap(a3), 3, n), Strided.contiguous(HeapBuffer.wrap(o4), 3, n));
            float[] o5 = new float[3 * n];
            k.binaryScalar(op, Strided.contiguous(HeapBuffer.wrap(a3), 3, n), 1.75, Strided.contiguous(HeapBuffer.wrap(o5), 3, n));
            for (int r = 0; r < 3; r++) {
                for (int i = 0; i < n; i++) {
                    double e3 = op.apply(a3[r * n + i], b[i]);
                    assertEquals(e3, o3[r * n + i], 1e-6 + 1e-6 * Math.abs(e3), op + " row broadcast n=" + n);
                    double e4 = op.apply(col[r], a3[r * n + i]);
                    assertEquals(e4, o4[r * n + i], 1e-6 + 1e-6 * Math.abs(e4), op + " column broadcast n=" + n);
                    double e5 = op.apply(a3[r * n + i], 1.75);
                    assertEquals(e5, o5[r * n + i], 1e-6 + 1e-6 * Math.abs(e5), op + " scalar n=" + n);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void reduceLastAxisFirstAxisAndEverything(ReduceOp op) {
        for (int n : TAILS) {
            int rows = 5;
            float[] x = floats(rows * n, n, -3, 3);
            float[] last = new float[rows];
            float[] first = new float[n];
            float[] all = new float[1];
            k.reduce(op, Strided.contiguous(HeapBuffer.wrap(x), rows, n), Strided.contiguous(HeapBuffer.wrap(last), rows, 1));
            k.reduce(op, Strided.contiguous(HeapBuffer.wrap(x), rows, n), Strided.contiguous(HeapBuffer.wrap(first), 1, n));
            k.reduce(op, Strided.contiguous(HeapBuffer.wrap(x), rows, n), Strided.contiguous(HeapBuffer.wrap(all), 1, 1));
            for (int r = 0; r < rows; r++) {
                assertEquals(expected(op, x, r * n, 1, n), last[r], 1e-5 * Math.sqrt(n) * 3, op + " last axis n=" + n);
            }
            for (int j = 0; j < n; j++) {
                assertEquals(expected(op, x, j, n, rows), first[j], 1e-5 * 3, op + " first axis n=" + n);
            }
            assertEquals(expected(op, x, 0, 1, rows * n), all[0], 1e-5 * Math.sqrt(rows * n) * 3, op + " all n=" + n);
        }
    }

    private static double expected(ReduceOp op, float[] x, int off, int stride, int n) {
        double acc = switch (op) {
            case SUM, MEAN -> 0;
            case MAX -> Double.NEGATIVE_INFINITY;
            case MIN -> Double.POSITIVE_INFINITY;
        };
        for (int i = 0; i < n; i++) {
            double v = x[off + i * stride];
            acc = switch (op) {
                case SUM, MEAN -> acc + v;
                case MAX -> Math.max(acc, v);
                case MIN -> Math.min(acc, v);
            };
        }
        return op == ReduceOp.MEAN ? acc / n : acc;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 8, 9, 15, 17, 100_003})
    void largeSumStaysAccurate(int n) {
        float[] x = new float[n];
        java.util.Arrays.fill(x, 0.1f);
        float[] out = new float[1];
        k.reduce(ReduceOp.SUM, Strided.contiguous(HeapBuffer.wrap(x), n), Strided.contiguous(HeapBuffer.wrap(out), 1));
        // float lanes within blocks of 1024, blocks added in double: a few float ulps at most
        assertEquals((double) 0.1f * n, out[0], Math.ulp((float) (0.1 * n)) * 4);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 8, 9, 15, 17, 33, 1000})
    void softmaxRowsSumToOneAndLogSoftmaxIsItsLog(int n) {
        int rows = 3;
        float[] x = floats(rows * n, n, -30, 30);
        x[0] = 1000f; // a large logit must not overflow
        float[] s = new float[rows * n];
        float[] ls = new float[rows * n];
        SimdSoftmax.INSTANCE.softmax(Strided.contiguous(HeapBuffer.wrap(x), rows, n), 1, Strided.contiguous(HeapBuffer.wrap(s), rows, n), false);
        SimdSoftmax.INSTANCE.softmax(Strided.contiguous(HeapBuffer.wrap(x), rows, n), 1, Strided.contiguous(HeapBuffer.wrap(ls), rows, n), true);
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                max = Math.max(max, x[r * n + i]);
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += Math.exp(x[r * n + i] - max);
            }
            double total = 0;
            for (int i = 0; i < n; i++) {
                double e = Math.exp(x[r * n + i] - max) / sum;
                double le = (x[r * n + i] - max) - Math.log(sum);
                assertEquals(e, s[r * n + i], 1e-6 + 1e-5 * e, "softmax n=" + n);
                assertEquals(le, ls[r * n + i], 1e-5 * (1 + Math.abs(le)), "log-softmax n=" + n);
                assertTrue(Float.isFinite(s[r * n + i]));
                total += s[r * n + i];
            }
            assertEquals(1.0, total, 1e-5);
        }
        // along axis 0 (strided rows) agrees with the transposed problem
        float[] s0 = new float[rows * n];
        SimdSoftmax.INSTANCE.softmax(new Strided(HeapBuffer.wrap(x), 0, new long[] {n, rows}, new long[] {1, n}), 0,
                new Strided(HeapBuffer.wrap(s0), 0, new long[] {n, rows}, new long[] {1, n}), false);
        for (int i = 0; i < s.length; i++) {
            assertEquals(s[i], s0[i], 1e-6 + 1e-5 * s[i]);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 9, 17, 1031})
    void sgdWithMomentumAndNesterovMatchesPyTorchFormulas(int n) {
        double[] p = doubles(n, 1, -1, 1);
        double[] g = doubles(n, 2, -1, 1);
        double[] buf = doubles(n, 3, -1, 1);
        double[] ep = p.clone();
        double[] eb = buf.clone();
        double lr = 0.1;
        double mom = 0.9;
        double damp = 0.1;
        double wd = 0.01;
        for (int i = 0; i < n; i++) {
            double d = g[i] + wd * ep[i];
            eb[i] = mom * eb[i] + (1 - damp) * d;
            d = d + mom * eb[i];
            ep[i] -= lr * d;
        }
        SimdOptimizerSteps.INSTANCE.sgdStep(Strided.contiguous(HeapBuffer.wrap(p), n), Strided.contiguous(HeapBuffer.wrap(g), n),
                Strided.contiguous(HeapBuffer.wrap(buf), n), lr, mom, damp, wd, true, false);
        assertArrayEquals(ep, p, 1e-14);
        assertArrayEquals(eb, buf, 1e-14);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 9, 17, 1031})
    void adamAndAdamWMatchPyTorchFormulas(int n) {
        for (boolean decoupled : new boolean[] {false, true}) {
            float[] p = floats(n, 1, -1, 1);
            float[] g = floats(n, 2, -1, 1);
            float[] m = floats(n, 3, -0.1, 0.1);
            float[] v = floats(n, 4, 0, 0.1);
            double[] ep = new double[n];
            double lr = 1e-2;
            double b1 = 0.9;
            double b2 = 0.999;
            double eps = 1e-8;
            double wd = 0.05;
            long step = 3;
            for (int i = 0; i < n; i++) {
                double pv = p[i];
                double gv = g[i];
                if (decoupled) {
                    pv *= 1 - lr * wd;
                } else {
                    gv += wd * pv;
                }
                double mv = b1 * m[i] + (1 - b1) * gv;
                double vv = b2 * v[i] + (1 - b2) * gv * gv;
                double denom = Math.sqrt(vv) / Math.sqrt(1 - Math.pow(b2, step)) + eps;
                ep[i] = pv - lr / (1 - Math.pow(b1, step)) * mv / denom;
            }
            SimdOptimizerSteps.INSTANCE.adamStep(Strided.contiguous(HeapBuffer.wrap(p), n), Strided.contiguous(HeapBuffer.wrap(g), n),
                    Strided.contiguous(HeapBuffer.wrap(m), n), Strided.contiguous(HeapBuffer.wrap(v), n),
                    lr, b1, b2, eps, wd, decoupled, step);
            for (int i = 0; i < n; i++) {
                assertEquals(ep[i], p[i], 1e-6 + 1e-5 * Math.abs(ep[i]), "decoupled=" + decoupled + " i=" + i);
            }
        }
    }
    @ParameterizedTest
    @ValueSource(ints = {1, 15, 16, 17, 33, 100, 257})
    void transposingCopiesAreExact(int n) {
        int m = n + 3;
        // a [2, m, n] view of a buffer laid out as [2, n, m]: the last two axes transposed
        double[] src = doubles(2 * m * n + 5, n, -1, 1);
        double[] dst = new double[2 * m * n];
        k.copy(new Strided(HeapBuffer.wrap(src), 5, new long[] {2, m, n}, new long[] {(long) m * n, 1, m}),
                Strided.contiguous(HeapBuffer.wrap(dst), 2, m, n));
        float[] srcF = new float[src.length];
        for (int i = 0; i < src.length; i++) {
            srcF[i] = (float) src[i];
        }
        float[] dstF = new float[2 * m * n];
        k.copy(new Strided(HeapBuffer.wrap(srcF), 5, new long[] {2, m, n}, new long[] {(long) m * n, 1, m}),
                Strided.contiguous(HeapBuffer.wrap(dstF), 2, m, n));
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    assertEquals(src[5 + b * m * n + j * m + i], dst[b * m * n + i * n + j]);
                    assertEquals(srcF[5 + b * m * n + j * m + i], dstF[b * m * n + i * n + j]);
                }
            }
        }
    }
}
