package org.myelin.distributed.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.nn.io.SafeTensors;

/** The myelin-spark command: a run on an embedded local[2], and the mistakes that end it in one line before Spark starts. */
class SparkTrainTest {
    @TempDir
    Path tmp;

    private record Result(int exit, String out, String err) {}

    private static Result inProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SparkTrain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    private static void oneLine(Result r, String expected) {
        assertEquals(2, r.exit(), r.err());
        assertEquals(List.of(expected), r.err().lines().toList());
    }

    @Test
    void moreWorkersThanTaskSlotsIsOneLine() {
        oneLine(inProcess("train", "--workers", "3", "--batch-size", "30", "--master", "local[2]"), "myelin-spark: 3 workers need 3 task slots "
                + "at once, but local[2] has 2; give --workers 2 or fewer, or a larger master (local[3], or more executor cores)");
    }

    @Test
    void dynamicAllocationIsRefusedUpFront() {
        oneLine(inProcess("train", "--conf", "spark.dynamicAllocation.enabled=true"), "myelin-spark: "
                + "spark.dynamicAllocation.enabled is true, and a barrier stage needs its executors fixed; set it to false "
                + "(--conf spark.dynamicAllocation.enabled=false)");
    }

    @Test
    void aBadMasterIsOneLine() {
        oneLine(inProcess("train", "--master", "spark:/oops"), "myelin-spark: --master 'spark:/oops' is not a Spark master "
                + "URL; give local[N], spark://HOST:7077, yarn or k8s://HOST:PORT");
    }

    @Test
    void aBatchThatDoesNotSplitIsOneLine() {
        oneLine(inProcess("train", "--batch-size", "7"), "myelin-spark: --batch-size 7 does not split evenly over 2 workers; "
                + "give a multiple of 2");
    }

    /** In a JVM of its own, as the myelin-spark script starts it: one context per JVM is Spark's rule. */
    @Test
    @Tag("dataset")
    void trainsOnAnEmbeddedLocalMasterAndSavesTheWeights() throws Exception {
        Path saved = tmp.resolve("spark.safetensors");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g"));
        command.addAll(List.of(JavaModuleOptions.defaultModuleOptionArray()));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SparkTrain.class.getName(), "train",
                "--workers", "2", "--epochs", "1", "--batch-size", "1200", "--save", saved.toString()));
        Process p = new ProcessBuilder(command).redirectError(tmp.resolve("err.txt").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "myelin-spark train did not finish");
        assertEquals(0, p.exitValue(), out + java.nio.file.Files.readString(tmp.resolve("err.txt")));
        assertTrue(out.contains("on Spark 4.2.0 (local[2]), 2 workers, batch 1200 (600 each)"), out);
        assertTrue(out.contains("trained 50 steps"), out);
        assertTrue(out.contains("test accuracy "), out);
        var contents = SafeTensors.load(saved);
        assertEquals("784-30-10", contents.metadata().get("model"));
        assertEquals(4, contents.tensors().size());
    }
}
