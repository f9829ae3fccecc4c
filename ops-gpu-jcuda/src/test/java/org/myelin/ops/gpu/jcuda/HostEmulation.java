package org.myelin.ops.gpu.jcuda;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Builds the CUDA C kernels for the host with g++ (src/test/cuda/host_shim.h) and installs
 * {@link HostEmulatedDriver}, once per JVM. The HostEmulation* tests run in a JVM of their own (a
 * separate surefire execution), because the driver must be in place before anything probes CUDA.
 */
final class HostEmulation {
    private static Optional<String> outcome;
    /** A build that failed: every later caller gets the same failure instead of compiling again. */
    private static Exception failure;

    private HostEmulation() {}

    /** @return empty once installed, else why the host has no emulation (no g++) */
    static synchronized Optional<String> install() throws Exception {
        if (failure != null) {
            throw failure;
        }
        if (outcome == null) {
            try {
                outcome = build();
            } catch (Exception e) {
                failure = e;
                throw e;
            }
        }
        return outcome;
    }

    private static Optional<String> build() throws Exception {
        Path gxx = Path.of("/usr/bin/g++");
        if (!Files.isExecutable(gxx)) {
            return Optional.of("g++ is not installed here, so the kernels cannot be compiled for the host");
        }
        Path cuda = Nvcc.sources();
        Path shim = cuda.resolve("../../test/cuda").normalize();
        Path lib = Files.createTempDirectory("myelin-emulated-cuda").resolve("libmyelin_kernels_host.so");
        List<String> command = new ArrayList<>(List.of(gxx.toString(), "-std=c++20", "-O1", "-fPIC", "-shared", "-pthread",
                "-ffp-contract=off", "-DBLOCK=" + HostEmulatedDriver.REDUCE_BLOCK, "-I" + cuda, "-I" + shim,
                shim.resolve("host_shim.cpp").toString(), "-x", "c++", "-include", shim.resolve("host_shim.h").toString()));
        for (String program : KernelSources.PROGRAMS) {
            command.add(cuda.resolve(program + ".cu").toString());
        }
        command.addAll(List.of("-o", lib.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new AssertionError("the kernels do not compile for the host:\n" + output);
        }
        Driver.use(new HostEmulatedDriver(lib));
        return Optional.empty();
    }
}
