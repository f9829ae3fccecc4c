package org.myelin.bench;

import java.util.Arrays;
import java.util.List;
import org.myelin.api.Optimizer;
import org.myelin.api.Tensor;
import org.myelin.distributed.DistributedDataParallel;
import org.myelin.distributed.TcpProcessGroup;
import org.myelin.nn.Layers;
import org.myelin.nn.Module;
import org.myelin.nn.loss.CrossEntropyLoss;
import org.myelin.optim.SGD;

/**
 * One training step of the wide network (784-256-256-10, ReLU, SGD, global batch 128) on 1 process
 * against 2 ranks of 64 each, in separate JVMs with one kernel thread each; the 1-process row runs
 * with 1 and with 2 threads; the 2 ranks through shared memory and over loopback TCP; 2 processes
 * that never talk (what sharing the cores costs); and 1 thread at batch 64 (the model's compute term). Synthetic data: the step's cost does not depend on the values.
 * Prints {@code step ranks=N threads=T batch_per_rank=B ms=...} (the median of 300 steps after 100).
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar --add-modules jdk.incubator.vector
 * org.myelin.bench.DataParallelStep}
 */
public final class DataParallelStep {
    private static final int GLOBAL_BATCH = Integer.getInteger("bench.batch", 128);

    private DataParallelStep() {}

    /** @param args none */
    public static void main(String[] args) throws Exception {
        if (WorkerJvms.isWorker()) {
            try (TcpProcessGroup group = WorkerJvms.join()) {
                double ms = stepMillis(group);
                if (group.rank() == 0) {
                    String link = group.worldSize() == 1 ? "none" : Boolean.getBoolean("bench.alone") ? "alone"
                            : Boolean.parseBoolean(System.getProperty("myelin.distributed.shm", "true")) ? "shm" : "tcp";
                    System.out.printf("step ranks=%d link=%s threads=%s batch_per_rank=%d ms=%.3f%n", group.worldSize(), link,
                            System.getProperty("myelin.threads"), GLOBAL_BATCH / group.worldSize(), ms);
                }
            }
            return;
        }
        for (String line : WorkerJvms.run(1, List.of("-Dmyelin.threads=1"))) {
            System.out.println(line);
        }
        for (String line : WorkerJvms.run(1, List.of("-Dmyelin.threads=2"))) {
            System.out.println(line);
        }
        for (String line : WorkerJvms.run(2, List.of("-Dmyelin.threads=1"))) {
            System.out.println(line);
        }
        for (String line : WorkerJvms.run(2, List.of("-Dmyelin.threads=1", "-Dmyelin.distributed.shm=false"))) {
            System.out.println(line);
        }
        // Two processes at once that never talk: what sharing this machine's cores costs each one's compute.
        for (String line : WorkerJvms.run(2, List.of("-Dmyelin.threads=1", "-Dbench.alone=true"))) {
            System.out.println(line);
        }
        // The scaling model's compute term: one worker's step at the batch each of two ranks takes.
        for (String line : WorkerJvms.run(1, List.of("-Dmyelin.threads=1", "-Dbench.batch=" + GLOBAL_BATCH / 2))) {
            System.out.println(line);
        }
    }

    private static double stepMillis(TcpProcessGroup group) {
        int batch = GLOBAL_BATCH / group.worldSize();
        Tensor.manualSeed(1);
        Module net = Layers.parse("784-256-256-10", "relu", 0);
        Module forward = group.worldSize() == 1 || Boolean.getBoolean("bench.alone") ? net
                : new DistributedDataParallel(net, group);
        Optimizer opt = new SGD(net.parameters(), 0.01);
        Tensor x = Tensor.rand(batch, 784);
        long[] labels = new long[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = (i * 7L + group.rank()) % 10;
        }
        Tensor y = Tensor.of(labels, batch);
        CrossEntropyLoss loss = new CrossEntropyLoss();
        double[] times = new double[300];
        for (int s = -100; s < times.length; s++) {
            long t = System.nanoTime();
            opt.zeroGrad();
            loss.forward(forward.forward(x), y).backward();
            opt.step();
            if (s >= 0) {
                times[s] = (System.nanoTime() - t) / 1e6;
            }
        }
        Arrays.sort(times);
        return times[times.length / 2];
    }
}
