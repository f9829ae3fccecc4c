package org.myelin.ops.gpu.jcuda;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finds and runs nvcc for the tests that check the CUDA sources on machines that have it. */
final class Nvcc {
    private Nvcc() {}

    /** @return nvcc on PATH, if installed */
    static Optional<Path> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "nvcc");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** @return the directory of the CUDA sources (the build passes it as myelin.cuda.sources) */
    static Path sources() {
        return Path.of(System.getProperty("myelin.cuda.sources", "src/main/cuda"));
    }

    /**
     * @param args nvcc's arguments
     * @return its exit status and combined output
     */
    static Result run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(find().orElseThrow().toString());
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return new Result(-1, "nvcc timed out");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    record Result(int status, String output) {}
}
