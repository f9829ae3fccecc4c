package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code --help} and {@code -h} work on every command and subcommand, and exit with 0. */
class HelpEverywhereTest {

    /** @return the path of names to every command, walked from picocli's own model of the CLI */
    static Stream<List<String>> commands() {
        List<List<String>> all = new ArrayList<>();
        walk(new CommandLine(new Main()), new ArrayList<>(), all);
        return all.stream();
    }

    private static void walk(CommandLine command, List<String> path, List<List<String>> all) {
        all.add(List.copyOf(path));
        command.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help") && sub.getCommandSpec().name().equals(name)) {
                List<String> deeper = new ArrayList<>(path);
                deeper.add(name);
                walk(sub, deeper, all);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpAndItsShortFormPrintTheUsage(List<String> path) {
        assertTrue(commands().count() >= 8, "train, eval, predict, doctor, experiment, plugin, plugin check and the top");
        for (String flag : new String[] {"--help", "-h"}) {
            List<String> args = new ArrayList<>(path);
            args.add(flag);
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, run.exit(), () -> args + ": " + run.err());
            assertTrue(run.out().startsWith("Usage: myelin"), () -> args + ": " + run.out());
            assertTrue(run.err().isEmpty(), () -> args + ": " + run.err());
        }
    }
}
