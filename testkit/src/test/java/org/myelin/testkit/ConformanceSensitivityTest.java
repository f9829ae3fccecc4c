package org.myelin.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.myelin.api.DType;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.spi.BinaryOp;
import org.myelin.api.spi.HeapBuffer;
import org.myelin.api.spi.ReduceOp;
import org.myelin.api.spi.Strided;
import org.myelin.api.spi.StridedWalk;
import org.myelin.api.spi.UnaryOp;

/**
 * The suite must fail backends with the classic kernel bugs (each mutant below has one) and must
 * pass a backend that is right but computes in FLOAT32 in its own order, as a SIMD pack does.
 */
class ConformanceSensitivityTest {

    /**
     * @param bug       what the mutant gets wrong
     * @param primitive the case-name prefix it is run on
     * @param caughtBy  a phrase in the name of a case that must fail
     * @param kernels   builds the mutant from the reference kernels
     */
    private record Mutant(String bug, String primitive, String caughtBy, Function<KernelPack, ForwardingKernels> kernels) {}

    @TestFactory
    Stream<DynamicTest> everyMutantIsCaught() {
        return mutants().stream().map(m -> DynamicTest.dynamicTest(m.bug(), () -> {
            BackendConformance.Report report = BackendConformance.run(new SwappedKernelsBackend(m.kernels()).pack(),
                    name -> name.startsWith(m.primitive()));
            assertFalse(report.ok(), m.bug() + " went unnoticed");
            assertTrue(report.failures().stream().anyMatch(f -> f.lines().findFirst().orElseThrow().contains(m.caughtBy())),
                    () -> "no failing case mentions '" + m.caughtBy() + "': " + report.failures());
        }));
    }

    @Test
    void aCorrectFloat32BackendWithItsOwnSummationOrderPasses() {
        BackendConformance.Report report = BackendConformance.run(new SwappedKernelsBackend(Float32Accumulating::new).pack(),
                name -> name.startsWith("matmul") || name.startsWith("reduce") || name.startsWith("softmax"));
        assertTrue(report.ok(), () -> String.join("\n", report.failures()));
    }

