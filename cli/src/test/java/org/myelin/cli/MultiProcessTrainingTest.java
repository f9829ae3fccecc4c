package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.api.Tensor;
import org.myelin.distributed.Rendezvous;
import org.myelin.nn.io.SafeTensors;

/**
 * {@code myelin train --nproc N}: worker JVMs on loopback, launched from the command line, train
 * what one process trains; and the ways a run of several processes goes wrong end in one line.
 */
class MultiProcessTrainingTest {
    @TempDir
    Path tmp;

    /** Batch 1200 over 60,000 examples: one epoch is 50 SGD steps. */
    @Test
    @Tag("dataset")
    void twoWorkerJvmsTrainWhatOneProcessTrainsWithTwiceTheirBatch() throws Exception {
        Path two = tmp.resolve("two.safetensors");
        Path one = tmp.resolve("one.safetensors");
        CliRun parallel = CliProcess.run(tmp, "train", "--nproc", "2", "--epochs", "1", "--batch-size", "1200",
                "--save", two.toString());
        assertEquals(0, parallel.exit(), parallel.err());
        assertTrue(parallel.out().contains("batch 1200 (600 on each of 2 workers)"), parallel.out());
        assertTrue(parallel.out().contains("saved " + two), parallel.out());
        CliRun single = CliProcess.run(tmp, "train", "--epochs", "1", "--batch-size", "1200", "--save", one.toString());
        assertEquals(0, single.exit(), single.err());

        Map<String, Tensor> expected = SafeTensors.load(one).tensors();
        Map<String, Tensor> got = SafeTensors.load(two).tensors();
        assertEquals(expected.keySet(), got.keySet());
        expected.forEach((name, want) -> {
            float[] a = want.toFloatArray();
            float[] b = got.get(name).toFloatArray();
            double scale = 0;
            double diff = 0;
            for (int i = 0; i < a.length; i++) {
                scale = Math.max(scale, Math.abs(a[i]));
                diff = Math.max(diff, Math.abs(a[i] - b[i]));
            }
            assertTrue(diff <= 1e-6 * scale, name + ": max difference " + diff + " against a largest weight of " + scale);
            assertTrue(scale > 0, name + " is all zeros");
        });
    }

    @Test
    void aBatchThatDoesNotSplitOverTheWorkersIsOneLine() throws Exception {
        CliRun run = CliProcess.run(tmp, "train", "--nproc", "3", "--batch-size", "10");
        assertEquals(2, run.exit(), run.err());
        assertEquals(List.of("myelin: --batch-size 10 does not split evenly over 3 workers; give a multiple of 3"),
                CliProcess.errLines(run));
        CliRun none = CliProcess.run(tmp, "train", "--nproc", "0");
        assertEquals(2, none.exit(), none.err());
        assertEquals(List.of("myelin: --nproc must be from 1 to 64 workers, got 0"), CliProcess.errLines(none));
    }

    @Test
    void anUnreachableRendezvousIsNamedWithinTheTimeout() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        CliRun run = CliProcess.runWithEnvironment(tmp, Map.of("MYELIN_RANK", "1", "MYELIN_WORLD_SIZE", "2",
                "MYELIN_RENDEZVOUS", "127.0.0.1:" + closedPort, "MYELIN_DIST_TIMEOUT", "3"), "train");
        assertNotEquals(0, run.exit(), run.err());
        List<String> lines = CliProcess.errLines(run);
        assertEquals(1, lines.size(), run.err());
        assertTrue(lines.get(0).startsWith("myelin: rank 1 cannot reach the rendezvous at 127.0.0.1:" + closedPort),
                lines.get(0));
    }

    @Test
    void aPeerThatNeverComesIsNamedWithinTheTimeout() throws Exception {
        try (Rendezvous host = Rendezvous.host(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 2,
                Duration.ofSeconds(3))) {
            CliRun run = CliProcess.runWithEnvironment(tmp, Map.of("MYELIN_RANK", "0", "MYELIN_WORLD_SIZE", "2",
                    "MYELIN_RENDEZVOUS", host.address(), "MYELIN_RENDEZVOUS_HOSTED", "1", "MYELIN_DIST_TIMEOUT", "3"), "train");
            assertNotEquals(0, run.exit(), run.err());
            List<String> lines = CliProcess.errLines(run);
            assertEquals(1, lines.size(), run.err());
            assertTrue(lines.get(0).contains("rank [1] of 2 never came"), lines.get(0));
        }
    }

    /**
     * Two workers started by hand, as on two machines, rank 1 first: rank 0 hosts the rendezvous at
     * the address both are given, as torchrun's; their networks differ, and both stop naming it.
     */
    @Test
    @Tag("dataset")
    void workersStartedByHandMeetAtRankZeroAndStopWhenTheirModelsDiffer() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String rendezvous = "127.0.0.1:" + port;
        var b = CliProcess.start(tmp, List.of(), Map.of("MYELIN_RANK", "1", "MYELIN_WORLD_SIZE", "2",
                "MYELIN_RENDEZVOUS", rendezvous, "MYELIN_DIST_TIMEOUT", "30"), "train", "--model", "784-20-10");
        var a = CliProcess.start(tmp, List.of(), Map.of("MYELIN_RANK", "0", "MYELIN_WORLD_SIZE", "2",
                "MYELIN_RENDEZVOUS", rendezvous, "MYELIN_DIST_TIMEOUT", "30"), "train", "--model", "784-30-10");
        for (CliRun run : List.of(a.finish(), b.finish())) {
            assertNotEquals(0, run.exit(), run.err());
            List<String> lines = CliProcess.errLines(run);
            assertEquals(1, lines.size(), run.err());
            assertTrue(lines.get(0).contains("rank 1 has a different model from rank 0: its parameter 0 is 0.weight [20, 784] where rank 0 has 0.weight [30, 784]"), lines.get(0));
        }
    }
}
