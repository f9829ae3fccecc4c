package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plugins folder end to end, each run in a fresh JVM as a user runs the command: the GELU
 * example (built by the reactor) trains a network, and each kind of broken plugin, made here,
 * prints one warning naming its jar and why, while everything else keeps working.
 */
class PluginFolderTest {
    @TempDir
    Path tmp;

    private Path pluginsWithGelu() throws IOException {
        Path plugins = Files.createDirectory(tmp.resolve("plugins"));
        PluginJars.gelu(plugins);
        return plugins;
    }

    private static List<String> warnings(CliRun run) {
        return CliProcess.errLines(run).stream().filter(l -> l.startsWith("myelin: warning: plugin ")).toList();
    }

    @Test
    @Tag("dataset")
    void theGeluPluginTrainsANetworkBesideEveryKindOfBrokenPlugin() throws Exception {
        Path plugins = pluginsWithGelu();
        PluginJars.notAModule(plugins);
        PluginJars.providerThatThrows(plugins);
        PluginJars.missingDependency(plugins);
        PluginJars.duplicateName(plugins);
        CliRun run = CliProcess.run(tmp, "train", "--plugins", plugins.toString(), "--model",
                "linear(784,100) gelu linear(100,10)", "--epochs", "1", "--lr", "0.1");
        assertEquals(0, run.exit(), run.err());
        double accuracy = run.lastPercentAfter("test accuracy");
        assertTrue(accuracy > 90, "784-100-10 with the plugin's gelu after 1 epoch: " + accuracy + "%\n" + run.out());
        List<String> warnings = warnings(run);
        assertEquals(4, warnings.size(), "one warning per broken jar:\n" + run.err());
        for (String jar : List.of("plain.jar", "throwing.jar", "needy.jar", "duplicate.jar")) {
            assertEquals(1, warnings.stream().filter(w -> w.contains(jar)).count(), jar + " is named once:\n" + run.err());
        }
    }

    static Stream<Arguments> brokenPlugins() {
        return Stream.of(
                Arguments.of("not a module", (Maker) PluginJars::notAModule, "plain.jar: not a module (no module-info.class)"),
                Arguments.of("provider that throws", (Maker) PluginJars::providerThatThrows,
                        "throwing.jar: provider org.myelin.cli.fixtures.ThrowingOperator (Operator) failed: "
                                + "java.lang.IllegalStateException: this provider always fails; it was not loaded"),
                Arguments.of("missing dependency", (Maker) PluginJars::missingDependency,
                        "needy.jar: Module org.example.absent not found, required by org.example.needy"),
                Arguments.of("duplicate name", (Maker) PluginJars::duplicateName,
                        "duplicate.jar: operator 'relu' duplicates the one from org.myelin.autograd; org.myelin.autograd's is used"));
    }

    /** Makes one broken jar in a folder. */
    interface Maker {
        Path make(Path folder) throws IOException;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenPlugins")
    void aBrokenPluginPrintsOneWarningNamingItsJarAndTheRestStillLoads(String kind, Maker maker, String expected)
            throws Exception {
        Path plugins = pluginsWithGelu();
        maker.make(plugins);
        CliRun run = CliProcess.run(tmp, "doctor", "--plugins", plugins.toString());
        assertEquals(0, run.exit(), run.err());
        List<String> warnings = warnings(run);
        assertEquals(1, warnings.size(), kind + ": exactly one warning:\n" + run.err());
        assertTrue(warnings.get(0).contains(expected), kind + ": " + warnings.get(0));
        assertTrue(run.out().contains("gelu.jar: module org.myelin.example.gelu; operators gelu"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.trim().startsWith("gelu ")), "the gelu layer is listed:\n" + run.out());
    }

    @Test
    void doctorSaysWhichProviderWonEachDuplicatedName() throws Exception {
        Path plugins = Files.createDirectory(tmp.resolve("plugins"));
        PluginJars.duplicateName(plugins);
        PluginJars.preferredDuplicate(plugins);
        // --plugins is a global option: before the command's name works as well as after it.
        CliRun run = CliProcess.run(tmp, "--plugins", plugins.toString(), "doctor");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("operator 'relu': org.myelin.autograd (priority 0) wins over duplicate.jar "
                + "(org.example.duplicate) (priority 0)"), run.out());
        assertTrue(run.out().contains("operator 'relu': preferred.jar (org.example.preferred) (priority 5) wins over "
                + "org.myelin.autograd (priority 0)"), run.out());
        assertEquals(2, warnings(run).size(), run.err());
    }

    @Test
    void aSubFolderOfJarsLoadsAsOnePlugin() throws Exception {
        Path plugins = Files.createDirectory(tmp.resolve("plugins"));
        PluginJars.gelu(Files.createDirectory(plugins.resolve("gelu-pack")));
        CliRun run = CliProcess.run(tmp, "doctor", "--plugins", plugins.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("gelu-pack/: module org.myelin.example.gelu; operators gelu"), run.out());
        assertEquals(List.of(), warnings(run));
    }

    @Test
    void pluginCheckPassesTheGeluExample() throws Exception {
        Path jar = PluginJars.gelu(Files.createDirectory(tmp.resolve("jars")));
        CliRun run = CliProcess.run(tmp, "plugin", "check", jar.toString());
        assertEquals(0, run.exit(), run.out() + run.err());
        for (String check : List.of("PASS gelu: forward matches reference, float32 [2, 3, 4]", "PASS gelu: gradcheck",
                "PASS gelu: deterministic for a seed", "PASS gelu: same results from 4 threads at once", "PASS layer gelu")) {
            assertTrue(run.out().contains(check), check + "\n" + run.out());
        }
        assertTrue(run.out().contains("8 of 8 checks pass"), run.out());
    }