    private static List<Mutant> mutants() {
        return List.of(
                new Mutant("unary ignores the input's strides", "unary", "transposed", k -> new ForwardingKernels(k) {
                    @Override
                    public void unary(UnaryOp op, Strided x, Strided out) {
                        inner.unary(op, new Strided(x.buffer(), x.offset(), x.shape(), Strided.rowMajorStrides(x.shape())), out);
                    }
                }),
                new Mutant("unary ignores the input's offset", "unary", "offset", k -> new ForwardingKernels(k) {
                    @Override
                    public void unary(UnaryOp op, Strided x, Strided out) {
                        inner.unary(op, new Strided(x.buffer(), 0, x.shape(), x.strides()), out);
                    }
                }),
                new Mutant("binary writes its output as if contiguous", "binary", "sliced out", k -> new ForwardingKernels(k) {
                    @Override
                    public void binary(BinaryOp op, Strided a, Strided b, Strided out) {
                        inner.binary(op, a, b, new Strided(out.buffer(), out.offset(), out.shape(),
                                Strided.rowMajorStrides(out.shape())));
                    }
                }),
                new Mutant("argmax keeps the last of ties", "argReduce", "ties", k -> new ForwardingKernels(k) {
                    @Override
                    public void argReduce(boolean max, Strided x, int axis, Strided out) {
                        long n = x.size(axis);
                        if (n == 0) {
                            inner.argReduce(max, x, axis, out);
                            return;
                        }
                        long[] strides = x.strides().clone();
                        strides[axis] = -strides[axis];
                        Strided reversed = new Strided(x.buffer(), x.offset() + (n - 1) * x.stride(axis), x.shape(), strides);
                        inner.argReduce(max, reversed, axis, out);
                        inner.binaryScalar(BinaryOp.MUL, out, -1, out);
                        inner.binaryScalar(BinaryOp.ADD, out, n - 1, out);
                    }
                }),
                new Mutant("softmax without subtracting the max", "softmax float32", "large inputs", k -> new ForwardingKernels(k) {
                    @Override
                    public void softmax(Strided x, int axis, Strided out, boolean log) {
                        // exp(x) / sum(exp(x)) as written, in FLOAT32: exp overflows past x = 88.
                        Strided exps = Strided.contiguous(HeapBuffer.allocate(DType.FLOAT32, x.numel()), x.shape());
                        inner.unary(UnaryOp.EXP, x, exps);
                        long[] sumShape = x.shape().clone();
                        sumShape[axis] = 1;
                        Strided sums = Strided.contiguous(HeapBuffer.allocate(DType.FLOAT32, out.numel() == 0 ? 0
                                : out.numel() / x.size(axis)), sumShape);
                        inner.reduce(ReduceOp.SUM, exps, sums);
                        long[] broadcast = sums.strides().clone();
                        broadcast[axis] = 0;
                        inner.binary(BinaryOp.DIV, exps, new Strided(sums.buffer(), 0, x.shape(), broadcast), out);
                    }
                }),
                new Mutant("mean divides by the input's size, not the reduced count", "reduce MEAN", "axis", k ->
                        new ForwardingKernels(k) {
                            @Override
                            public void reduce(ReduceOp op, Strided x, Strided out) {
                                inner.reduce(op == ReduceOp.MEAN ? ReduceOp.SUM : op, x, out);
                                if (op == ReduceOp.MEAN) {
                                    inner.binaryScalar(BinaryOp.DIV, out, x.numel(), out);
                                }
                            }
                        }),
                new Mutant("max skips NaN", "reduce MAX", "with NaN", k -> new ForwardingKernels(k) {
                    @Override
                    public void reduce(ReduceOp op, Strided x, Strided out) {
                        Strided clean = scratch(x);
                        inner.copy(x, clean);
                        HeapBuffer b = HeapBuffer.of(clean.buffer());
                        for (int i = 0; i < b.length(); i++) {
                            b.set(i, Double.isNaN(b.get(i)) ? -1e30 : b.get(i));
                        }
                        inner.reduce(op, clean, out);
                    }
                }),
                new Mutant("matmul ignores b's strides", "matmul", "b transposed", k -> new ForwardingKernels(k) {
                    @Override
                    public void matmul(Strided a, Strided b, Strided out) {
                        inner.matmul(a, new Strided(b.buffer(), b.offset(), b.shape(), Strided.rowMajorStrides(b.shape())), out);
                    }
                }),
                new Mutant("matmul does not broadcast batches", "matmul", "batch broadcast", k -> new ForwardingKernels(k) {
                    @Override
                    public void matmul(Strided a, Strided b, Strided out) {
                        long[] s = a.strides().clone();
                        for (int i = 0; i < s.length - 2; i++) {
                            s[i] = s[i] == 0 ? a.size(a.rank() - 1) * a.size(a.rank() - 2) : s[i];
                        }
                        inner.matmul(new Strided(a.buffer(), a.offset(), a.shape(), s), b, out);
                    }
                }),
                new Mutant("copy rounds floats to INT64 instead of truncating", "copy", "to int64", k -> new ForwardingKernels(k) {
                    @Override
                    public void copy(Strided src, Strided dst) {
                        if (dst.dtype() != DType.INT64 || src.dtype() == DType.INT64) {
                            inner.copy(src, dst);
                            return;
                        }
                        Strided rounded = scratch(src);
                        inner.copy(src, rounded);
                        HeapBuffer b = HeapBuffer.of(rounded.buffer());
                        for (int i = 0; i < b.length(); i++) {
                            b.set(i, Math.rint(b.get(i)));
                        }
                        inner.copy(rounded, dst);
                    }
                }),
                new Mutant("uniform FLOAT32 draws from the 53-bit double", "randomUniform float32", "randomUniform",
                        k -> new ForwardingKernels(k) {
                            @Override
                            public void randomUniform(Strided out, long seed, long counter, double low, double high) {
                                Strided wide = scratch(out);
                                inner.randomUniform(wide, seed, counter, low, high);
                                inner.copy(wide, out);
                            }
                        }),
                new Mutant("random fills use the next counter", "randomNormal", "randomNormal", k -> new ForwardingKernels(k) {
                    @Override
                    public void randomNormal(Strided out, long seed, long counter, double mean, double std) {
                        inner.randomNormal(out, seed, counter + 1, mean, std);
                    }
                }),
                new Mutant("gather reports a bad index with the wrong exception", "gather", "rejects", k -> new ForwardingKernels(k) {
                    @Override
                    public void gather(Strided x, int axis, Strided index, Strided out) {
                        try {
                            inner.gather(x, axis, index, out);
                        } catch (InvalidArgumentException e) {
                            throw new IndexOutOfBoundsException(e.getMessage());
                        }
                    }
                }),
                new Mutant("sgd ignores Nesterov", "sgdStep", "nesterov", k -> new ForwardingKernels(k) {
                    @Override
                    public void sgdStep(Strided p, Strided g, Strided buf, double lr, double momentum, double dampening,
                                        double wd, boolean nesterov, boolean first) {
                        super.sgdStep(p, g, buf, lr, momentum, dampening, wd, false, first);
                    }
                }),
                new Mutant("adam without bias correction", "adamStep", "Adam", k -> new ForwardingKernels(k) {
                    @Override
                    public void adamStep(Strided p, Strided g, Strided m, Strided v, double lr, double b1, double b2,
                                         double eps, double wd, boolean decoupled, long step) {
                        super.adamStep(p, g, m, v, lr, b1, b2, eps, wd, decoupled, 1_000_000_000L);
                    }
                }),
                new Mutant("where reads a broadcast condition as if contiguous", "where", "condition", k ->
                        new ForwardingKernels(k) {
                            @Override
                            public void where(Strided c, Strided a, Strided b, Strided out) {
                                long[] s = c.strides().clone();
                                for (int i = 0; i < s.length; i++) {
                                    s[i] = s[i] == 0 ? 1 : s[i];
                                }
                                inner.where(new Strided(c.buffer(), c.offset(), c.shape(), s), a, b, out);
                            }
                        }));
    }

