package org.myelin.ops.gpu.jcuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.myelin.api.BackendUnavailableException;

/**
 * Where kernel code comes from. The build compiles each {@code src/main/cuda/*.cu} to PTX with nvcc
 * when nvcc is installed and ships it beside the classes; otherwise (or with
 * {@code -Dmyelin.cuda.kernels=nvrtc}) the CUDA sources, which ship too, are compiled here with NVRTC
 * for the device's own architecture. The driver JIT-compiles PTX for the GPU it runs on.
 */
final class KernelSources {
    /** The kernel programs, one per .cu file. */
    static final List<String> PROGRAMS = List.of("elementwise", "reduce", "random", "index", "optim", "gemm", "window");

    /** The header every program includes. */
    static final String HEADER = "myelin_common.cuh";

    /**
     * Options NVRTC compiles with; the same as the build's nvcc line (see the pom) but for the device's
     * own architecture. Fusion is off so elementwise arithmetic rounds as the reference's does; gemm.cu
     * fuses explicitly.
     */
    static final List<String> NVRTC_OPTIONS = List.of("--fmad=false", "-default-device");

    /**
     * @param text   the PTX
     * @param origin how it was made, for messages and {@code myelin doctor}
     */
    record Ptx(String text, String origin) {}

    private KernelSources() {}

    /**
     * @param program a program name
     * @param major   the device's compute capability, for NVRTC
     * @param minor   likewise
     * @return its PTX, bundled or compiled now
     */
    static Ptx ptx(String program, int major, int minor) {
        boolean forceNvrtc = "nvrtc".equalsIgnoreCase(System.getProperty("myelin.cuda.kernels", ""));
        Optional<String> bundled = forceNvrtc ? Optional.empty() : bundledPtx(program);
        if (bundled.isPresent()) {
            return new Ptx(bundled.get(), "bundled PTX");
        }
        String arch = "--gpu-architecture=compute_" + major + minor;
        try {
            return new Ptx(Nvrtc.compile(program + ".cu", source(program + ".cu"), HEADER, source(HEADER), arch),
                    "NVRTC " + Nvrtc.version());
        } catch (CudaException e) {
            throw e;
        } catch (Throwable t) {
            throw new BackendUnavailableException("cuda: no PTX is bundled for " + program + ".cu and NVRTC cannot run ("
                    + NativeErrors.shortReason(t) + "); build on a machine with nvcc, or install NVRTC 12", t);
        }
    }

    /** @param program a program name @return the PTX the build made, if it did */
    static Optional<String> bundledPtx(String program) {
        return resource(program + ".ptx");
    }

    /**
     * @param name a .cu or .cuh file name
     * @return its text: from the directory {@code -Dmyelin.cuda.sources} names, else from this module
     */
    static String source(String name) {
        String dir = System.getProperty("myelin.cuda.sources");
        if (dir != null && Files.isRegularFile(Path.of(dir, name))) {
            try {
                return Files.readString(Path.of(dir, name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return resource(name).orElseThrow(() -> new BackendUnavailableException("cuda: kernel source " + name
                + " is missing from the org.myelin.ops.gpu.jcuda module; the jar is incomplete"));
    }

    private static Optional<String> resource(String name) {
        try (InputStream in = KernelSources.class.getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
