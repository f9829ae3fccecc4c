package org.myelin.ops.cpu.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** GemmD is GemmF in doubles, made by scripts/gen-gemmd.sh: this fails when someone edits one without the other. */
class GemmDGeneratedTest {
    @Test
    void gemmDIsGemmFTranslated() throws IOException {
        Path dir = Path.of("src/main/java/org/myelin/ops/cpu/simd");
        Assumptions.assumeTrue(Files.isDirectory(dir), "sources not found from " + Path.of("").toAbsolutePath());
        String f = Files.readString(dir.resolve("GemmF.java"));
        String expected = f.replace("float", "double").replace("Float", "Double").replace("GemmF", "GemmD")
                .replace("FLOAT32", "FLOAT64").replaceAll("Simd\\.FL\\b", "Simd.DL").replaceAll("Simd\\.F\\b", "Simd.D")
                .replaceAll("\\b0f\\b", "0.0");
        assertEquals(expected, Files.readString(dir.resolve("GemmD.java")),
                "GemmD.java is out of date: run scripts/gen-gemmd.sh after editing GemmF.java");
    }
}
