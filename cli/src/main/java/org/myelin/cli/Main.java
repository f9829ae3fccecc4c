package org.myelin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.myelin.api.MyelinException;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code myelin} command. User errors print one line on stderr and exit with 2; internal errors
 * exit with 1; {@code --debug} adds stack traces.
 */
@Command(name = "myelin", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Myelin: train and run neural networks on the JVM.",
        subcommands = {TrainCommand.class, EvalCommand.class, PredictCommand.class, DoctorCommand.class, ExperimentCommand.class, PluginCommand.class,
                CommandLine.HelpCommand.class, AutoComplete.GenerateCompletion.class})
public final class Main implements Runnable {
    /** Exit status for a mistake the user can fix. */
    static final int USER_ERROR = 2;
    /** Exit status for a bug or an environment failure. */
    static final int INTERNAL_ERROR = 1;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces on errors.")
    boolean debug;

    @Option(names = "--plugins", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "Folder of plugin jars (or sub-folders of jars) to load (default: plugins/ of the runtime image, else ./plugins).")
    Path pluginsFolder; // read from the parse result in loadPluginsFor, before or after the subcommand's name

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The plugins loaded for this run; set before any subcommand runs. */
    private Plugins plugins;

    /** @return the plugins loaded for this run; Myelin's own providers only when none were loaded */
    Plugins plugins() {
        return plugins == null ? Plugins.none() : plugins;
    }

    /** @param args the command line */
    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // Answered before picocli builds its model of every command (reflection over a few hundred
            // classes), so `myelin --version` starts in a fraction of a second; same text as picocli's.
            System.out.println(Version.text());
            System.exit(0);
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command without exiting, for tests.
     *
     * @param args the command line
     * @param out  standard output
     * @param err  standard error
     * @return the exit status
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        cl.setExecutionStrategy(parseResult -> {
            try {
                main.loadPluginsFor(parseResult, err);
            } catch (RuntimeException e) {
                // Reported by the execution exception handler below, as a failing command is: one line
                // (a missing --plugins folder is a user error), the stack trace only with --debug.
                throw new CommandLine.ExecutionException(cl, e.getMessage(), e);
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("myelin: " + ex.getMessage());
            if (debug) {
                ex.printStackTrace(err);
            }
            return USER_ERROR;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof MyelinException) {
                err.println("myelin: " + ex.getMessage());
            } else {
                err.println("myelin: internal error: " + ex + (debug ? "" : " (run with --debug for the stack trace)"));
            }
            if (debug) {
                ex.printStackTrace(err);
            }
            return ex instanceof RunFailed || !(ex instanceof MyelinException) ? INTERNAL_ERROR : USER_ERROR;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // What filled the heap is garbage now; there is room for one line.
            err.println("myelin: out of memory while " + Activity.now() + ": the Java heap holds at most "
                    + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB; give Myelin more (MYELIN_JAVA_OPTS=-Xmx16g, "
                    + "or more) or make the job smaller");
            if (debug) {
                e.printStackTrace(err);
            }
            return USER_ERROR;
        }
    }

    /**
     * Loads the plugins folder before a command that uses it runs; help, {@code --version} and
     * {@code plugin check} (which loads its own jar) skip it, so they start fast.
     */
    private void loadPluginsFor(CommandLine.ParseResult parseResult, PrintWriter err) {
        Path given = null;
        for (CommandLine.ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.isUsageHelpRequested() || r.isVersionHelpRequested() || r.commandSpec().userObject() instanceof PluginCommand) {
                return;
            }
            if (r.hasMatchedOption("--plugins")) {
                given = r.matchedOptionValue("--plugins", null);
            }
        }
        if (parseResult.subcommand() == null) {
            return;
        }
        plugins = Plugins.load(given, err);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads the version from the jar's manifest, or says it is a development build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {text()};
        }

        static String text() {
            String v = Main.class.getModule().getDescriptor() == null ? null
                    : Main.class.getModule().getDescriptor().rawVersion().orElse(null);
            if (v == null) {
                v = Main.class.getPackage().getImplementationVersion();
            }
            return "myelin " + (v == null ? "development build" : v) + " (Java " + Runtime.version() + ")";
        }
    }
}
