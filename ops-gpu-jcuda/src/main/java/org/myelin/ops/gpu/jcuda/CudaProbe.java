package org.myelin.ops.gpu.jcuda;

/**
 * Whether CUDA can run here, found out once per JVM: the driver library loads, {@code cuInit}
 * succeeds, there is a device, and the kernels load on device 0 (bundled PTX or NVRTC). Every
 * failure, a missing {@code libcuda.so.1} included, becomes a reason string; nothing is thrown.
 */
final class CudaProbe {

    /**
     * @param reason      why CUDA cannot run, or null when it can
     * @param deviceCount the number of CUDA devices (0 when unavailable)
     * @param description device 0 and how kernels and matmul run, for {@code myelin doctor}
     */
    record Verdict(String reason, int deviceCount, String description) {
        boolean available() {
            return reason == null;
        }

        static Verdict unavailable(String reason) {
            return new Verdict(reason, 0, null);
        }
    }

    private CudaProbe() {}

    /** @return the verdict, probed on first use */
    static Verdict verdict() {
        return Holder.VERDICT;
    }

    /** A class of its own so the probe runs once, on first use, and never again. */
    private static final class Holder {
        static final Verdict VERDICT = run();
    }

    private static Verdict run() {
        try {
            return Driver.current().probe();
        } catch (CudaException e) {
            return Verdict.unavailable(e.getMessage());
        } catch (Throwable t) {
            return Verdict.unavailable(NativeErrors.shortReason(t));
        }
    }
}
