package org.myelin.ops.gpu.jcuda;

import java.lang.reflect.Method;
import java.util.List;
import org.myelin.api.DType;
import org.myelin.api.Device;
import org.myelin.api.spi.Philox;
import org.myelin.api.spi.Strided;

/**
 * The device checks of scripts/gpu-check.sh, runnable where there is a JVM but no Maven or JUnit
 * (a runtime image on a GPU machine). Subcommands, each printing one summary line per result:
 * <ul>
 *   <li>{@code probe}: the backend's verdict and, with {@code -Dmyelin.cuda.kernels=nvrtc}, that
 *       NVRTC compiles every program;</li>
 *   <li>{@code philox}: random.cu's generator on the GPU against {@link Philox}, a million draws;</li>
 *   <li>{@code conformance}: the testkit's suite against the reference backend. The testkit is
 *       reached by reflection, because this module must not require it; put its jar on the module
 *       path and add {@code --add-modules org.myelin.testkit};</li>
 *   <li>{@code sgemm N...}: float32 square matrix products, milliseconds and TFLOPS per size.</li>
 * </ul>
 * Exit status 0 when every check passed, 1 when one failed, 2 when CUDA is unavailable.
 */
public final class GpuCheck {
    private GpuCheck() {}

    /** @param args a subcommand and its arguments */
    public static void main(String[] args) throws Exception {
        CudaBackend backend = new CudaBackend();
        if (backend.unavailableReason().isPresent()) {
            System.out.println("cuda: unavailable (" + backend.unavailableReason().get() + ")");
            System.exit(2);
        }
        String command = args.length == 0 ? "probe" : args[0];
        boolean ok = switch (command) {
            case "probe" -> probe(backend);
            case "philox" -> philox();
            case "conformance" -> conformance(backend);
            case "sgemm" -> sgemm(backend, List.of(args).subList(1, args.length));
            default -> throw new IllegalArgumentException("unknown subcommand " + command
                    + "; use probe, philox, conformance or sgemm N...");
        };
        System.exit(ok ? 0 : 1);
    }

    private static boolean probe(CudaBackend backend) {
        System.out.println("cuda: " + backend.description());
        CudaDevice d = CudaDevices.get(Device.cuda(0));
        for (String program : KernelSources.PROGRAMS) {
            long start = System.nanoTime();
            String origin = d.kernelOrigin(program);
            System.out.printf("kernels %s: %s, loaded in %d ms%n", program, origin, (System.nanoTime() - start) / 1_000_000);
        }
        return true;
    }

    private static boolean philox() {
        CudaDevice d = CudaDevices.get(Device.cuda(0));
        int n = 1 << 20;
        long[][] seedsAndCounters = {{42, 0}, {-1, 0xFFFF_FFF0L}, {0x9E3779B97F4A7C15L, 123_456_789_012L}};
        boolean ok = true;
        for (long[] sc : seedsAndCounters) {
            CudaBuffer out = CudaMemory.allocate(d, DType.INT64, n, false);
            Launch.elementwise(d, "random", "philox_bits_kernel", "philox check", n, out, (long) n, sc[0], sc[1]);
            long[] bits = new long[n];
            Driver.current().copyOut(bits, out.memory("philox check"), 0, 8L * n);
            out.release();
            int bad = 0;
            for (int i = 0; i < n; i++) {
                if (bits[i] != Philox.bits(sc[0], sc[1] + i)) {
                    bad++;
                }
            }
            ok &= bad == 0;
            System.out.printf("philox seed %d counter %d: %d of %d draws match Philox.bits%n", sc[0], sc[1], n - bad, n);
        }
        return ok;
    }

    /** Runs BackendConformance.run(backend) from the testkit, found by name. */
    private static boolean conformance(CudaBackend backend) throws Exception {
        Class<?> kit;
        try {
            kit = Class.forName("org.myelin.testkit.BackendConformance");
        } catch (ClassNotFoundException e) {
            System.out.println("conformance: the testkit is not on the module path; add its jar and --add-modules org.myelin.testkit");
            return false;
        }
        long start = System.nanoTime();
        Object report = kit.getMethod("run", org.myelin.api.spi.Backend.class).invoke(null, backend);
        Method summary = report.getClass().getMethod("summary");
        Method ok = report.getClass().getMethod("ok");
        @SuppressWarnings("unchecked")
        List<String> failures = (List<String>) report.getClass().getMethod("failures").invoke(report);
        failures.stream().limit(40).forEach(f -> System.out.println("FAIL " + f));
        if (failures.size() > 40) {
            System.out.println("... and " + (failures.size() - 40) + " more failures");
        }
        System.out.printf("conformance: %s (matmul by %s, %.1f s)%n", summary.invoke(report),
                CudaDevices.get(Device.cuda(0)).matmulEngine(), (System.nanoTime() - start) / 1e9);
        return (Boolean) ok.invoke(report);
    }

    private static boolean sgemm(CudaBackend backend, List<String> sizes) {
        CudaDevice d = CudaDevices.get(Device.cuda(0));
        for (String size : sizes.isEmpty() ? List.of("4096", "8192") : sizes) {
            int n = Integer.parseInt(size);
            try (CudaScope scope = CudaScope.open()) {
                Strided a = square(backend, n, 1);
                Strided b = square(backend, n, 2);
                Strided c = square(backend, n, 3);
                backend.kernels().matmul(a, b, c); // warm-up: loads cuBLAS kernels or JIT-compiles ours
                Driver.current().synchronize("sgemm warm-up");
                int reps = n <= 4096 ? 20 : 8;
                long start = System.nanoTime();
                for (int r = 0; r < reps; r++) {
                    backend.kernels().matmul(a, b, c);
                }
                Driver.current().synchronize("sgemm timing");
                double seconds = (System.nanoTime() - start) / 1e9 / reps;
                System.out.printf("SGEMM n=%d ms=%.3f tflops=%.2f engine=%s%n", n, seconds * 1e3,
                        2.0 * n * n * n / seconds / 1e12, d.matmulEngine());
            }
        }
        return true;
    }

    private static Strided square(CudaBackend backend, int n, long seed) {
        Strided s = Strided.contiguous(backend.allocate(DType.FLOAT32, (long) n * n, Device.cuda(0)), n, n);
        backend.kernels().randomUniform(s, seed, 0, -1, 1);
        return s;
    }
}
