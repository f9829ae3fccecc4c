package org.myelin.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two promises of the module system, checked class by class: no Myelin module reaches into another
 * one's packages that it does not export (to it), and the examples depend on what a user has: the
 * operator plugin on {@code org.myelin.api} only, the others on {@code api}, {@code nn} and
 * {@code optim} only.
 */
class EncapsulationTest {
    static JavaClasses production;
    /** Each Myelin package, with the descriptor of the module that holds it. */
    static final Map<String, ModuleDescriptor> OWNER = new HashMap<>();

    @BeforeAll
    static void readModules() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.myelin");
        // The tests run on the class path; its Myelin entries are the modules' jars or classes folders.
        Path[] myelin = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.contains("myelin")).map(Path::of).filter(Files::exists).toArray(Path[]::new);
        for (ModuleReference ref : ModuleFinder.of(myelin).findAll()) {
            ModuleDescriptor d = ref.descriptor();
            if (d.name().startsWith("org.myelin.") && !d.isAutomatic()) {
                d.packages().forEach(p -> OWNER.put(p, d));
            }
        }
        assertTrue(OWNER.size() > 10, "found the modules' packages: " + OWNER.keySet());
    }

    static boolean exportedTo(ModuleDescriptor owner, String pkg, String reader) {
        return owner.exports().stream().anyMatch(e -> e.source().equals(pkg)
                && (!e.isQualified() || (reader != null && e.targets().contains(reader))));
    }

    static final ArchCondition<JavaClass> REACH_ONLY_EXPORTED_PACKAGES =
            new ArchCondition<>("reach other modules only through their exported packages") {
                @Override
                public void check(JavaClass item, ConditionEvents events) {
                    ModuleDescriptor from = OWNER.get(item.getPackageName());
                    for (Dependency d : item.getDirectDependenciesFromSelf()) {
                        String pkg = d.getTargetClass().getPackageName();
                        ModuleDescriptor to = OWNER.get(pkg);
                        if (to == null || to == from) {
                            continue;
                        }
                        if (!exportedTo(to, pkg, from == null ? null : from.name())) {
                            events.add(SimpleConditionEvent.violated(d, d.getDescription() + ": package " + pkg + " of "
                                    + to.name() + " is not exported"));
                        }
                    }
                }
            };

    static final ArchRule NO_REACHING_IN = classes().that().resideInAPackage("org.myelin..")
            .should(REACH_ONLY_EXPORTED_PACKAGES);

    @Test
    void noModuleReachesIntoAnothersNonExportedPackages() {
        NO_REACHING_IN.check(production);
    }

    @Test
    void theRuleCatchesAClassThatReachesIn() {
        JavaClasses offender = new ClassFileImporter().importClasses(
                org.myelin.architecture.fixture.NnLayerThatReachesIntoTheEngine.class);
        assertTrue(NO_REACHING_IN.evaluate(offender).hasViolation());
        assertFalse(exportedTo(OWNER.get("org.myelin.autograd"), "org.myelin.autograd", "org.myelin.nn"));
    }

    private static final Pattern REQUIRES = Pattern.compile("\\brequires\\s+(?:transitive\\s+|static\\s+)*([\\w.]+)\\s*;");

    /** The examples' own module-info sources: javac holds their code to these requires. */
    static Set<String> requiresOf(Path moduleInfo) throws IOException {
        String text = Files.readString(moduleInfo).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
        Set<String> names = new TreeSet<>();
        Matcher m = REQUIRES.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void examplesRequireOnlyThePublicModulesAndAPluginOnlyApi() throws IOException {
        Path examples = Path.of("..", "examples");
        List<Path> infos;
        try (Stream<Path> s = Files.walk(examples)) {
            infos = s.filter(p -> p.endsWith(Path.of("src", "main", "java", "module-info.java"))).sorted().toList();
        }
        assertTrue(infos.size() >= 2, "found the examples: " + infos);
        for (Path info : infos) {
            boolean plugin = info.toString().contains("plugin-");
            Set<String> allowed = plugin ? Set.of("org.myelin.api") : Set.of("org.myelin.api", "org.myelin.nn", "org.myelin.optim",
                    "org.myelin.data", "org.myelin.train");
            Set<String> extra = new TreeSet<>(requiresOf(info));
            extra.removeAll(allowed);
            assertEquals(Set.of(), extra, info + " requires more than " + allowed);
        }
    }
}
