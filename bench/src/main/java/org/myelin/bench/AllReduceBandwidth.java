package org.myelin.bench;

import java.util.Arrays;
import java.util.List;
import org.myelin.distributed.ProcessGroup;
import org.myelin.distributed.TcpProcessGroup;

/**
 * The TCP ring's all-reduce on loopback, in separate JVMs, against this machine's memory-copy
 * bandwidth. Bus bandwidth is NCCL's measure: the algorithm bandwidth (bytes / time) times
 * 2(N-1)/N, the share of the data each rank sends and receives in a ring, so that it can be set
 * against the links' (here, memory's) own bandwidth. Prints
 * {@code memcpy bytes=... gbps=...} and {@code allreduce world=N bytes=... seconds=... busbw_gbps=...}.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar org.myelin.bench.AllReduceBandwidth [WORLD...] [tcp]}:
 * on one host the links go through shared memory; {@code tcp} measures each world again over loopback TCP.
 */
public final class AllReduceBandwidth {
    private static final int[] SIZES = {64 << 10, 1 << 20, 4 << 20, 16 << 20, 100 << 20};

    private AllReduceBandwidth() {}

    /** @param args the world sizes to measure (default 2 3 4) */
    public static void main(String[] args) throws Exception {
        if (WorkerJvms.isWorker()) {
            try (TcpProcessGroup group = WorkerJvms.join()) {
                measure(group);
            }
            return;
        }
        memcpy();
        List<String> worlds = List.of(args).stream().filter(a -> !a.equals("tcp")).toList();
        boolean tcpToo = List.of(args).contains("tcp");
        for (String w : worlds.isEmpty() ? List.of("2", "3", "4") : worlds) {
            for (String line : WorkerJvms.run(Integer.parseInt(w), List.of("-Xmx2g"))) {
                System.out.println(line);
            }
            if (tcpToo) {
                // Every link on loopback TCP, as it would be between machines.
                for (String line : WorkerJvms.run(Integer.parseInt(w), List.of("-Xmx2g", "-Dmyelin.distributed.shm=false"))) {
                    System.out.println(line);
                }
            }
        }
    }

    /** One core copying 100 MB between two arrays: the bandwidth a loopback socket's copies are held to. */
    private static void memcpy() {
        float[] a = new float[25 << 20];
        float[] b = new float[a.length];
        Arrays.fill(a, 1f);
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 15; i++) {
            long t = System.nanoTime();
            System.arraycopy(a, 0, b, 0, a.length);
            best = Math.min(best, (System.nanoTime() - t) / 1e9);
        }
        System.out.printf("memcpy bytes=%d seconds=%.6f gbps=%.2f%n", 4L * a.length, best, 4.0 * a.length / best / 1e9);
    }

    private static void measure(ProcessGroup group) {
        int world = group.worldSize();
        for (int bytes : SIZES) {
            float[] data = new float[bytes / 4];
            Arrays.fill(data, group.rank());
            int iterations = bytes >= (16 << 20) ? 5 : 30;
            for (int i = 0; i < 3; i++) {
                group.allReduce(data, 0, data.length, ProcessGroup.ReduceOp.SUM);
            }
            double[] times = new double[iterations];
            for (int i = 0; i < iterations; i++) {
                group.barrier();
                long t = System.nanoTime();
                group.allReduce(data, 0, data.length, ProcessGroup.ReduceOp.SUM);
                times[i] = (System.nanoTime() - t) / 1e9;
            }
            Arrays.sort(times);
            double median = times[iterations / 2];
            double busbw = (double) bytes / median * 2 * (world - 1) / world / 1e9;
            if (group.rank() == 0) {
                System.out.printf("allreduce world=%d transport=%s bytes=%d seconds=%.6f busbw_gbps=%.2f%n", world,
                        Boolean.parseBoolean(System.getProperty("myelin.distributed.shm", "true")) ? "shm" : "tcp", bytes,
                        median, busbw);
            }
        }
    }
}
