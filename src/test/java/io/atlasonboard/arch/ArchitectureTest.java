package io.atlasonboard.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** Core, CLI and simulator never touch JavaFX; only io.atlasonboard.ui may. */
class ArchitectureTest {
    // Import the compiled main classes directly: scanning the whole classpath took most of a minute.
    private static final JavaClasses classes = new ClassFileImporter()
            .importPath(java.nio.file.Path.of("target", "classes"));

    @Test
    void nothingOutsideUiDependsOnJavaFx() {
        noClasses().that().resideOutsideOfPackage("io.atlasonboard.ui..")
                .and().doNotHaveFullyQualifiedName("io.atlasonboard.Launcher")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..",
                        "org.kordamp.ikonli..")
                .check(classes);
    }

    @Test
    void coreDoesNotDependOnUiOrCli() {
        noClasses().that().resideInAPackage("io.atlasonboard.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.atlasonboard.ui..", "io.atlasonboard.cli..")
                .check(classes);
    }

    @Test
    void theRuleSeesClasses() {
        // guards against a rule that passes because the importer found nothing
        org.assertj.core.api.Assertions.assertThat(classes.containPackage("io.atlasonboard.core.tasks")).isTrue();
        org.assertj.core.api.Assertions.assertThat(classes.containPackage("io.atlasonboard.ui.shell")).isTrue();
    }
}
