package org.myelin.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.myelin.distributed.Rendezvous;

/**
 * {@code myelin train --nproc N}, as torchrun: starts N copies of this very command line as worker
 * JVMs on this machine, each told its rank and the rendezvous this process hosts on loopback.
 * Rank 0 writes to this terminal (the progress bar, the epochs, the checkpoint); the others are
 * quiet. When a worker fails, the rest are stopped, and its one line of error is this command's.
 */
final class WorkerLauncher {
    private WorkerLauncher() {}

    /**
     * @param nproc   how many workers
     * @param threads CPU threads per worker, or 0 to share the cores between them
     * @return the exit status: 0, or the first failing worker's
     */
    static int launch(int nproc, int threads, PrintWriter out, PrintWriter err) {
        List<String> command = thisCommand();
        int perWorker = threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors() / nproc);
        var timeout = WorkerEnvironment.timeout(System.getenv());
        List<Process> workers = new ArrayList<>();
        List<Path> errors = new ArrayList<>();
        Thread output = null;
        Thread stopper = new Thread(() -> workers.forEach(Process::destroyForcibly));
        Runtime.getRuntime().addShutdownHook(stopper);
        try (Rendezvous rendezvous = Rendezvous.host(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), nproc, timeout)) {
            for (int rank = 0; rank < nproc; rank++) {
                ProcessBuilder pb = new ProcessBuilder(command);
                Map<String, String> env = pb.environment();
                env.put(WorkerEnvironment.RANK, Integer.toString(rank));
                env.put(WorkerEnvironment.WORLD_SIZE, Integer.toString(nproc));
                env.put(WorkerEnvironment.RENDEZVOUS, rendezvous.address());
                env.put(WorkerEnvironment.THREADS, Integer.toString(perWorker));
                Path errorFile = Files.createTempFile("myelin-rank" + rank + "-", ".err");
                errorFile.toFile().deleteOnExit();
                errors.add(errorFile);
                if (rank == 0) {
                    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
                } else {
                    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errorFile.toFile());
                }
                Process p = pb.start();
                workers.add(p);
                if (rank == 0) {
                    output = forward(p, out);
                }
            }
            int status = await(workers, errors, err);
            output.join(5_000);
            return status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (IOException e) {
            throw new RunFailed("cannot start the worker JVMs (" + command.get(0) + "): " + e.getMessage());
        } finally {
            workers.forEach(Process::destroyForcibly);
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running already, which is what it is for.
            }
        }
    }

    /** Waits for all workers; at the first failure, stops the others and reports it. */
    private static int await(List<Process> workers, List<Path> errors, PrintWriter err)
            throws IOException, InterruptedException {
        int alive = workers.size();
        while (alive > 0) {
            alive = 0;
            for (int rank = 0; rank < workers.size(); rank++) {
                Process p = workers.get(rank);
                if (p.isAlive()) {
                    alive++;
                } else if (p.exitValue() != 0) {
                    workers.forEach(Process::destroyForcibly);
                    if (rank != 0) {
                        // Rank 0 has said what went wrong on this terminal already; the others, only in their files.
                        err.println("myelin: worker " + rank + " of " + workers.size() + " failed: " + lastLine(errors.get(rank)));
                    }
                    return p.exitValue();
                }
            }
            Thread.sleep(50);
        }
        return 0;
    }

    private static String lastLine(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("WARNING: Using incubator modules")).toList();
        if (lines.isEmpty()) {
            return "it exited without a word (killed, or out of memory?)";
        }
        String last = lines.stream().filter(l -> l.startsWith("myelin: ")).reduce((a, b) -> b).orElse(lines.get(lines.size() - 1));
        return last.startsWith("myelin: ") ? last.substring("myelin: ".length()) : last;
    }

    /** Rank 0's standard output is this command's. */
    private static Thread forward(Process p, PrintWriter out) {
        Thread t = new Thread(() -> {
            try (var in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    out.println(line);
                }
            } catch (IOException ignored) {
                // The worker is gone; await reports how it ended.
            }
        }, "myelin-rank0-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The java binary and arguments this process was started with, so each worker is this same command. */
    private static List<String> thisCommand() {
        ProcessHandle.Info info = ProcessHandle.current().info();
        if (info.command().isEmpty() || info.arguments().isEmpty()) {
            throw new RunFailed("cannot read this JVM's command line to start the workers with it; start them yourself: "
                    + "the same command on each, with " + WorkerEnvironment.RANK + ", " + WorkerEnvironment.WORLD_SIZE
                    + " and " + WorkerEnvironment.RENDEZVOUS + " set (see docs/distributed.md)");
        }
        List<String> command = new ArrayList<>();
        command.add(info.command().get());
        command.addAll(List.of(info.arguments().get()));
        return command;
    }
}
