package org.myelin.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ring across real processes: 1 to 4 JVMs, started here and met through a {@link Rendezvous},
 * all-reduce 1, 7, 1023, 10^6 and 10^7 floats with sum and average, each checked against a direct
 * sum in {@link AllReduceWorker}; every rank must end with the same bits.
 */
class SeparateJvmAllReduceTest {

    @ParameterizedTest(name = "{0} JVMs")
    @ValueSource(ints = {1, 2, 3, 4})
    void everyRankHoldsTheDirectSum(int world) throws Exception {
        try (Rendezvous host = Rendezvous.host(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), world,
                Duration.ofSeconds(60))) {
            List<Process> ranks = new ArrayList<>();
            for (int r = 0; r < world; r++) {
                ranks.add(new ProcessBuilder(javaCommand(host.address(), r, world)).redirectErrorStream(true).start());
            }
            List<String> first = null;
            for (int r = 0; r < world; r++) {
                Process p = ranks.get(r);
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(p.waitFor(2, TimeUnit.MINUTES), "rank " + r + " did not finish");
                assertEquals(0, p.exitValue(), "rank " + r + ": " + out);
                List<String> lines = out.lines().filter(l -> l.startsWith("SUM ") || l.startsWith("AVERAGE ")).toList();
                assertEquals(10, lines.size(), out);
                if (first == null) {
                    first = lines;
                } else {
                    assertEquals(first, lines, "rank " + r + " holds other bits than rank 0");
                }
            }
            host.await();
        }
    }

    /** This JVM's classes, as a plain class path: the worker needs only the ring and java.base. */
    private static List<String> javaCommand(String rendezvous, int rank, int world) {
        List<String> path = new ArrayList<>();
        for (String property : new String[] {"jdk.module.path", "java.class.path"}) {
            String value = System.getProperty(property);
            if (value != null && !value.isBlank()) {
                path.add(value);
            }
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp",
                String.join(File.pathSeparator, path), AllReduceWorker.class.getName(), rendezvous,
                Integer.toString(rank), Integer.toString(world), "1", "7", "1023", "1000000", "10000000");
    }
}
