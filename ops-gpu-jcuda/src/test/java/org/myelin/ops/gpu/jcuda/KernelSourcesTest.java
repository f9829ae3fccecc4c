package org.myelin.ops.gpu.jcuda;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The kernel code the backend needs is there: every program's CUDA source ships in the module (for
 * NVRTC), every kernel the Java side launches is defined in it, and where the build had nvcc the
 * PTX ships too, with those kernels as entry points.
 */
class KernelSourcesTest {
    /** Each program's kernels that some *Launches class launches. */
    static final Map<String, String[]> LAUNCHED = Map.of(
            "elementwise", new String[] {"fill_kernel", "copy_kernel", "arange_kernel", "unary_kernel", "binary_kernel",
                "binary_scalar_kernel", "compare_kernel", "where_kernel"},
            "reduce", new String[] {"reduce_kernel", "arg_reduce_kernel", "softmax_kernel"},
            "random", new String[] {"random_uniform_kernel", "random_normal_kernel"},
            "index", new String[] {"check_indices_kernel", "gather_kernel", "scatter_add_kernel"},
            "optim", new String[] {"sgd_kernel", "adam_kernel"},
            "gemm", new String[] {"sgemm_kernel", "dgemm_kernel"},
            "window", new String[] {"im2col_kernel", "col2im_kernel", "max_pool_kernel"});

    @Test
    void everyProgramIsListed() {
        assertTrue(LAUNCHED.keySet().containsAll(KernelSources.PROGRAMS) && KernelSources.PROGRAMS.containsAll(LAUNCHED.keySet()));
    }

    @TestFactory
    Stream<DynamicTest> sourcesShipInTheModuleAndDefineTheLaunchedKernels() {
        return KernelSources.PROGRAMS.stream().map(p -> DynamicTest.dynamicTest(p + ".cu", () -> {
            String source = KernelSources.source(p + ".cu");
            assertTrue(source.contains("#include \"" + KernelSources.HEADER + "\"") || p.equals("gemm"), p);
            for (String kernel : LAUNCHED.get(p)) {
                assertTrue(Pattern.compile("extern \"C\" __global__ void (__launch_bounds__\\(\\w+\\) )?" + kernel + "\\(")
                        .matcher(source).find(), p + ".cu defines " + kernel);
            }
        }));
    }

    @Test
    void headerShipsInTheModule() {
        assertTrue(KernelSources.source(KernelSources.HEADER).contains("struct Geo"));
    }

    @Test
    void launchedKernelsAreNamedInTheLaunchClasses() throws IOException {
        Path main = Nvcc.sources().resolveSibling("java").resolve("org/myelin/ops/gpu/jcuda");
        Assumptions.assumeTrue(Files.isDirectory(main), "Java sources not found at " + main);
        String java;
        try (Stream<Path> files = Files.list(main)) {
            java = files.map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).collect(Collectors.joining("\n"));
        }
        for (String[] kernels : LAUNCHED.values()) {
            for (String k : kernels) {
                assertTrue(java.contains("\"" + k + "\""), k + " is launched by name from Java");
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> ptxShipsWhereTheBuildHadNvcc() {
        return KernelSources.PROGRAMS.stream().map(p -> DynamicTest.dynamicTest(p + ".ptx", () -> {
            Assumptions.assumeTrue(Nvcc.find().isPresent(), "nvcc is not installed here, so the build bundled no PTX; "
                    + "the backend compiles with NVRTC at run time");
            String ptx = KernelSources.bundledPtx(p).orElseThrow(() -> new AssertionError(p + ".ptx is not on the module path"));
            for (String kernel : LAUNCHED.get(p)) {
                assertTrue(ptx.contains(".entry " + kernel + "("), p + ".ptx has entry " + kernel);
            }
        }));
    }
}
