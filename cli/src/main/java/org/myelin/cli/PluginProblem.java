package org.myelin.cli;

/** Why one plugin (a jar, or a folder of jars) cannot be used; the rest of the plugins folder still is. */
final class PluginProblem extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param reason one line, such as {@code module org.x not found, required by org.y} */
    PluginProblem(String reason) {
        super(reason);
    }
}
