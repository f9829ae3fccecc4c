package org.myelin.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One in-process run of the command line, with what it printed.
 *
 * @param exit the exit status
 * @param out  standard output
 * @param err  standard error
 */
record CliRun(int exit, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** The last value printed after {@code marker}, as in "test accuracy 95.61%". */
    double lastPercentAfter(String marker) {
        int at = out.lastIndexOf(marker);
        if (at < 0) {
            throw new AssertionError("no '" + marker + "' in output:\n" + out + "\nstderr:\n" + err);
        }
        String rest = out.substring(at + marker.length()).trim();
        return Double.parseDouble(rest.substring(0, rest.indexOf('%')));
    }
}
