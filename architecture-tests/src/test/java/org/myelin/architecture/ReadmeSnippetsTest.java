package org.myelin.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code java} snippet of the README compiles as it stands, with its own {@code import}s,
 * against the modules it shows; a snippet that is a {@code module} declaration compiles as a
 * {@code module-info} on the module path. The statements of a snippet become the body of a method
 * (classes declared among them become local classes), so a snippet is what a user would paste
 * into {@code main}. Those that need no dataset also run, so a snippet that compiles but throws
 * (a shape that does not fit, say) fails too.
 */
class ReadmeSnippetsTest {
    private static final Path README = Path.of("..", "README.md");

    @TempDir
    Path work;

    /** One fenced {@code java} block: the README line it starts on, and its text. */
    record Snippet(int line, String text) {
        boolean isModuleDeclaration() {
            return text.stripLeading().startsWith("module ");
        }

        /** Running needs the MNIST files, or writes files of its own: compiled only. */
        boolean compileOnly() {
            return text.contains("Mnist.") || text.contains("Path.of(");
        }
    }

    static List<Snippet> snippets(List<String> lines) {
        List<Snippet> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("```java")) {
                int start = i + 1;
                int end = start;
                while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                    end++;
                }
                assertTrue(end < lines.size(), "README line " + (start) + ": a java block that is never closed");
                found.add(new Snippet(start + 1, String.join("\n", lines.subList(start, end))));
                i = end;
            }
        }
        return found;
    }

    @TestFactory
    Stream<DynamicTest> everyJavaSnippetCompiles() throws IOException {
        List<Snippet> all = snippets(Files.readAllLines(README, StandardCharsets.UTF_8));
        // The README shows the autograd, training-loop, library and module examples: at least these.
        assertTrue(all.size() >= 7, "found only " + all.size() + " java snippets in " + README.toAbsolutePath());
        assertTrue(all.stream().anyMatch(Snippet::isModuleDeclaration), "the README shows a module-info");
        return all.stream().map(s -> DynamicTest.dynamicTest("README line " + s.line(),
                () -> check(s, all.indexOf(s))));
    }

    private void check(Snippet snippet, int index) throws Exception {
        if (snippet.isModuleDeclaration()) {
            Path dir = Files.createDirectories(work.resolve("module" + index));
            Path info = Files.writeString(dir.resolve("module-info.java"), snippet.text());
            compile(snippet, List.of(info), List.of("--module-path", myelinModulePath(), "-d", dir.resolve("out").toString()), 0);
            return;
        }
        String className = "Snippet" + index;
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : snippet.text().split("\n", -1)) {
            // Imports are moved to the top of the file; a blank line keeps README line numbers.
            if (line.startsWith("import ")) {
                imports.append(line).append('\n');
                body.append('\n');
            } else {
                body.append(line).append('\n');
            }
        }
        String header = "package readme;\n" + imports + "public class " + className
                + " { public static void run() throws Exception {\n";
        int headerLines = (int) header.chars().filter(c -> c == '\n').count();
        Path dir = Files.createDirectories(work.resolve("snippet" + index).resolve("readme"));
        Path source = Files.writeString(dir.resolve(className + ".java"), header + body + "}}\n");
        Path out = work.resolve("snippet" + index).resolve("out");
        compile(snippet, List.of(source), List.of("-classpath", System.getProperty("java.class.path"), "-d", out.toString()),
                headerLines);
        if (!snippet.compileOnly()) {
            run(snippet, out, "readme." + className);
        }
    }

    /** @param shift lines the generated file has above the snippet's first line */
    private static void compile(Snippet snippet, List<Path> sources, List<String> options, long shift) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "the tests run on a JDK, with javax.tools");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> all = new ArrayList<>(options);
        all.addAll(List.of("-proc:none", "-encoding", "UTF-8"));
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            StringWriter output = new StringWriter();
            boolean ok = javac.getTask(output, files, diagnostics, all, null, files.getJavaFileObjectsFromPaths(sources)).call();
            String errors = diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> "README line " + (snippet.line() + d.getLineNumber() - 1 - shift) + ": " + d.getMessage(Locale.ROOT))
                    .collect(Collectors.joining("\n"));
            assertTrue(ok, "the snippet at README line " + snippet.line() + " does not compile:\n" + errors + output);
        }
    }

    private static void run(Snippet snippet, Path classes, String className) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ReadmeSnippetsTest.class.getClassLoader())) {
            try {
                loader.loadClass(className).getMethod("run").invoke(null);
            } catch (InvocationTargetException e) {
                throw new AssertionError("the snippet at README line " + snippet.line() + " compiles but throws: "
                        + e.getCause(), e.getCause());
            }
        }
    }

    /** The Myelin modules of the test class path (their jars or classes folders), as a module path. */
    private static String myelinModulePath() {
        List<String> modules = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!Files.exists(path)) {
                continue;
            }
            try {
                if (ModuleFinder.of(path).findAll().stream().map(ModuleReference::descriptor)
                        .anyMatch(d -> d.name().startsWith("org.myelin.") && !d.isAutomatic())) {
                    modules.add(entry);
                }
            } catch (RuntimeException notAModule) {
                // a library jar whose automatic name cannot be derived: not one of ours
            }
        }
        assertFalse(modules.isEmpty(), "no Myelin module on the test class path");
        return String.join(File.pathSeparator, modules);
    }
}
