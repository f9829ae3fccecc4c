package org.myelin.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command in a fresh JVM on the module path, as the launcher does: plugin layers are
 * per process, so each plugin test gets a JVM of its own rather than sharing this one's engine.
 */
final class CliProcess {
    private CliProcess() {}

    static CliRun run(Path workDir, String... args) throws IOException, InterruptedException {
        return runWithJvmOptions(workDir, List.of(), args);
    }

    /** As {@link #run}, with options for the JVM itself, such as a small {@code -Xmx}. */
    static CliRun runWithJvmOptions(Path workDir, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        return start(workDir, jvmOptions, Map.of(), args).finish();
    }

    /** As {@link #run}, with these variables added to the environment. */
    static CliRun runWithEnvironment(Path workDir, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        return start(workDir, List.of(), environment, args).finish();
    }

    /** Starts the command without waiting for it, so that several may run at once. */
    static Started start(Path workDir, List<String> jvmOptions, Map<String, String> environment, String... args)
            throws IOException {
        String modulePath = System.getProperty("myelin.test.modulepath");
        if (modulePath == null || modulePath.isBlank()) {
            throw new IllegalStateException("myelin.test.modulepath is not set; run the tests through Maven");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=org.myelin.cli", "--module-path", modulePath,
                "-m", "org.myelin.cli/org.myelin.cli.Main"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(environment);
        return new Started(pb.start(), out, err, String.join(" ", args));
    }

    /** A command on its way. */
    record Started(Process process, Path out, Path err, String args) {
        CliRun finish() throws IOException, InterruptedException {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("myelin " + args + " did not finish in 5 minutes");
            }
            return new CliRun(process.exitValue(), Files.readString(out), Files.readString(err));
        }
    }

    /** @return stderr's lines, less the JDK's own note that the Vector API is an incubator module */
    static List<String> errLines(CliRun run) {
        return run.err().lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")).toList();
    }
}
