package org.myelin.cli;

import org.myelin.api.Device;
import org.myelin.api.InvalidArgumentException;
import picocli.CommandLine.Option;

/** {@code --backend} and {@code --device}, the same on every command that computes. */
final class DeviceOptions {
    @Option(names = "--backend", paramLabel = "NAME", description = "Kernel pack to use, e.g. cpu-simd or reference (default: the best available).")
    String backend;

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "cpu", description = "cpu or cuda[:N] (default: ${DEFAULT-VALUE}).")
    String device;

    /**
     * Sets the CPU pack's thread count. It is read once, when the pack starts its pool, so it is
     * set while the command line is parsed, before any kernel runs.
     */
    @Option(names = "--threads", paramLabel = "N", description = "CPU threads per kernel call (default: one per core; the same as -Dmyelin.threads=N).")
    void threads(int n) {
        threads = n;
        if (n >= 1) {
            System.setProperty("myelin.threads", Integer.toString(n));
        }
    }

    private int threads = 1;

    /** @return the device, after choosing the backend; an unknown or unusable one is a one-line error */
    Device select() {
        if (threads < 1) {
            throw new InvalidArgumentException("--threads must be at least 1, got " + threads);
        }
        return Backends.select(backend, device);
    }
}
