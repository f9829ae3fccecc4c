package org.myelin.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The same layering read from each module's compiled {@code module-info}: its {@code requires}
 * stay within DESIGN.md's row, and its {@code provides} match the META-INF/services files that
 * class-path users (JMH, tools) rely on.
 */
class ModuleDescriptorTest {
    private static final Map<String, Class<?>> ANCHORS = Map.ofEntries(
            Map.entry("org.myelin.api", org.myelin.api.Tensor.class),
            Map.entry("org.myelin.autograd", org.myelin.autograd.MyelinEngine.class),
            Map.entry("org.myelin.ops.cpu.reference", org.myelin.ops.cpu.reference.ReferenceBackend.class),
            Map.entry("org.myelin.ops.cpu.simd", org.myelin.ops.cpu.simd.CpuSimdBackend.class),
            Map.entry("org.myelin.ops.gpu.jcuda", org.myelin.ops.gpu.jcuda.CudaBackend.class),
            Map.entry("org.myelin.testkit", org.myelin.testkit.BackendConformance.class),
            Map.entry("org.myelin.nn", org.myelin.nn.Module.class),
            Map.entry("org.myelin.optim", org.myelin.optim.Optimizers.class),
            Map.entry("org.myelin.data", org.myelin.data.Dataset.class),
            Map.entry("org.myelin.train", org.myelin.train.Trainer.class),
            Map.entry("org.myelin.distributed", org.myelin.distributed.ProcessGroup.class),
            Map.entry("org.myelin.experiments", org.myelin.experiments.Experiments.class),
            Map.entry("org.myelin.cli", org.myelin.cli.Main.class));

    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("org.myelin.api", Set.of()),
            Map.entry("org.myelin.autograd", Set.of("org.myelin.api")),
            Map.entry("org.myelin.ops.cpu.reference", Set.of("org.myelin.api")),
            Map.entry("org.myelin.ops.cpu.simd", Set.of("org.myelin.api", "jdk.incubator.vector")),
            Map.entry("org.myelin.ops.gpu.jcuda", Set.of("org.myelin.api", "jcuda", "jcublas")),
            Map.entry("org.myelin.testkit", Set.of("org.myelin.api")),
            Map.entry("org.myelin.nn", Set.of("org.myelin.api")),
            Map.entry("org.myelin.optim", Set.of("org.myelin.api")),
            Map.entry("org.myelin.data", Set.of("org.myelin.api")),
            Map.entry("org.myelin.train", Set.of("org.myelin.api", "org.myelin.nn", "org.myelin.optim", "org.myelin.data")),
            Map.entry("org.myelin.distributed", Set.of("org.myelin.api", "org.myelin.nn", "org.myelin.data")),
            Map.entry("org.myelin.experiments", Set.of("org.myelin.api", "org.myelin.nn", "org.myelin.optim",
                    "org.myelin.data", "org.myelin.train", "java.desktop", "org.knowm.xchart")),
            Map.entry("org.myelin.cli", Set.of("org.myelin.api", "org.myelin.nn", "org.myelin.optim", "org.myelin.data",
                    "org.myelin.train", "org.myelin.distributed", "java.desktop", "org.myelin.testkit", "org.myelin.experiments",
                    "info.picocli", "me.tongfei.progressbar")));

    static ModuleReference moduleOf(String name) throws Exception {
        Path location = Path.of(ANCHORS.get(name).getProtectionDomain().getCodeSource().getLocation().toURI());
        return ModuleFinder.of(location).find(name).orElseThrow(() -> new AssertionError(name + " not found at " + location));
    }

    static Set<String> requires(ModuleDescriptor d) {
        return d.requires().stream().map(ModuleDescriptor.Requires::name).filter(n -> !n.equals("java.base"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyModuleRequiresOnlyWhatItsRowAllows() throws Exception {
        for (String name : ANCHORS.keySet()) {
            Set<String> extra = new TreeSet<>(requires(moduleOf(name).descriptor()));
            extra.removeAll(ALLOWED.get(name));
            assertEquals(Set.of(), extra, name + " requires modules DESIGN.md does not allow");
        }
    }

    @Test
    void nothingRequiresTheEngineOrAKernelPack() throws Exception {
        for (String name : ANCHORS.keySet()) {
            Set<String> req = requires(moduleOf(name).descriptor());
            assertTrue(req.stream().noneMatch(r -> r.equals("org.myelin.autograd") || r.startsWith("org.myelin.ops")),
                    name + " requires " + req);
        }
    }

    @Test
    void exportsStayMinimal() throws Exception {
        assertEquals(Set.of(), moduleOf("org.myelin.autograd").descriptor().exports(), "the engine exports nothing");
        assertEquals(Set.of(), moduleOf("org.myelin.ops.cpu.simd").descriptor().exports(), "a kernel pack exports nothing");
        assertEquals(Set.of(), moduleOf("org.myelin.ops.cpu.reference").descriptor().exports(), "a kernel pack exports nothing");
        assertEquals(Set.of(), moduleOf("org.myelin.ops.gpu.jcuda").descriptor().exports(), "a kernel pack exports nothing");
    }

    @Test
    void servicesFilesMatchModuleProvides() throws Exception {
        for (String name : ANCHORS.keySet()) {
            ModuleReference ref = moduleOf(name);
            for (ModuleDescriptor.Provides p : ref.descriptor().provides()) {
                Set<String> declared = p.providers().stream().map(c -> c.replace('$', '.'))
                        .collect(Collectors.toCollection(TreeSet::new));
                Set<String> listed = servicesFile(ref, p.service());
                assertEquals(declared, listed, name + ": META-INF/services/" + p.service()
                        + " must list exactly the module-info providers");
            }
        }
    }

    private static Set<String> servicesFile(ModuleReference ref, String service) throws IOException {
        try (var reader = ref.open(); InputStream in = reader.open("META-INF/services/" + service)
                .orElseThrow(() -> new AssertionError("missing META-INF/services/" + service + " in " + ref.descriptor().name()))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> l.replace('$', '.'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
