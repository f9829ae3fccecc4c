package org.myelin.distributed;

import java.time.Duration;
import java.util.Arrays;

/**
 * One rank of {@link SeparateJvmAllReduceTest}, in a JVM of its own: joins through the test's
 * rendezvous, all-reduces seeded data of each size with each operation, checks it against a direct
 * sum of what every rank held, and prints one line per case with a hash of its result, which every
 * rank must print alike.
 */
public final class AllReduceWorker {
    private AllReduceWorker() {}

    /** @param args rendezvous host:port, rank, world size, then the sizes in floats */
    public static void main(String[] args) {
        String rendezvous = args[0];
        int rank = Integer.parseInt(args[1]);
        int world = Integer.parseInt(args[2]);
        try (ProcessGroup group = Rendezvous.join(rendezvous, rank, world, "127.0.0.1", Duration.ofSeconds(60))) {
            for (int s = 3; s < args.length; s++) {
                int n = Integer.parseInt(args[s]);
                for (ProcessGroup.ReduceOp op : ProcessGroup.ReduceOp.values()) {
                    float[] data = TcpProcessGroupTest.valuesOf(rank, n);
                    group.allReduce(data, 0, n, op);
                    for (int i = 0; i < n; i++) {
                        double sum = 0;
                        for (int q = 0; q < world; q++) {
                            sum += TcpProcessGroupTest.valueOf(q, i);
                        }
                        double expected = op == ProcessGroup.ReduceOp.SUM ? sum : sum / world;
                        if (!(Math.abs(expected - data[i]) <= 1e-5 * (1 + Math.abs(expected)))) {
                            System.out.println("rank " + rank + ": " + op + " of " + n + " floats, element " + i + " is "
                                    + data[i] + ", not " + expected);
                            System.exit(1);
                        }
                    }
                    System.out.println(op + " " + n + " " + Arrays.hashCode(data));
                }
            }
        }
    }
}
