package org.myelin.data;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where downloaded datasets are kept. The root is, first found: the {@code --data DIR} option the
 * caller passes, the environment variable {@value #ENV_VARIABLE}, or {@code ~/.cache/myelin/datasets}.
 * Each dataset has its own folder below the root ({@code mnist/}, {@code fashion-mnist/}).
 */
public final class DatasetCache {
    /** The environment variable that names the cache root when no option does. */
    public static final String ENV_VARIABLE = "MYELIN_DATA";

    private DatasetCache() {}

    /** @return the cache root when no option names one: {@value #ENV_VARIABLE}, else the home folder's cache */
    public static Path defaultRoot() {
        return root(null);
    }

    /**
     * @param dataOption the folder given on the command line, or null when none was given
     * @return the cache root for this process's environment and home folder
     */
    public static Path root(Path dataOption) {
        return root(dataOption, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * The resolution rule with its inputs explicit, so it can be tested without changing the process
     * environment (which Java cannot do).
     *
     * @param dataOption  the folder given on the command line, or null when none was given
     * @param environment the environment variables
     * @param home        the user's home folder
     * @return the cache root
     */
    public static Path root(Path dataOption, Map<String, String> environment, Path home) {
        if (dataOption != null) {
            return dataOption;
        }
        String fromEnvironment = environment.get(ENV_VARIABLE);
        // an empty value is treated as unset, as shells make it easy to export one by accident
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment);
        }
        return Objects.requireNonNull(home, "home").resolve(".cache").resolve("myelin").resolve("datasets");
    }
}
