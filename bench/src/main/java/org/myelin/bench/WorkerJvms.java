package org.myelin.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.myelin.distributed.Rendezvous;
import org.myelin.distributed.TcpProcessGroup;

/**
 * The distributed benchmarks' ranks, each a JVM of its own started with this JVM's own command
 * line (as {@code myelin train --nproc} starts its workers); a rank learns its place from
 * BENCH_RANK, BENCH_WORLD and BENCH_RENDEZVOUS.
 */
final class WorkerJvms {
    private WorkerJvms() {}

    /** @return true in a rank's JVM, false in the coordinator's */
    static boolean isWorker() {
        return System.getenv("BENCH_RANK") != null;
    }

    /** In a rank's JVM: the ring of all ranks. */
    static TcpProcessGroup join() {
        return Rendezvous.join(System.getenv("BENCH_RENDEZVOUS"), Integer.parseInt(System.getenv("BENCH_RANK")),
                Integer.parseInt(System.getenv("BENCH_WORLD")), "127.0.0.1", Duration.ofSeconds(120));
    }

    /**
     * Runs {@code world} copies of this JVM's command, with extra JVM options before the class name.
     *
     * @return rank 0's standard output lines
     */
    static List<String> run(int world, List<String> extraJvmOptions) throws IOException, InterruptedException {
        ProcessHandle.Info info = ProcessHandle.current().info();
        List<String> self = new ArrayList<>(List.of(info.arguments().orElseThrow()));
        List<String> command = new ArrayList<>();
        command.add(info.command().orElseThrow());
        command.addAll(extraJvmOptions);
        command.addAll(self);
        try (Rendezvous host = Rendezvous.host(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), world,
                Duration.ofSeconds(120))) {
            List<Process> ranks = new ArrayList<>();
            for (int r = 0; r < world; r++) {
                ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
                pb.environment().put("BENCH_RANK", Integer.toString(r));
                pb.environment().put("BENCH_WORLD", Integer.toString(world));
                pb.environment().put("BENCH_RENDEZVOUS", host.address());
                if (r > 0) {
                    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
                }
                ranks.add(pb.start());
            }
            List<String> lines = new ArrayList<>();
            try (var in = new BufferedReader(new InputStreamReader(ranks.get(0).getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            }
            try {
                for (int r = 0; r < world; r++) {
                    if (!ranks.get(r).waitFor(10, TimeUnit.MINUTES) || ranks.get(r).exitValue() != 0) {
                        throw new IllegalStateException("rank " + r + " of " + world + " failed; its error is above");
                    }
                }
            } finally {
                ranks.forEach(Process::destroyForcibly);
            }
            return lines;
        }
    }
}
