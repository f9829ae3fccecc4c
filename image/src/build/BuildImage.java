import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Builds Myelin's runtime image from a folder of modular and automatic jars (the CLI's runtime
 * dependencies), with the JDK's own tools only:
 *
 * <ol>
 *   <li>every automatic module (a jar without module-info, such as jline-terminal or xchart) gets
 *       one: jdeps writes it from the jar's real dependencies, javac compiles it against the
 *       other jars, and jar adds it. jlink refuses automatic modules, and this step needs no
 *       per-library configuration, so a new dependency of the CLI needs nothing here;</li>
 *   <li>jlink links them all, with the Vector API switched on through the launcher's stored
 *       options;</li>
 *   <li>the native libraries lose their symbol tables, to stay under 60 MB.</li>
 * </ol>
 *
 * Usage: {@code java BuildImage.java MODULES_DIR WORK_DIR OUTPUT_DIR}. Run by the image module's
 * pom during {@code package}.
 */
public final class BuildImage {
    private BuildImage() {}

    /** @param args the modules folder, a work folder, and the image folder to (re)create */
    public static void main(String[] args) throws Exception {
        Path modules = Path.of(args[0]);
        Path work = Path.of(args[1]);
        Path output = Path.of(args[2]);
        List<Path> jars;
        try (Stream<Path> s = Files.list(modules)) {
            jars = s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        for (Path jar : jars) {
            ModuleDescriptor d = ModuleFinder.of(jar).findAll().iterator().next().descriptor();
            if (d.isAutomatic()) {
                addModuleInfo(jar, d.name(), jars, work.resolve(d.name()));
            }
        }
        deleteTree(output);
        run("jlink",
                "--module-path", modules.toString(),
                "--add-modules", "ALL-MODULE-PATH,jdk.incubator.vector,java.logging",
                "--launcher", "myelin=org.myelin.cli/org.myelin.cli.Main",
                // Stored in the image, applied by bin/myelin: plugins loaded later can use the Vector API, and
                // the CLI may pass native access on to a plugin's layer (the CUDA pack binds JCuda).
                "--add-options=--add-modules=jdk.incubator.vector --enable-native-access=org.myelin.cli,org.jline.nativ",
                "--compress=zip-6", "--strip-debug", "--no-header-files", "--no-man-pages",
                "--output", output.toString());
        writeLauncher(output.resolve("bin/myelin"));
        stripNativeLibraries(output);
        writeCompletion(output);
        System.out.println("image: " + output + " (" + sizeOf(output) / (1024 * 1024) + " MB)");
    }

    /**
     * jlink's own launcher takes no options from the environment and breaks when reached through a
     * symlink (it looks for java next to the link). This one finds its real folder through any
     * chain of links, quotes every path (folders with spaces), gives the heap half the machine's
     * memory rather than the JVM's quarter (training holds a dataset and a model), and then adds
     * MYELIN_JAVA_OPTS, so -Xmx16g there wins. The options jlink stored (--add-options) still apply.
     */
    private static void writeLauncher(Path launcher) throws IOException {
        Files.writeString(launcher, """
                #!/bin/sh
                # The myelin command. MYELIN_JAVA_OPTS passes options to the JVM, such as -Xmx16g for a larger heap.
                self=$0
                while [ -L "$self" ]; do
                  link=$(readlink "$self")
                  case $link in
                    /*) self=$link ;;
                    *) self=$(dirname "$self")/$link ;;
                  esac
                done
                DIR=$(cd "$(dirname "$self")" && pwd -P)
                exec "$DIR/java" -XX:MaxRAMPercentage=50 $MYELIN_JAVA_OPTS -m org.myelin.cli/org.myelin.cli.Main "$@"
                """);
        launcher.toFile().setExecutable(true, false);
    }

    /**
     * bin/myelin_completion, for bash and zsh: {@code source bin/myelin_completion}. It is made by
     * the image's own command (picocli's AutoComplete), so it lists exactly the options it has.
     */
    private static void writeCompletion(Path image) throws IOException, InterruptedException {
        Path script = image.resolve("bin/myelin_completion");
        Process p = new ProcessBuilder(image.resolve("bin/myelin").toString(), "generate-completion")
                .redirectOutput(script.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (p.waitFor() != 0 || Files.size(script) == 0) {
            throw new IllegalStateException("myelin generate-completion failed (exit " + p.exitValue() + ")");
        }
    }

    /** Writes, compiles and adds a module-info for one automatic module, reading the others as modules. */
    private static void addModuleInfo(Path jar, String name, List<Path> all, Path work) throws IOException {
        deleteTree(work);
        String others = String.join(java.io.File.pathSeparator,
                all.stream().filter(j -> !j.equals(jar)).map(Path::toString).toList());
        // jdeps reads the jar against all the others (itself included: they may require it back).
        String everything = String.join(java.io.File.pathSeparator, all.stream().map(Path::toString).toList());
        run("jdeps", "--ignore-missing-deps", "--multi-release", "25", "--module-path", everything,
                "--generate-module-info", work.toString(), jar.toString());
        Path source;
        try (Stream<Path> s = Files.walk(work)) {
            source = s.filter(p -> p.endsWith("module-info.java")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("jdeps wrote no module-info for " + jar));
        }
        Path classes = work.resolve("classes");
        run("javac", "-nowarn", "--module-path", others, "--patch-module", name + "=" + jar, "-d", classes.toString(),
                source.toString());
        run("jar", "--update", "--file", jar.toString(), "-C", classes.toString(), "module-info.class");
        System.out.println("module-info added: " + name + " (" + jar.getFileName() + ")");
    }

    /**
     * The JDK's shared libraries keep their symbol tables (libjvm.so alone carries 5 MB of them),
     * which jlink's --strip-native-debug-symbols leaves in place; binutils' strip removes them,
     * keeping the image under 60 MB. Without strip on the PATH the image is only larger.
     */
    private static void stripNativeLibraries(Path image) throws IOException, InterruptedException {
        List<Path> libraries;
        try (Stream<Path> s = Files.walk(image)) {
            libraries = s.filter(p -> p.toString().endsWith(".so")).toList();
        }
        List<String> command = new ArrayList<>(List.of("strip", "--strip-unneeded"));
        libraries.forEach(p -> command.add(p.toString()));
        try {
            Process p = new ProcessBuilder(command).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("strip failed on the image's native libraries");
            }
        } catch (IOException e) {
            System.out.println("warning: strip (binutils) not found; the native libraries keep their symbol tables");
        }
    }

    private static void run(String tool, String... args) {
        ToolProvider provider = ToolProvider.findFirst(tool)
                .orElseThrow(() -> new IllegalStateException(tool + " not found: build with a full JDK 25"));
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        int status = provider.run(out, out, args);
        out.flush();
        if (status != 0) {
            throw new IllegalStateException(tool + " " + String.join(" ", args) + " failed (" + status + "):\n" + text);
        }
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
