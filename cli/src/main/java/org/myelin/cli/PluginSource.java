package org.myelin.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.myelin.api.InvalidArgumentException;

/**
 * One plugin in a plugins folder: a jar, or a sub-folder whose jars (the plugin and its own
 * dependencies) load together into one module layer.
 *
 * @param label what warnings and {@code doctor} call it: the jar's or the folder's name
 * @param jars  the jars to load
 */
record PluginSource(String label, List<Path> jars) {

    /** @param jar one jar @return it as a plugin of its own */
    static PluginSource ofJar(Path jar) {
        return new PluginSource(String.valueOf(jar.getFileName()), List.of(jar));
    }

    /**
     * @param folder a plugins folder
     * @return its plugins in name order, so a tie between two plugins always settles the same way
     */
    static List<PluginSource> scan(Path folder) {
        List<PluginSource> found = new ArrayList<>();
        for (Path entry : list(folder)) {
            if (Files.isDirectory(entry)) {
                List<Path> jars = list(entry).stream().filter(PluginSource::isJar).toList();
                found.add(new PluginSource(entry.getFileName() + "/", jars));
            } else if (isJar(entry)) {
                found.add(ofJar(entry));
            }
        }
        return found;
    }

    private static boolean isJar(Path p) {
        return Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar");
    }

    private static List<Path> list(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new InvalidArgumentException("cannot read the plugins folder " + folder + ": " + e.getMessage(), e);
        }
    }
}
