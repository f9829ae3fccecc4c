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
 * Float32 square matrix product through the public API (no graph). GFLOPS = 2·n³ / time. Thread
 * count: {@code -jvmArgsAppend -Dmyelin.threads=N}. bench/compare.sh runs it beside OpenBLAS.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
public class SgemmBenchmark {
    @Param({"256", "512", "1024", "2048"})
    int n;

    private Tensor a;
    private Tensor b;

    /** Draws the operands. */
    @Setup
    public void setUp() {
        Tensor.manualSeed(1);
        a = Tensor.randn(n, n);
        b = Tensor.randn(n, n);
    }

    /** @return a @ b */
    @Benchmark
    public Tensor matmul() {
        try (var g = GradMode.noGrad()) {
            return a.matmul(b);
        }
    }
}
