package org.myelin.bench;

import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.myelin.api.Tensor;
import org.myelin.data.DataLoader;
import org.myelin.data.TensorDataset;
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
 * One shuffled mini-batch from an MNIST-sized dataset (60,000 x 784 floats, 188 MB, so rows come
 * from memory, not cache), as every training step takes one. With {@code -prof gc} it shows the
 * bytes a batch allocates: the batch itself and nothing more.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class DataLoaderBenchmark {
    /** The batch sizes of the CLI's two configurations. */
    @Param({"10", "128"})
    public int batch;

    private DataLoader loader;
    private Iterator<DataLoader.Batch> batches;

    /** Builds the dataset once per fork. */
    @Setup
    public void setUp() {
        Tensor.manualSeed(3);
        int n = 60_000;
        long[] labels = new long[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
        }
        loader = new DataLoader(new TensorDataset(Tensor.rand(n, 784), Tensor.of(labels)), batch).shuffle(42);
        batches = loader.iterator();
    }

    /** @return the next batch; a new epoch's order starts when one ends */
    @Benchmark
    public DataLoader.Batch nextBatch() {
        if (!batches.hasNext()) {
            batches = loader.iterator();
        }
        return batches.next();
    }
}
