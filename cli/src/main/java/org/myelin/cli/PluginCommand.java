package org.myelin.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code myelin plugin}: tools for plugin authors. */
@Command(name = "plugin", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Tools for plugin authors.", subcommands = PluginCheckCommand.class)
final class PluginCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
