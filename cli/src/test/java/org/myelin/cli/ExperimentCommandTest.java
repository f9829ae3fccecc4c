package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code myelin experiment}: a tiny run prints its table and writes its files; bad options give one
 * line on stderr and exit status 2, before any training.
 */
class ExperimentCommandTest {
    @TempDir
    Path tmp;

    private static void assertUserError(CliRun run, String... mentions) {
        assertEquals(2, run.exit(), () -> "exit status; stderr: " + run.err());
        String err = run.err().strip();
        assertFalse(err.contains("\n"), () -> "one line only: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), () -> "no stack trace: " + err);
        for (String m : mentions) {
            assertTrue(err.contains(m), () -> "stderr should mention '" + m + "': " + err);
        }
    }

    @Test
    void aTinyDecisionBoundaryRunPrintsItsTableAndWritesItsFiles() throws IOException {
        Path out = tmp.resolve("db");
        CliRun run = CliRun.of("experiment", "decision-boundary", "--epochs", "20", "--train-size", "100", "--test-size", "100",
                "--seed", "7", "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("logistic regression") && run.out().contains("one hidden layer"), run.out());
        assertTrue(run.out().contains("test accuracy"), run.out());
        byte[] png = Files.readAllBytes(out.resolve("decision-boundary.png"));
        assertTrue(png.length > 10_000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG (the experiments' tests decode them)");
        assertTrue(Files.readString(out.resolve("decision-boundary-report.html")).contains("data:image/png;base64,"));
        assertTrue(run.out().contains("report  " + out.resolve("decision-boundary-report.html")), run.out());
    }

    @Test
    void anUnknownExperiment() {
        assertUserError(CliRun.of("experiment", "depht", "--out", tmp.toString()), "depht", "depth", "vanishing");
    }

    @Test
    void zeroEpochs() {
        assertUserError(CliRun.of("experiment", "depth", "--epochs", "0", "--out", tmp.toString()), "--epochs");
    }

    @Test
    void anOutFolderThatCannotBeWritten() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
        assertUserError(CliRun.of("experiment", "decision-boundary", "--out", file.resolve("sub").toString()), "--out");
        assertUserError(CliRun.of("experiment", "decision-boundary", "--out", file.toString()), "--out");
    }

    @Test
    void helpListsTheExperimentsAndOptions() {
        CliRun run = CliRun.of("experiment", "--help");
        assertEquals(0, run.exit(), run.err());
        for (String word : new String[] {"decision-boundary", "--out", "--seed", "--epochs", "--backend", "--train-size"}) {
            assertTrue(run.out().contains(word), () -> "help mentions " + word + ":\n" + run.out());
        }
    }

    @Test
    void noExperimentNamed() {
        assertUserError(CliRun.of("experiment"), "NAME");
    }
}
