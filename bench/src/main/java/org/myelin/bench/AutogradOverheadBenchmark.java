package org.myelin.bench;

import java.util.concurrent.TimeUnit;
import org.myelin.api.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's fixed cost: one tiny operation with graph recording, and the smallest backward.
 * PyTorch 1.13 on the reference machine: about 5 µs and 55 µs (bench/reference_workloads.py, bench/compare.sh).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
public class AutogradOverheadBenchmark {
    private Tensor leaf;
    private Tensor other;

    /** Makes a one-element leaf that requires grad. */
    @Setup
    public void setUp() {
        leaf = Tensor.ones(1).requiresGrad(true);
        other = Tensor.ones(1);
    }

    /** @return x * y with a graph node recorded */
    @Benchmark
    public Tensor tinyOpWithGraphRecording() {
        return leaf.mul(other);
    }

    /** @return the gradient after (x * 2).sum().backward() */
    @Benchmark
    public Tensor smallestBackward() {
        leaf.setGrad(null);
        leaf.mul(2).sum().backward();
        return leaf.grad();
    }
}
