package io.atlasonboard.ui.providers;

import io.atlasonboard.ui.common.UiJobs;
import io.atlasonboard.ui.common.FileOpener;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import atlantafx.base.theme.PrimerLight;
import io.atlasonboard.core.providers.Presets;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.core.tasks.TaskService;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The administrator's presets file pre-fills (and may lock) the provider form; a malformed one is reported. */
@ExtendWith(ApplicationExtension.class)
class ProviderFormPresetsUiTest {
    @TempDir
    static Path dir;
    static Store store;
    static TaskService tasks;

    private Stage stage;

    @BeforeAll
    static void setUp() {
        store = Store.create(dir.resolve("data"), "qv7#Lm2!zR9wXp4@Tk8s".toCharArray());
        tasks = new TaskService(2);
    }

    @AfterAll
    static void tearDown() {
        tasks.close();
        store.close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        stage.setScene(new Scene(new Label("loading"), 1100, 800));
        stage.show();
    }

    private ProviderFormView show(FxRobot robot, Path presetsFile) {
        Presets presets = Presets.read(presetsFile);
        ProviderFormViewModel vm = new ProviderFormViewModel(store, UiJobs.of(tasks, Platform::runLater),
                new FileOpener() {
                    @Override
                    public Optional<Path> open(String title, List<String> patterns) {
                        return Optional.empty();
                    }

                    @Override
                    public Optional<Path> save(String title, String suggestedName, List<String> patterns) {
                        return Optional.empty();
                    }
                }, presets);
        ProviderFormView[] view = new ProviderFormView[1];
        robot.interact(() -> {
            view[0] = new ProviderFormView(vm);
            stage.getScene().setRoot(view[0]);
        });
        return view[0];
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(javafx.scene.control.Labeled.class) != null
                ? robot.lookup(id).queryAs(javafx.scene.control.Labeled.class).getText() : null;
    }

    @Test
    void presetUrlAndProxyPrefillTheFormAndTheLockedUrlCannotBeEdited(FxRobot robot) throws Exception {
        Path f = Files.writeString(dir.resolve("presets.properties"), """
                api.url=https://hvca.internal.example:9443
                proxy.host=proxy.internal.example
                proxy.port=3128
                intended.use=SMIME
                lock.api.url=true
                """);
        ProviderFormView view = show(robot, f);
        TextField url = robot.lookup("#apiUrl").queryAs(TextField.class);
        assertThat(url.getText()).isEqualTo("https://hvca.internal.example:9443/v2");
        assertThat(url.isEditable()).isFalse();
        assertThat(text(robot, "#apiUrlPresetNote")).isEqualTo("From your administrator's presets (" + f
                + "); locked by your administrator.");
        assertThat(robot.lookup("#apiUrlPresetNote").query().isVisible()).isTrue();
        assertThat(robot.lookup("#presetsProblem").query().isVisible()).isFalse();
        @SuppressWarnings("unchecked")
        ChoiceBox<IntendedUse> use = robot.lookup("#intendedUse").queryAs(ChoiceBox.class);
        assertThat(use.getValue()).isEqualTo(IntendedUse.SMIME);
        // the proxy is pre-filled, so the optional section opens by itself
        assertThat(robot.lookup("#advancedSettings").queryAs(TitledPane.class).isExpanded()).isTrue();
        assertThat(robot.lookup("#proxyHost").queryAs(TextField.class).getText()).isEqualTo("proxy.internal.example");
        assertThat(robot.lookup("#proxyPort").queryAs(TextField.class).getText()).isEqualTo("3128");
        assertThat(text(robot, "#proxyPresetNote")).isEqualTo("From your administrator's presets (" + f + ").");

        // typing into the locked field changes nothing
        robot.clickOn("#apiUrl").push(KeyCode.CONTROL, KeyCode.A).write("https://other.example/");
        assertThat(url.getText()).isEqualTo("https://hvca.internal.example:9443/v2");

        // the user changes the proxy port: the hint no longer claims it is the administrator's value
        // focus by code: the section's expand animation can still be moving the field under a click
        TextField port = robot.lookup("#proxyPort").queryAs(TextField.class);
        robot.interact(() -> {
            port.requestFocus();
            port.selectAll();
        });
        robot.write("8080");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "8080".equals(port.getText())
                && !robot.lookup("#proxyPresetNote").query().isVisible());

        // saved as shown: the stored provider has the preset URL and the proxy
        robot.interact(() -> view.viewModel().prefill("preset-key", "preset-secret".toCharArray(),
                new byte[] {1, 2, 3}, "id.p12", "pw".toCharArray()));
        robot.clickOn("#providerName").push(KeyCode.CONTROL, KeyCode.A).write("Preset provider");
        robot.clickOn("#saveProvider");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> store.providers().findByName("Preset provider")
                .isPresent());
        ProviderRecord saved = store.providers().findByName("Preset provider").orElseThrow();
        assertThat(saved.apiUrl()).isEqualTo("https://hvca.internal.example:9443/v2");
        assertThat(saved.proxyHost()).isEqualTo("proxy.internal.example");
        assertThat(saved.proxyPort()).isEqualTo(8080);
        assertThat(saved.intendedUse()).isEqualTo(IntendedUse.SMIME);
    }

    @Test
    void unlockedPresetUrlCanBeChangedAndThenLosesItsHint(FxRobot robot) throws Exception {
        Path f = Files.writeString(dir.resolve("open.properties"), "api.url=https://hvca.internal.example/v2\n");
        show(robot, f);
        TextField url = robot.lookup("#apiUrl").queryAs(TextField.class);
        assertThat(url.isEditable()).isTrue();
        assertThat(text(robot, "#apiUrlPresetNote")).isEqualTo("From your administrator's presets (" + f + ").");
        robot.clickOn("#apiUrl").push(KeyCode.CONTROL, KeyCode.A).write("https://emea.api.hvca.globalsign.com/v2");
        assertThat(url.getText()).isEqualTo("https://emea.api.hvca.globalsign.com/v2");
        assertThat(robot.lookup("#apiUrlPresetNote").query().isVisible()).isFalse();
        assertThat(robot.lookup("#proxyHost").queryAs(TextField.class).getText()).isEmpty();
    }

    @Test
    void malformedPresetsAreReportedAndTheBuiltInDefaultsApply(FxRobot robot) throws Exception {
        Path f = Files.writeString(dir.resolve("broken.properties"),
                "api.url=https://hvca.internal.example/v2\nproxy.host proxy.internal.example\n");
        show(robot, f);
        assertThat(robot.lookup("#presetsProblem").query().isVisible()).isTrue();
        assertThat(text(robot, "#presetsProblem")).isEqualTo("The administrator's presets in " + f
                + " are ignored, built-in defaults apply: line 2 is not a setting: expected key=value, for example "
                + "api.url=https://emea.api.hvca.globalsign.com:8443/v2.");
        TextField url = robot.lookup("#apiUrl").queryAs(TextField.class);
        assertThat(url.getText()).isEqualTo(ProviderRecord.DEFAULT_API_URL);
        assertThat(url.isEditable()).isTrue();
        assertThat(robot.lookup("#apiUrlPresetNote").query().isVisible()).isFalse();
    }
}
