package io.atlasonboard.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The house rules of the core: no cycles between the top-level slices ({@code cli}, {@code core}, {@code sim},
 * {@code ui}) nor between the use cases of the core; {@code core.atlas} (the wire client) does not use the store; the
 * core does not use the simulator; only {@code ui} uses JavaFX, AtlantaFX, Ikonli or ControlsFX. Each rule is written
 * for a root package, checked on the product's classes, and shown to fail on the deliberately violating classes under
 * {@code io.atlasonboard.arch.fixtures} (which mirror the product's layout).
 */
class ArchitectureTest {
    static final String ROOT = "io.atlasonboard";
    static final String FIXTURES = "io.atlasonboard.arch.fixtures";

    // Import the compiled main classes directly: scanning the whole classpath took most of a minute.
    private static final JavaClasses classes = new ClassFileImporter()
            .importPath(Path.of("target", "classes"));
    private static final JavaClasses fixtures = new ClassFileImporter()
            .importPath(Path.of("target", "test-classes", "io", "atlasonboard", "arch", "fixtures"));

    // ------------------------------------------------------------------ the rules, for a root package

    static ArchRule noCyclesBetweenTopLevelSlices(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    static ArchRule noCyclesBetweenCoreUseCases(String root) {
        return slices().matching(root + ".core.(*)..").should().beFreeOfCycles();
    }

    static ArchRule wireClientDoesNotUseTheStore(String root) {
        return noClasses().that().resideInAPackage(root + ".core.atlas..")
                .should().dependOnClassesThat().resideInAPackage(root + ".core.store..");
    }

    static ArchRule coreDoesNotUseTheSimulator(String root) {
        return noClasses().that().resideInAPackage(root + ".core..")
                .should().dependOnClassesThat().resideInAPackage(root + ".sim..");
    }

    static ArchRule onlyUiUsesJavaFx(String root) {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(root + ".ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..",
                        "org.kordamp.ikonli..");
    }

    static ArchRule coreDoesNotUseUiOrCli(String root) {
        return noClasses().that().resideInAPackage(root + ".core..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".ui..", root + ".cli..");
    }

    // ------------------------------------------------------------------ the product keeps them

    @Test
    void noCyclesBetweenTopLevelSlices() {
        noCyclesBetweenTopLevelSlices(ROOT).check(classes);
    }

    @Test
    void noCyclesBetweenCoreUseCases() {
        noCyclesBetweenCoreUseCases(ROOT).check(classes);
    }

    @Test
    void wireClientDoesNotUseTheStore() {
        wireClientDoesNotUseTheStore(ROOT).check(classes);
    }

    @Test
    void coreDoesNotUseTheSimulator() {
        coreDoesNotUseTheSimulator(ROOT).check(classes);
    }

    @Test
    void nothingOutsideUiDependsOnJavaFx() {
        onlyUiUsesJavaFx(ROOT).check(classes);
    }

    @Test
    void coreDoesNotDependOnUiOrCli() {
        coreDoesNotUseUiOrCli(ROOT).check(classes);
    }

    @Test
    void theRulesSeeClasses() {
        // guards against a rule that passes because the importer found nothing
        for (String p : new String[] {"core.tasks", "core.atlas", "core.store", "core.providers", "core.claims",
            "core.issuance", "core.handoff", "core.onboarding", "core.dns", "core.pki", "sim", "cli", "ui.shell",
            "ui.settings", "ui.help"}) {
            assertThat(classes.containPackage(ROOT + "." + p)).as(p).isTrue();
        }
        assertThat(fixtures.containPackage(FIXTURES + ".core.atlas")).isTrue();
    }

    // ------------------------------------------------------------------ each rule can fail

    @Test
    void aCycleBetweenTopLevelSlicesIsCaught() {
        assertThatThrownBy(() -> noCyclesBetweenTopLevelSlices(FIXTURES).check(fixtures))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Cycle detected")
                .hasMessageContaining(FIXTURES + ".cli.CliUsesUi").hasMessageContaining(FIXTURES + ".ui.UiUsesCli");
    }

    @Test
    void aCycleBetweenCoreUseCasesIsCaught() {
        assertThatThrownBy(() -> noCyclesBetweenCoreUseCases(FIXTURES).check(fixtures))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Cycle detected")
                .hasMessageContaining(FIXTURES + ".core.claims.ClaimsUseIssuance")
                .hasMessageContaining(FIXTURES + ".core.issuance.IssuanceUsesClaims");
    }

    @Test
    void theWireClientUsingTheStoreIsCaught() {
        assertThatThrownBy(() -> wireClientDoesNotUseTheStore(FIXTURES).check(fixtures))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(FIXTURES + ".core.atlas.WireClientUsesStore")
                .hasMessageContaining(FIXTURES + ".core.store.Repository");
    }

    @Test
    void theCoreUsingTheSimulatorIsCaught() {
        assertThatThrownBy(() -> coreDoesNotUseTheSimulator(FIXTURES).check(fixtures))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(FIXTURES + ".core.providers.CoreUsesSimulator")
                .hasMessageContaining(FIXTURES + ".sim.Simulator");
    }

    @Test
    void javaFxOutsideUiIsCaught() {
        assertThatThrownBy(() -> onlyUiUsesJavaFx(FIXTURES).check(fixtures))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(FIXTURES + ".core.tasks.CoreUsesJavaFx")
                .hasMessageContaining("javafx.beans.property.SimpleStringProperty")
                .hasMessageNotContaining(FIXTURES + ".ui.UiUsesJavaFx");
    }

    @Test
    void coreUsingUiIsCaught() {
        assertThatThrownBy(() -> coreDoesNotUseUiOrCli(FIXTURES).check(fixtures))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(FIXTURES + ".core.tasks.CoreUsesUi");
    }
}
