package org.myelin.experiments;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.api.InvalidArgumentException;
import org.myelin.api.MyelinException;
import org.myelin.api.UnknownNameException;

/** What a run refuses before it trains anything, with a message that names the fix. */
class ExperimentSettingsTest {
    @TempDir
    Path tmp;

    @Test
    void unknownExperimentNamesTheKnownOnes() {
        var e = assertThrows(UnknownNameException.class,
                () -> Experiments.run("depht", ExperimentSettings.defaults(), tmp, ExperimentProgress.silent()));
        assertTrue(e.getMessage().contains("depth") && e.getMessage().contains("decision-boundary"), e.getMessage());
    }

    @Test
    void zeroEpochsOrSizesAreRefused() {
        for (ExperimentSettings bad : new ExperimentSettings[] {ExperimentSettings.defaults().withEpochs(0),
                ExperimentSettings.defaults().withSizes(0, 10), ExperimentSettings.defaults().withBatchSize(-1),
                new ExperimentSettings(1, null, 0.0, null, null, null, null)}) {
            MyelinException e = assertThrows(InvalidArgumentException.class,
                    () -> Experiments.run("decision-boundary", bad, tmp, ExperimentProgress.silent()));
            assertTrue(e.getMessage().startsWith("--"), "names the option: " + e.getMessage());
        }
    }

    @Test
    void anOutFolderThatCannotBeWritten() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        var e = assertThrows(InvalidArgumentException.class, () -> OutputFolder.prepare(file));
        assertTrue(e.getMessage().contains("--out"), e.getMessage());
        // Below a file no folder can be made, even for root, who ignores permissions.
        var below = assertThrows(InvalidArgumentException.class, () -> OutputFolder.prepare(file.resolve("sub")));
        assertTrue(below.getMessage().contains("cannot be written"), below.getMessage());
    }

    @Test
    void theDefaultFolderIsUnderRunsWithTheTime() {
        Path p = OutputFolder.defaultFor("depth", java.time.LocalDateTime.of(2026, 1, 2, 3, 4, 5));
        assertTrue(p.toString().equals(Path.of("runs", "depth-20260102-030405").toString()), p.toString());
    }
}
