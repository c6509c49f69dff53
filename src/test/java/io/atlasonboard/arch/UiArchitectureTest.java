package io.atlasonboard.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The UI house: features (every package under ui: start, unlock, wizard, providers, dns, certificates, sandbox,
 * settings, help, shell, and handoff, and any added later) do not use each other in a circle, ui.common (task
 * bridge, dialogs, view helpers) knows no feature, and view models never touch nodes or windows (views bind to their
 * properties). Each rule is also run against a deliberately bad fixture (io.atlasonboard.arch.fixture.ui) to show it
 * can fail.
 */
class UiArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter().importPath(Path.of("target", "classes"));
    private static final JavaClasses FIXTURE = new ClassFileImporter()
            .importPath(Path.of("target", "test-classes", "io", "atlasonboard", "arch", "fixture"));

    static ArchRule noCyclesBetweenFeatures(String uiPackage) {
        return slices().matching(uiPackage + ".(*)..").should().beFreeOfCycles();
    }

    static ArchRule commonImportsNoFeature(String uiPackage) {
        return noClasses().that().resideInAPackage(uiPackage + ".common..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "reside in a UI feature package",
                        (com.tngtech.archunit.core.domain.JavaClass c) -> c.getPackageName().startsWith(uiPackage + ".")
                                && !c.getPackageName().startsWith(uiPackage + ".common")));
    }

    static ArchRule viewModelsTouchNoNodes(String uiPackage) {
        return noClasses().that().resideInAPackage(uiPackage + "..").and().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .because("view models expose properties that views bind; they never build or touch nodes");
    }

    @Test
    void viewModelsTouchNoNodes() {
        viewModelsTouchNoNodes("io.atlasonboard.ui").check(MAIN);
    }

    @Test
    void noCyclesBetweenUiFeatures() {
        noCyclesBetweenFeatures("io.atlasonboard.ui").check(MAIN);
    }

    @Test
    void uiCommonImportsNoFeaturePackage() {
        commonImportsNoFeature("io.atlasonboard.ui").check(MAIN);
    }

    @Test
    void theRulesFailOnABadFixture() {
        assertThat(FIXTURE.containPackage("io.atlasonboard.arch.fixture.ui.alpha")).isTrue();
        EvaluationResult cycles = noCyclesBetweenFeatures("io.atlasonboard.arch.fixture.ui").evaluate(FIXTURE);
        assertThat(cycles.hasViolation()).isTrue();
        assertThat(cycles.getFailureReport().toString()).contains("alpha").contains("beta");
        EvaluationResult common = commonImportsNoFeature("io.atlasonboard.arch.fixture.ui").evaluate(FIXTURE);
        assertThat(common.hasViolation()).isTrue();
        assertThat(common.getFailureReport().toString()).contains("BadHelper").contains("AlphaView");
        EvaluationResult nodes = viewModelsTouchNoNodes("io.atlasonboard.arch.fixture.ui").evaluate(FIXTURE);
        assertThat(nodes.hasViolation()).isTrue();
        assertThat(nodes.getFailureReport().toString()).contains("AlphaViewModel").contains("javafx.scene.control.Label")
                .doesNotContain("AlphaView.beta", "BetaView");
    }

    @Test
    void theRulesSeeTheUi() {
        assertThat(MAIN.containPackage("io.atlasonboard.ui.common")).isTrue();
        assertThat(MAIN.containPackage("io.atlasonboard.ui.providers")).isTrue();
        for (String p : new String[] {"shell", "start", "unlock", "wizard", "wizard.steps", "providers", "dns",
            "certificates", "sandbox", "settings", "help", "handoff"}) {
            assertThat(MAIN.containPackage("io.atlasonboard.ui." + p)).as(p).isTrue();
        }
        assertThat(MAIN.stream().filter(c -> c.getSimpleName().endsWith("ViewModel")).count())
                .as("view models the node rule sees").isGreaterThanOrEqualTo(10);
    }
}
