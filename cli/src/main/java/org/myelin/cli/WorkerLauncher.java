package org.myelin.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import org.myelin.distributed.Rendezvous;

/**
 * {@code myelin train --nproc N}, as torchrun: starts N copies of this very command line as worker
 * JVMs on this machine, each told its rank and the rendezvous this process hosts on loopback.
 * Rank 0 has this terminal (the progress bar, the epochs, the checkpoint); the others are quiet.
 * When a worker fails, the rest are stopped, and the first failure's line of error is this
 * command's. Each worker stops itself if this process dies, so none outlives the run.
 */
final class WorkerLauncher {
    private WorkerLauncher() {}

    /**
     * @param nproc   how many workers
     * @param threads CPU threads per worker, or 0 to share the cores between them
     * @return the exit status: 0, or the first failing worker's
     */
    static int launch(int nproc, int threads, PrintWriter err) {
        List<String> command = thisCommand();
        int perWorker = threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors() / nproc);
        var timeout = WorkerEnvironment.timeout(System.getenv());
        List<Process> workers = new CopyOnWriteArrayList<>();
        List<Path> errors = new ArrayList<>();
        LinkedBlockingQueue<Integer> exits = new LinkedBlockingQueue<>();
        Thread stopper = new Thread(() -> workers.forEach(Process::destroyForcibly));
        Runtime.getRuntime().addShutdownHook(stopper);
        try (Rendezvous rendezvous = Rendezvous.host(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), nproc, timeout)) {
            for (int rank = 0; rank < nproc; rank++) {
                ProcessBuilder pb = new ProcessBuilder(command);
                Map<String, String> env = pb.environment();
                env.put(WorkerEnvironment.RANK, Integer.toString(rank));
                env.put(WorkerEnvironment.WORLD_SIZE, Integer.toString(nproc));
                env.put(WorkerEnvironment.RENDEZVOUS, rendezvous.address());
                env.put(WorkerEnvironment.HOSTED, "1");
                env.put(WorkerEnvironment.THREADS, Integer.toString(perWorker));
                env.put(WorkerEnvironment.LAUNCHER_PID, Long.toString(ProcessHandle.current().pid()));
                Path errorFile = Files.createTempFile("myelin-rank" + rank + "-", ".err");
                errors.add(errorFile);
                if (rank == 0) {
                    pb.inheritIO();
                } else {
                    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errorFile.toFile());
                }
                Process p = pb.start();
                workers.add(p);
                int r = rank;
                p.onExit().thenRun(() -> exits.add(r));
            }
            return await(workers, exits, errors, err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (IOException e) {
            throw new RunFailed("cannot start the worker JVMs (" + command.get(0) + "): " + e.getMessage());
        } finally {
            workers.forEach(Process::destroyForcibly);
            for (Path p : errors) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // A temporary file left behind; the run's outcome is already decided.
                }
            }
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running already, which is what it is for.
            }
        }
    }

    /**
     * Waits for the workers in the order they end; the first to fail is the cause (the others
     * fail after it, having lost a peer), so it is the one reported.
     */
    private static int await(List<Process> workers, LinkedBlockingQueue<Integer> exits, List<Path> errors, PrintWriter err)
            throws IOException, InterruptedException {
        for (int ended = 0; ended < workers.size(); ended++) {
            int rank = exits.take();
            int status = workers.get(rank).exitValue();
            if (status != 0) {
                workers.forEach(Process::destroyForcibly);
                if (rank != 0) {
                    // Rank 0 has said what went wrong on this terminal already; the others, only in their files.
                    err.println("myelin: worker " + rank + " of " + workers.size() + " failed: " + lastLine(errors.get(rank)));
                }
                return status;
            }
        }
        return 0;
    }

    private static String lastLine(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("WARNING: Using incubator modules")).toList();
        if (lines.isEmpty()) {
            return "it exited without a word (killed, or out of memory? MYELIN_JAVA_OPTS sets each worker's heap)";
        }
        String last = lines.stream().filter(l -> l.startsWith("myelin: ")).reduce((a, b) -> b).orElse(lines.get(lines.size() - 1));
        return last.startsWith("myelin: ") ? last.substring("myelin: ".length()) : last;
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
