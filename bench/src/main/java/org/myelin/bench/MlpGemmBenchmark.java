package org.myelin.bench;

import java.util.concurrent.TimeUnit;
import org.myelin.api.GradMode;
import org.myelin.api.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The products of an MNIST MLP's first layer, with the transposed operands they really have
 * (no copies): {@code fwd:B:H} is the forward X·Wᵀ, X (B × 784), W (H × 784); {@code dw:B:H} is the
 * weight gradient Gᵀ·X, G (B × H). GFLOPS = 2·B·784·H / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
public class MlpGemmBenchmark {
    @Param({"fwd:10:30", "fwd:128:30", "fwd:256:30", "fwd:10:256", "fwd:128:256", "fwd:256:256",
            "dw:10:30", "dw:128:30", "dw:256:30", "dw:10:256", "dw:128:256", "dw:256:256"})
    String shape;

    private Tensor left;
    private Tensor right;

    /** Draws the operands as views: a transposed weight, or a transposed gradient. */
    @Setup
    public void setUp() {
        String[] p = shape.split(":");
        long batch = Long.parseLong(p[1]);
        long hidden = Long.parseLong(p[2]);
        Tensor.manualSeed(2);
        Tensor x = Tensor.rand(batch, 784);
        if (p[0].equals("fwd")) {
            left = x;
            right = Tensor.randn(hidden, 784).t();
        } else {
            left = Tensor.randn(batch, hidden).t();
            right = x;
        }
    }

    /** @return the product */
    @Benchmark
    public Tensor matmul() {
        try (var g = GradMode.noGrad()) {
            return left.matmul(right);
        }
    }
}
