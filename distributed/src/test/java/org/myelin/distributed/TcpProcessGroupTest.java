package org.myelin.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.myelin.api.MyelinException;
import org.myelin.api.Tensor;

/** The TCP ring on loopback, one thread per rank: results against a direct sum, and failures that name the peer. */
class TcpProcessGroupTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** Runs one task per rank of a fresh group and returns each rank's result. */
    static <T> List<T> onRanks(int world, Duration timeout, RankTask<T> task) throws Exception {
        List<TcpProcessGroup.Listener> listeners = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        for (int r = 0; r < world; r++) {
            TcpProcessGroup.Listener l = TcpProcessGroup.listen(new InetSocketAddress("127.0.0.1", 0));
            listeners.add(l);
            addresses.add(l.address());
        }
        ExecutorService pool = Executors.newFixedThreadPool(world);
        try {
            List<Future<T>> results = new ArrayList<>();
            for (int r = 0; r < world; r++) {
                int rank = r;
                results.add(pool.submit(() -> {
                    try (TcpProcessGroup g = listeners.get(rank).join(rank, addresses, timeout)) {
                        return task.run(g);
                    }
                }));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : results) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    interface RankTask<T> {
        T run(ProcessGroup group) throws Exception;
    }

    static float[] valuesOf(int rank, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = valueOf(rank, i);
        }
        return v;
    }

    static float valueOf(int rank, int i) {
        return (float) Math.sin(0.37 * i + rank) * (rank + 1) + (i % 11) * 0.25f;
    }

    @TestFactory
    Stream<DynamicTest> allReduceMatchesADirectSum() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int world = 1; world <= 4; world++) {
            for (int n : new int[] {1, 7, 1023, 1_000_000}) {
                for (ProcessGroup.ReduceOp op : ProcessGroup.ReduceOp.values()) {
                    int w = world;
                    tests.add(DynamicTest.dynamicTest(op + " of " + n + " floats on " + world + " ranks",
                            () -> checkAllReduce(w, n, op)));
                }
            }
        }
        tests.add(DynamicTest.dynamicTest("SUM of 10^7 floats on 2 ranks",
                () -> checkAllReduce(2, 10_000_000, ProcessGroup.ReduceOp.SUM)));
        tests.add(DynamicTest.dynamicTest("AVERAGE of 10^7 floats on 4 ranks",
                () -> checkAllReduce(4, 10_000_000, ProcessGroup.ReduceOp.AVERAGE)));
        return tests.stream();
    }

    private static void checkAllReduce(int world, int n, ProcessGroup.ReduceOp op) throws Exception {
        List<float[]> results = onRanks(world, TIMEOUT, g -> {
            float[] data = valuesOf(g.rank(), n + 3);
            g.allReduce(data, 2, n, op);
            return data;
        });
        float[][] inputs = new float[world][];
        for (int q = 0; q < world; q++) {
            inputs[q] = valuesOf(q, n + 3);
        }
        double[] expected = new double[n + 3];
        for (int i = 2; i < n + 2; i++) {
            double sum = 0;
            for (int q = 0; q < world; q++) {
                sum += inputs[q][i];
            }
            expected[i] = op == ProcessGroup.ReduceOp.SUM ? sum : sum / world;
        }
        for (int r = 0; r < world; r++) {
            float[] got = results.get(r);
            assertEquals(inputs[r][0], got[0], 0, "outside the range stays");
            assertEquals(inputs[r][n + 2], got[n + 2], 0, "outside the range stays");
            for (int i = 2; i < n + 2; i++) {
                if (Math.abs(expected[i] - got[i]) > 1e-5 * (1 + Math.abs(expected[i]))) {
                    assertEquals(expected[i], got[i], 1e-5 * (1 + Math.abs(expected[i])), "rank " + r + " element " + i);
                }
            }
            assertArrayEquals(java.util.Arrays.copyOfRange(results.get(0), 2, n + 2),
                    java.util.Arrays.copyOfRange(got, 2, n + 2), "every rank holds the same result");
        }
    }

    /** Ranks on one host share memory, each link a ring of its own, unless the property keeps them on TCP. */
    @Test
    void linksOnOneHostGoThroughSharedMemoryUnlessTurnedOff() throws Exception {
        boolean shared = Boolean.parseBoolean(System.getProperty("myelin.distributed.shm", "true"));
        for (boolean[] links : onRanks(3, TIMEOUT, g -> ((TcpProcessGroup) g).sharedMemoryLinks())) {
            assertArrayEquals(new boolean[] {shared, shared}, links);
        }
        try (var files = java.nio.file.Files.list(SharedRing.folder())) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("myelin-ring-")),
                    "the rings' files are unlinked once both sides have mapped them");
        }
    }

    @Test
    void broadcastAllGatherAndBarrier() throws Exception {
        List<List<float[]>> gathered = onRanks(4, TIMEOUT, g -> {
            float[] data = valuesOf(g.rank(), 300_000);
            g.broadcast(data, 0, data.length, 2);
            assertArrayEquals(valuesOf(2, 300_000), data, "rank " + g.rank() + " has root 2's values");
            g.barrier();
            return g.allGather(new float[] {g.rank(), 10 * g.rank()});
        });
        for (List<float[]> all : gathered) {
            for (int q = 0; q < 4; q++) {
                assertArrayEquals(new float[] {q, 10 * q}, all.get(q));
            }
        }
    }

    @Test
    void tensorsAreReducedInPlace() throws Exception {
        List<float[]> results = onRanks(3, TIMEOUT, g -> {
            Tensor t = Tensor.full(g.rank() + 1, 2, 3);
            g.allReduce(t, ProcessGroup.ReduceOp.AVERAGE);
            return t.toFloatArray();
        });
        for (float[] r : results) {
            assertArrayEquals(new float[] {2, 2, 2, 2, 2, 2}, r);
        }
    }

    @Test
    void aPeerThatNeverComesIsNamedWithinTheTimeout() {
        TcpProcessGroup.Listener mine = TcpProcessGroup.listen(new InetSocketAddress("127.0.0.1", 0));
        TcpProcessGroup.Listener absent = TcpProcessGroup.listen(new InetSocketAddress("127.0.0.1", 0));
        String absentAddress = absent.address();
        absent.close();
        long t0 = System.nanoTime();
        MyelinException e = assertThrows(MyelinException.class,
                () -> mine.join(0, List.of(mine.address(), absentAddress), Duration.ofMillis(800)));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(e.getMessage().contains("rank 1") && e.getMessage().contains(absentAddress), e.getMessage());
        assertTrue(seconds < 5, "gave up after " + seconds + " s");
    }

    @Test
    void aPeerThatDiesOrFallsSilentFailsTheCollectiveNamingIt() throws Exception {
        IntFunction<String> run = silentOrDead -> {
            try {
                return onRanks(2, Duration.ofMillis(1500), g -> {
                    if (g.rank() == 1) {
                        if (silentOrDead == 1) {
                            g.close();
                        } else {
                            Thread.sleep(3000);
                        }
                        return "";
                    }
                    MyelinException e = assertThrows(MyelinException.class,
                            () -> g.allReduce(new float[100_000], 0, 100_000, ProcessGroup.ReduceOp.SUM));
                    return e.getMessage();
                }).get(0);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
        String dead = run.apply(1);
        assertTrue(dead.contains("rank 0") && dead.contains("rank 1 at 127.0.0.1:"), dead);
        String silent = run.apply(0);
        assertTrue(silent.contains("rank 1") && silent.contains("for 1.5 s"), silent);
    }
}
