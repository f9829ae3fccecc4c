package org.myelin.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of DESIGN.md, class by class: each module depends only on what its row allows, and
 * nothing but tests reaches into the engine or a kernel pack, so both stay swappable plugins.
 */
class LayeringTest {
    static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.myelin");
        assertTrue(production.size() > 100, "the import found the project's classes: " + production.size());
    }

    static ArchRule onlyDependsOn(String module, String... allowed) {
        String[] packages = new String[allowed.length + 2];
        packages[0] = "java..";
        packages[1] = module;
        System.arraycopy(allowed, 0, packages, 2, allowed.length);
        return classes().that().resideInAPackage(module).should().onlyDependOnClassesThat().resideInAnyPackage(packages)
                .allowEmptyShould(false);
    }

    static final ArchRule NOTHING_ELSE_USES_THE_ENGINE = noClasses()
            .that().resideOutsideOfPackage("org.myelin.autograd..")
            .should().dependOnClassesThat().resideInAPackage("org.myelin.autograd..")
            .because("the engine is found at run time with ServiceLoader, never compiled against");

    static final ArchRule NOTHING_ELSE_USES_A_KERNEL_PACK = noClasses()
            .that().resideOutsideOfPackage("org.myelin.ops..")
            .should().dependOnClassesThat().resideInAPackage("org.myelin.ops..")
            .because("kernel packs are plugins, swapped at run time");

    @Test
    void apiDependsOnJavaBaseOnly() {
        onlyDependsOn("org.myelin.api..").check(production);
    }

    @Test
    void nothingButTestsRequiresTheEngine() {
        NOTHING_ELSE_USES_THE_ENGINE.check(production);
    }

    @Test
    void nothingButTestsRequiresAKernelPack() {
        NOTHING_ELSE_USES_A_KERNEL_PACK.check(production);
    }

    /** Every package, {@code api} and {@code api.spi} included: a user's operator imports no spi, and spi builds on api. */
    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("org.myelin.(**)").should().beFreeOfCycles().check(production);
    }

    @Test
    void theUserFacingApiDoesNotDependOnTheProviderInterfaces() {
        noClasses().that().resideInAPackage("org.myelin.api").should().dependOnClassesThat()
                .resideInAPackage("org.myelin.api.spi").check(production);
    }

    @Test
    void referencePackDependsOnApiOnly() {
        onlyDependsOn("org.myelin.ops.cpu.reference..", "org.myelin.api..").check(production);
    }

    @Test
    void engineDependsOnApiOnly() {
        onlyDependsOn("org.myelin.autograd..", "org.myelin.api..").check(production);
    }

    @Test
    void cpuKernelPackDependsOnApiAndTheVectorApiOnly() {
        onlyDependsOn("org.myelin.ops.cpu.simd..", "org.myelin.api..", "jdk.incubator.vector..").check(production);
    }

    @Test
    void gpuKernelPackDependsOnApiAndJCudaOnly() {
        onlyDependsOn("org.myelin.ops.gpu.jcuda..", "org.myelin.api..", "jcuda..").check(production);
    }

    @Test
    void nnDependsOnApiOnly() {
        onlyDependsOn("org.myelin.nn..", "org.myelin.api..").check(production);
    }

    @Test
    void optimDependsOnApiOnly() {
        onlyDependsOn("org.myelin.optim..", "org.myelin.api..").check(production);
    }

    @Test
    void dataDependsOnApiOnly() {
        onlyDependsOn("org.myelin.data..", "org.myelin.api..").check(production);
    }

    /** The one training loop sits on the public modules and nothing else. */
    @Test
    void trainDependsOnApiNnOptimAndDataOnly() {
        onlyDependsOn("org.myelin.train..", "org.myelin.api..", "org.myelin.nn..", "org.myelin.optim..", "org.myelin.data..")
                .check(production);
    }

    /** Data parallelism is JDK only: its sockets and threads are java.nio's, never a library's. */
    @Test
    void distributedDependsOnApiNnAndDataOnly() {
        onlyDependsOn("org.myelin.distributed", "org.myelin.api..", "org.myelin.nn..", "org.myelin.data..").check(production);
    }

    @Test
    void testkitDependsOnApiOnly() {
        onlyDependsOn("org.myelin.testkit..", "org.myelin.api..").check(production);
    }

    @Test
    void cliDependsOnTheMyelinModulesPicocliTheProgressBarAndImageIoOnly() {
        onlyDependsOn("org.myelin.cli..", "org.myelin.api..", "org.myelin.nn..", "org.myelin.optim..",
                "org.myelin.data..", "org.myelin.train..", "org.myelin.distributed..", "org.myelin.testkit..",
                "org.myelin.experiments..", "picocli..", "me.tongfei.progressbar..", "javax.imageio..")
                .check(production);
    }

    /** Spark's runner sits on distributed and train, and on Spark, Scala's runtime and Hadoop's file system only. */
    @Test
    void sparkRunnerDependsOnTheMyelinModulesSparkAndPicocliOnly() {
        onlyDependsOn("org.myelin.distributed.spark..", "org.myelin.distributed..", "org.myelin.api..", "org.myelin.nn..",
                "org.myelin.optim..", "org.myelin.data..", "org.myelin.train..", "org.apache.spark..", "scala..",
                "org.apache.hadoop.fs..", "picocli..").check(production);
    }

    /** The experiments train through the public modules and draw with XChart; javax.imageio writes their PNGs. */
    @Test
    void experimentsDependOnTheMyelinModulesXChartAndTheJdkOnly() {
        onlyDependsOn("org.myelin.experiments..", "org.myelin.api..", "org.myelin.nn..", "org.myelin.optim..",
                "org.myelin.data..", "org.myelin.train..", "org.knowm.xchart..", "javax.imageio..").check(production);
    }

    /** A third-party plugin needs nothing but the stable contract. */
    @Test
    void theExampleOperatorPluginDependsOnApiOnly() {
        onlyDependsOn("org.myelin.example.gelu..", "org.myelin.api..").check(production);
    }

    /** The rules are not vacuous: a class that breaks one is caught. */
    @Test
    void theRulesCatchAViolation() {
        JavaClasses offender = new ClassFileImporter().importClasses(org.myelin.architecture.fixture.NnLayerThatReachesIntoTheEngine.class,
                org.myelin.api.Tensor.class);
        assertTrue(NOTHING_ELSE_USES_THE_ENGINE.evaluate(offender).hasViolation());
        assertTrue(NOTHING_ELSE_USES_A_KERNEL_PACK.evaluate(offender).hasViolation());
    }
}