    @Test
    void pluginCheckRejectsAJarThatCannotLoadWithOneLineAndStatus2() throws Exception {
        Path jar = PluginJars.missingDependency(Files.createDirectory(tmp.resolve("jars")));
        CliRun run = CliProcess.run(tmp, "plugin", "check", jar.toString());
        assertEquals(2, run.exit(), run.out() + run.err());
        assertEquals(List.of("myelin: plugin needy.jar: Module org.example.absent not found, required by org.example.needy"),
                CliProcess.errLines(run));
    }

    @Test
    void aPluginsFolderThatDoesNotExistIsAUserError() throws Exception {
        CliRun run = CliRun.of("train", "--plugins", tmp.resolve("nowhere").toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().startsWith("myelin: --plugins ") && run.err().contains("is not a folder"), run.err());
    }

    @Test
    void aProviderWhoseNameThrowsAnErrorIsOneWarningInDoctorAndOneLineInPluginCheck() throws Exception {
        Path plugins = pluginsWithGelu();
        PluginJars.nameThrowsError(plugins);
        CliRun doctor = CliProcess.run(tmp, "doctor", "--plugins", plugins.toString());
        assertEquals(0, doctor.exit(), doctor.err());
        assertEquals(List.of("myelin: warning: plugin erroring.jar: provider org.myelin.cli.fixtures.NameThrowsError "
                + "(Operator) failed: java.lang.AssertionError: name() is broken in this provider; it was not loaded"),
                warnings(doctor));
        assertTrue(doctor.out().contains("gelu.jar: module org.myelin.example.gelu; operators gelu"), doctor.out());

        CliRun check = CliProcess.run(tmp, "plugin", "check", plugins.resolve("erroring.jar").toString());
        assertEquals(2, check.exit(), check.out() + check.err());
        assertEquals(List.of("myelin: plugin erroring.jar: provider org.myelin.cli.fixtures.NameThrowsError (Operator) "
                + "failed: java.lang.AssertionError: name() is broken in this provider"), CliProcess.errLines(check));
    }

    @Test
    @Tag("dataset")
    void trainingGoesOnBesideAProviderWhoseNameThrowsAnError() throws Exception {
        Path plugins = pluginsWithGelu();
        PluginJars.nameThrowsError(plugins);
        CliRun run = CliProcess.run(tmp, "train", "--plugins", plugins.toString(), "--model",
                "linear(784,30) gelu linear(30,10)", "--epochs", "1", "--lr", "0.1");
        assertEquals(0, run.exit(), run.err());
        assertEquals(1, warnings(run).size(), run.err());
        assertTrue(run.lastPercentAfter("test accuracy") > 85, run.out());
    }

    @Test
    void anOperatorThatTakesABuiltInsNameWithoutDeclaringItIsNotUsed() throws Exception {
        Path plugins = Files.createDirectory(tmp.resolve("plugins"));
        PluginJars.zeroSigmoid(plugins);
        CliRun doctor = CliProcess.run(tmp, "doctor", "--plugins", plugins.toString());
        assertEquals(List.of("myelin: warning: plugin zero.jar: operator 'sigmoid' has a higher priority than the one "
                + "from org.myelin.autograd but does not declare Operator.replaces(), so org.myelin.autograd's is used"),
                warnings(doctor));
        assertTrue(doctor.out().contains("operator 'sigmoid': org.myelin.autograd (priority 0) wins over zero.jar "
                + "(org.example.zero) (priority 10)"), doctor.out());

        CliRun check = CliProcess.run(tmp, "plugin", "check", plugins.resolve("zero.jar").toString());
        assertEquals(1, check.exit(), check.out() + check.err());
        assertTrue(check.out().contains("it does not declare Operator.replaces(), so the installed one stays in use"),
                check.out());
        assertTrue(check.out().contains("FAIL sigmoid: matches the operator it replaces, float64 [7]"), check.out());
    }

    @Test
    void aDeclaredReplacementShowsInDoctorAndPluginCheckHoldsItToTheBuiltInsCases() throws Exception {
        Path plugins = Files.createDirectory(tmp.resolve("plugins"));
        Path jar = PluginJars.declaredZeroSigmoid(plugins);
        CliRun doctor = CliProcess.run(tmp, "doctor", "--plugins", plugins.toString());
        assertEquals(0, doctor.exit(), doctor.err());
        assertTrue(doctor.out().contains("operator 'sigmoid': replacing.jar (org.example.replacing) (priority 10) wins "
                + "over org.myelin.autograd (priority 0), which it replaces (it declares Operator.replaces())"), doctor.out());
        assertEquals(List.of("myelin: warning: plugin replacing.jar: operator 'sigmoid' replaces the one from "
                + "org.myelin.autograd, as it declares Operator.replaces() (priority 10 vs 0)"), warnings(doctor));

        CliRun check = CliProcess.run(tmp, "plugin", "check", jar.toString());
        assertEquals(1, check.exit(), check.out() + check.err());
        assertTrue(check.out().contains("FAIL sigmoid: matches the operator it replaces, float64 [3, 5]: sigmoid output "
                + "against the replaced operator: element 0 is -0.0"), check.out());
        assertTrue(check.out().contains("7 of 10 checks pass, 3 fail"), check.out());
    }
}
