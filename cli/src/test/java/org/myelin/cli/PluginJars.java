package org.myelin.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.attribute.ModuleAttribute;
import java.lang.constant.ClassDesc;
import java.lang.constant.ModuleDesc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.myelin.cli.fixtures.PluginRelu;
import org.myelin.cli.fixtures.ThrowingOperator;

/**
 * Makes plugin jars for tests: the GELU example as built by the reactor, and broken ones. Their
 * {@code module-info.class} is written with the JDK's class-file API, so a test can declare a
 * module that requires one that does not exist, which javac would refuse to compile.
 */
final class PluginJars {
    static final String OPERATOR = "org.myelin.api.Operator";

    private PluginJars() {}

    /** The GELU example plugin; the reactor builds it before this module (a test-scoped dependency). */
    static Path gelu(Path folder) throws IOException {
        Path built = Path.of(System.getProperty("myelin.test.gelu", "")).toAbsolutePath();
        Path jar = folder.resolve("gelu.jar");
        if (Files.isRegularFile(built)) {
            return Files.copy(built, jar);
        }
        if (!Files.isDirectory(built)) {
            throw new IllegalStateException("the GELU example is not built: myelin.test.gelu=" + built);
        }
        // `mvn test` without `package` resolves the example to its classes folder: jar it here.
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(built)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                entries.put(built.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        return write(jar, entries);
    }

    /** A plain jar: classes but no module-info. */
    static Path notAModule(Path folder) throws IOException {
        return write(folder.resolve("plain.jar"), Map.of(classEntry(PluginRelu.class), classBytes(PluginRelu.class)));
    }

    /** A module whose operator's constructor throws. */
    static Path providerThatThrows(Path folder) throws IOException {
        return module(folder.resolve("throwing.jar"), "org.example.throwing", List.of("org.myelin.api"), ThrowingOperator.class);
    }

    /** A module that requires one that is nowhere to be found. */
    static Path missingDependency(Path folder) throws IOException {
        return module(folder.resolve("needy.jar"), "org.example.needy", List.of("org.myelin.api", "org.example.absent"),
                PluginRelu.class);
    }

    /** A module whose operator is named {@code relu}, as the built-in one, at the same priority. */
    static Path duplicateName(Path folder) throws IOException {
        return module(folder.resolve("duplicate.jar"), "org.example.duplicate", List.of("org.myelin.api"), PluginRelu.class);
    }

    /** As {@link #duplicateName}, with a higher priority than the built-in {@code relu}. */
    static Path preferredDuplicate(Path folder) throws IOException {
        return module(folder.resolve("preferred.jar"), "org.example.preferred", List.of("org.myelin.api"),
                PluginRelu.Preferred.class, PluginRelu.class);
    }

    /** A module whose operator's name() throws an Error. */
    static Path nameThrowsError(Path folder) throws IOException {
        return module(folder.resolve("erroring.jar"), "org.example.erroring", List.of("org.myelin.api"),
                org.myelin.cli.fixtures.NameThrowsError.class);
    }

    /** A module whose {@code sigmoid} returns zeros, at a higher priority, without declaring a replacement. */
    static Path zeroSigmoid(Path folder) throws IOException {
        return module(folder.resolve("zero.jar"), "org.example.zero", List.of("org.myelin.api"),
                org.myelin.cli.fixtures.ZeroSigmoid.class);
    }

    /** As {@link #zeroSigmoid}, declared as the built-in's replacement. */
    static Path declaredZeroSigmoid(Path folder) throws IOException {
        return module(folder.resolve("replacing.jar"), "org.example.replacing", List.of("org.myelin.api"),
                org.myelin.cli.fixtures.ZeroSigmoid.Declared.class, org.myelin.cli.fixtures.ZeroSigmoid.class);
    }

    /** A module whose layer {@code hungry} fills the heap when it is built. */
    static Path heapEater(Path folder) throws IOException {
        return module(folder.resolve("hungry.jar"), "org.example.hungry", List.of("org.myelin.api"),
                "org.myelin.api.spi.LayerProvider", org.myelin.cli.fixtures.HeapEater.class);
    }

    private static Path module(Path jar, String name, List<String> requires, Class<?> provider, Class<?>... more)
            throws IOException {
        return module(jar, name, requires, OPERATOR, provider, more);
    }

    private static Path module(Path jar, String name, List<String> requires, String service, Class<?> provider,
                               Class<?>... more) throws IOException {
        byte[] moduleInfo = ClassFile.of().buildModule(ModuleAttribute.of(ModuleDesc.of(name), m -> {
            m.requires(ModuleDesc.of("java.base"), 0, null);
            requires.forEach(r -> m.requires(ModuleDesc.of(r), 0, null));
            m.provides(ClassDesc.of(service), ClassDesc.of(provider.getName()));
        }));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("module-info.class", moduleInfo);
        entries.put(classEntry(provider), classBytes(provider));
        for (Class<?> c : more) {
            entries.put(classEntry(c), classBytes(c));
        }
        return write(jar, entries);
    }

    private static String classEntry(Class<?> c) {
        return c.getName().replace('.', '/') + ".class";
    }

    private static byte[] classBytes(Class<?> c) throws IOException {
        try (InputStream in = c.getResourceAsStream("/" + classEntry(c))) {
            if (in == null) {
                throw new IOException("cannot read the class file of " + c.getName());
            }
            return in.readAllBytes();
        }
    }

    private static Path write(Path jar, Map<String, byte[]> entries) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return jar;
    }
}
