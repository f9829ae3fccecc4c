package org.myelin.cli;

import java.io.PrintWriter;
import org.myelin.api.MyelinException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code myelin} command. User errors print one line on stderr and exit with 2; internal errors
 * exit with 1; {@code --debug} adds stack traces.
 */
@Command(name = "myelin", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Myelin: train and run neural networks on the JVM.",
        subcommands = {TrainCommand.class, EvalCommand.class, DoctorCommand.class})
public final class Main implements Runnable {
    /** Exit status for a mistake the user can fix. */
    static final int USER_ERROR = 2;
    /** Exit status for a bug or an environment failure. */
    static final int INTERNAL_ERROR = 1;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces on errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** @param args the command line */
    public static void main(String[] args) {
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
        CommandLine cl = new CommandLine(new Main());
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
            return ex instanceof MyelinException ? USER_ERROR : INTERNAL_ERROR;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads the version from the jar's manifest, or says it is a development build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getModule().getDescriptor() == null ? null
                    : Main.class.getModule().getDescriptor().rawVersion().orElse(null);
            if (v == null) {
                v = Main.class.getPackage().getImplementationVersion();
            }
            return new String[] {"myelin " + (v == null ? "development build" : v)
                    + " (Java " + Runtime.version() + ")"};
        }
    }
}