    /** A contiguous FLOAT64 buffer of the view's shape, for mutants to work in. */
    private static Strided scratch(Strided like) {
        return Strided.contiguous(HeapBuffer.allocate(DType.FLOAT64, like.numel()), like.shape());
    }

    /**
     * Right, but the way a FLOAT32 vector pack computes: 2-d matmul and sums accumulate in float, in
     * eight interleaved partial sums combined at the end, and softmax works in float throughout. The
     * suite's tolerances must let this pass.
     */
    private static final class Float32Accumulating extends ForwardingKernels {
        Float32Accumulating(KernelPack pack) {
            super(pack);
        }

        @Override
        public void matmul(Strided a, Strided b, Strided out) {
            if (out.dtype() != DType.FLOAT32 || out.rank() != 2) {
                inner.matmul(a, b, out);
                return;
            }
            HeapBuffer ab = HeapBuffer.of(a.buffer());
            HeapBuffer bb = HeapBuffer.of(b.buffer());
            HeapBuffer ob = HeapBuffer.of(out.buffer());
            for (long i = 0; i < out.size(0); i++) {
                for (long j = 0; j < out.size(1); j++) {
                    float[] lanes = new float[8];
                    for (long p = 0; p < a.size(1); p++) {
                        lanes[(int) (p % 8)] += (float) ab.get(a.offset() + i * a.stride(0) + p * a.stride(1))
                                * (float) bb.get(b.offset() + p * b.stride(0) + j * b.stride(1));
                    }
                    float sum = 0;
                    for (float lane : lanes) {
                        sum += lane;
                    }
                    ob.set(out.offset() + i * out.stride(0) + j * out.stride(1), sum);
                }
            }
        }

        @Override
        public void softmax(Strided x, int axis, Strided out, boolean log) {
            if (x.dtype() != DType.FLOAT32 || x.size(axis) == 0) {
                super.softmax(x, axis, out, log);
                return;
            }
            HeapBuffer xb = HeapBuffer.of(x.buffer());
            HeapBuffer ob = HeapBuffer.of(out.buffer());
            int n = (int) x.size(axis);
            long[] rows = x.shape().clone();
            rows[axis] = 1;
            StridedWalk it = new StridedWalk(rows, new long[] {x.offset(), out.offset()}, new long[][] {x.strides(), out.strides()});
            for (long r = 0; r < it.count(); r++, it.next()) {
                float max = Float.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    max = Math.max(max, (float) xb.get(it.position(0) + i * x.stride(axis)));
                }
                float[] lanes = new float[8];
                for (int i = 0; i < n; i++) {
                    lanes[i % 8] += (float) Math.exp((float) xb.get(it.position(0) + i * x.stride(axis)) - max);
                }
                float sum = 0;
                for (float lane : lanes) {
                    sum += lane;
                }
                float logSum = (float) Math.log(sum);
                for (int i = 0; i < n; i++) {
                    float shifted = (float) xb.get(it.position(0) + i * x.stride(axis)) - max;
                    ob.set(it.position(1) + i * out.stride(axis), log ? shifted - logSum : (float) Math.exp(shifted) / sum);
                }
            }
        }

        @Override
        public void reduce(ReduceOp op, Strided x, Strided out) {
            boolean summing = op == ReduceOp.SUM || op == ReduceOp.MEAN;
            if (x.dtype() != DType.FLOAT32 || !summing || out.numel() != 1 || x.numel() == 0) {
                inner.reduce(op, x, out);
                return;
            }
            HeapBuffer xb = HeapBuffer.of(x.buffer());
            float[] lanes = new float[8];
            StridedWalk it = StridedWalk.over("test", x);
            for (long n = 0; n < it.count(); n++, it.next()) {
                lanes[(int) (n % 8)] += (float) xb.get(it.position(0));
            }
            float sum = 0;
            for (float lane : lanes) {
                sum += lane;
            }
            HeapBuffer.of(out.buffer()).set(out.offset(), op == ReduceOp.MEAN ? sum / x.numel() : sum);
        }
    }
}
