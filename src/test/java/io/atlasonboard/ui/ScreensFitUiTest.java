package io.atlasonboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.Theme;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every screen of a sandbox onboarding: unlock, start page, the seven steps, the completion page, the providers window
 * with its Domains and Certificates panes, and the confirmation dialogs. Run in English and light at 1024×700 and
 * 1366×768, and in German and dark at 1024×700. Fails on any text the user cannot read in full ({@link TextFit}), any
 * focusable control without an accessible name, any text below 4.5:1 contrast, and (German) any English text on
 * screen ({@link UiChecks}); screenshots go to target/screens/.
 */
class ScreensFitUiTest {
    private static final String PASSPHRASE = "Tide-Lantern-Orbit-92-quiet";
    private static final String DOMAIN = "shop.sandbox-example.com";
    static final double[][] SIZES = {{1024, 700}, {1366, 768}};
    private static final Path SCREENS = Path.of("target", "screens");

    @TempDir
    Path tmp;

    private final UiTestSupport ui = new UiTestSupport();
    private final List<String> cut = new ArrayList<>();
    private final List<String> unnamed = new ArrayList<>();
    private final List<String> faint = new ArrayList<>();
    private final List<String> english = new ArrayList<>();
    private double[][] sizes = SIZES;
    private String run = "";

    @AfterEach
    void tearDown() throws Exception {
        ui.robot.interact(Theme::applyUserAgent);
        I18n.setLocale(Locale.ENGLISH);
        ui.close();
    }

    /** The checks of every screen, recorded by screen name. */
    private void check(String name, javafx.scene.Parent root) throws Exception {
        for (String c : ui.fx(() -> TextFit.cutTexts(root))) {
            cut.add(name + ": " + c);
        }
        for (String c : ui.fx(() -> UiChecks.unnamedControls(root))) {
            unnamed.add(name + ": " + c);
        }
        for (String c : ui.fx(() -> UiChecks.lowContrast(root))) {
            faint.add(name + ": " + c);
        }
        if (I18n.german()) {
            for (String c : ui.fx(() -> UiChecks.englishTexts(root))) {
                english.add(name + ": " + c);
            }
        }
    }

    private static String t(String key, Object... args) {
        return TextFit.withoutMnemonic(I18n.t(key, args));
    }

    private void set(String query, String text) {
        ui.robot.interact(() -> ui.node(query, TextInputControl.class).setText(text));
    }

    private void next() throws Exception {
        ui.waitFor("next enabled", () -> !ui.disabled("#next"));
        ui.click("#next");
    }

    /** Looks at the main window's current screen at both sizes. */
    private void look(String screen) throws Exception {
        look(ui.stage, screen);
    }

    private void look(Stage window, String screen) throws Exception {
        for (double[] size : sizes) {
            ui.robot.interact(() -> {
                window.setWidth(size[0]);
                window.setHeight(size[1]);
            });
            WaitForAsyncUtils.waitForFxEvents();
            String name = run + screen + "-" + (int) size[0] + "x" + (int) size[1];
            Png.shoot(ui.robot, window.getScene(), SCREENS, name);
            check(name, window.getScene().getRoot());
        }
        // back to a size inside Monocle's 1280×800 screen, where the robot can click everywhere
        ui.robot.interact(() -> {
            window.setWidth(1100);
            window.setHeight(760);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Looks at an open dialog (its own size; the main window at both sizes behind it). */
    private void lookAtDialog(String screen) throws Exception {
        Stage dialog = ui.fx(() -> Window.getWindows().stream()
                .filter(w -> w instanceof Stage s && s.isShowing() && s.getScene() != null
                        && s.getScene().lookup(".dialog-pane") != null)
                .map(w -> (Stage) w).findFirst().orElseThrow());
        Scene scene = dialog.getScene();
        Png.shoot(ui.robot, scene, SCREENS, run + screen);
        check(run + screen, scene.getRoot());
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"en, light", "de, dark"})
    void everyScreenReadsInFullNamedAndLegible(String language, String theme) throws Exception {
        I18n.setLocale(Locale.forLanguageTag(language));
        boolean dark = theme.equals("dark");
        sizes = I18n.german() ? new double[][] {SIZES[0]} : SIZES;
        run = language + "-" + theme + "-";
        ui.launch(tmp.resolve("home"));
        ui.robot.interact(() -> Theme.apply(dark));
        ui.waitFor("create mode", () -> ui.text("#unlockTitle").equals(t("ui.unlock.title.create")));
        look("00-unlock");
        set("#passphrase", PASSPHRASE);
        set("#confirmation", PASSPHRASE);
        ui.waitFor("create enabled", () -> !ui.disabled("#unlockButton"));
        ui.click("#unlockButton");
        ui.waitFor("start page", () -> ui.exists("#startView") && ui.exists("#trySandbox"));
        look("01-start");

        ui.click("#trySandbox");
        ui.waitFor("step 1", () -> ui.exists("#credentialsStep") && !ui.disabled("#sandboxCredentials"));
        ui.click("#sandboxCredentials");
        ui.waitFor("credentials filled", () -> !ui.text("#apiKey").isBlank() && ui.shown("#sandboxMessage1"));
        look("02-step1-credentials");
        next();

        ui.waitFor("step 2", () -> ui.exists("#csrStep"));
        ui.typeInto("#commonName", DOMAIN);
        ui.robot.type(KeyCode.TAB);
        ui.waitFor("cn as domain", () -> ui.fx(() -> ui.node("#domainList", ListView.class).getItems()
                .contains(DOMAIN)));
        set("#organization", "Sandbox Example AG");
        ui.click("#generate");
        ui.waitFor("csr generated", () -> ui.text("#csrPem").contains("BEGIN CERTIFICATE REQUEST"));
        look("03-step2-csr");
        ui.click("#downloadsComplete");
        next();

        ui.waitFor("step 3", () -> ui.exists("#certificateStep") && ui.exists("#sandboxIssue"));
        ui.click("#sandboxIssue");
        ui.waitFor("certificate accepted", () -> ui.shown("#certificateAccepted"));
        look("04-step3-certificate");
        next();

        ui.waitFor("step 4", () -> ui.exists("#keystoreStep"));
        set("#keystorePassword", "Keystore-Pass-4-Sandbox");
        setIfPresent("#keystoreConfirmation", "Keystore-Pass-4-Sandbox");
        ui.dialogs.answer(tmp.resolve("sandbox-client.p12"));
        ui.click("#saveKeystore");
        ui.waitFor("keystore written", () -> ui.shown("#keystoreSuccess"));
        look("05-step4-keystore");
        next();

        ui.waitFor("step 5", () -> ui.exists("#providerStep") && ui.exists("#saveProvider")
                && !ui.text("#apiUrl").isBlank());
        look("06-step5-provider");
        ui.click("#saveProvider");
        ui.waitFor("step 6 good", () -> ui.exists("#connectionStep")
                && t("ui.providers.status.headline.GOOD").equals(ui.text("#connectionHeadline")));
        look("07-step6-connection");
        next();

        ui.waitFor("step 7", () -> ui.exists("#dnsValidationView"));
        ui.waitFor("domain offered", () -> ui.fx(() -> ui.node("#offeredDomains", ListView.class).getItems()
                .contains(DOMAIN)));
        ui.robot.interact(() -> ui.node("#offeredDomains", ListView.class).getSelectionModel().select(DOMAIN));
        ui.click("#createClaims");
        ui.waitFor("TXT host", () -> (DOMAIN + ".").equals(ui.text("#txtHost")));
        ui.click("#publishSandbox");
        ui.waitFor("published", () -> ui.window.sandbox().current().simulator().sandboxZone().txt(DOMAIN)
                .contains(ui.text("#txtValue")));
        ui.click("#verifySelected");
        ui.waitFor("verified", () -> ui.text("#dnsMessage").contains(t("ui.dns.verify.count", 1, 1)));
        look("08-step7-dns");

        // ---- Finish: the completion page says what was created and what comes next
        ui.waitFor("saved", () -> ui.text("#saveStatus").equals(t("ui.wizard.sync.saved")));
        ui.click("#next");
        ui.waitFor("completion page", () -> ui.exists("#completionView")
                && ui.text("#completionStatus").equals(t("ui.wizard.completion.status.GOOD")));
        assertThat(ui.text("#completionProvider")).contains("SANDBOX");
        assertThat(ui.text("#completionKeystore")).endsWith("sandbox-client.p12");
        assertThat(ui.text("#completionDomains")).isEqualTo(DOMAIN);
        assertThat(ui.disabled("#completionIssue")).isFalse();
        look("09-completion");

        ui.click("#completionStart");
        ui.waitFor("start page lists it complete", () -> ui.exists("#openProviders") && ui.robot
                .lookup(".label").queryAll().stream().anyMatch(n -> n.getId() != null
                        && n.getId().startsWith("onboardingState-")
                        && ((javafx.scene.control.Label) n).getText()
                        .startsWith(t("ui.start.row.complete", "").split("\\s+·")[0])));
        look("10-start-with-complete-onboarding");
        ui.clickShown(t("ui.start.delete"));
        ui.waitFor("delete confirmation", () -> ui.fx(() -> Window.getWindows().stream().anyMatch(w ->
                w != ui.stage && w.isShowing())));
        lookAtDialog("11-dialog-delete-onboarding");
        ui.robot.type(KeyCode.ESCAPE);
        ui.waitFor("dialog closed", () -> ui.fx(() -> Window.getWindows().stream().noneMatch(w ->
                w != ui.stage && w.isShowing())));

        // ---- "Review", then Finish again, then "Issue a certificate…": the providers window on Certificates
        ui.clickShown(t("ui.start.review"));
        ui.waitFor("wizard on step 7", () -> ui.exists("#dnsValidationView"));
        ui.click("#next");
        ui.waitFor("completion page again", () -> ui.exists("#completionView") && !ui.disabled("#completionIssue"));
        ui.click("#completionIssue");
        ui.waitFor("providers window on certificates", () -> ui.exists("#providersTable")
                && ui.exists("#certificatesTable") && !ui.disabled("#issueCertificate"));
        @SuppressWarnings("unchecked")
        TableView<Object> table = ui.node("#providersTable", TableView.class);
        Stage providers = ui.fx(() -> (Stage) table.getScene().getWindow());
        set("#certCommonName", DOMAIN);
        set("#certNames", DOMAIN);
        ui.click("#issueCertificate");
        @SuppressWarnings("unchecked")
        TableView<Object> certs = ui.node("#certificatesTable", TableView.class);
        try {
            ui.waitFor("issued", () -> !certs.getItems().isEmpty());
        } catch (AssertionError e) {
            Png.shoot(ui.robot, providers.getScene(), "FAILED-issued-providers");
            throw new AssertionError(e.getMessage() + "; form: " + ui.text("#certFormError") + "; progress: "
                    + ui.text("#issueMessage") + "; list: " + ui.text("#certMessage"), e);
        }
        ui.robot.interact(() -> certs.getSelectionModel().select(0));
        look(providers, "12-providers-certificates");
        ui.click("#revokeCertificate");
        ui.waitFor("revoke confirmation", () -> ui.exists("#confirmDialog"));
        lookAtDialog("13-dialog-revoke");
        ui.click("#confirmOk");
        ui.waitFor("revoked", () -> ui.text("#certMessage").matches(java.util.regex.Pattern.quote(t("ui.certificates.revoked", "\u0001", "\u0001")).replace("\u0001", "\\E.+\\Q")));
        ui.waitFor("revoke disabled on the revoked certificate", () -> ui.disabled("#revokeCertificate")
                && ui.text("#revokeDisabledReason").equals(t("ui.certificates.revokeBlocked.REVOKED")));
        look(providers, "14-providers-certificates-revoked");

        ui.robot.interact(() -> table.getSelectionModel().select(0));
        ui.click("#providerRetest");
        ui.waitFor("retested", () -> t("ui.providers.status.headline.GOOD").equals(ui.text("#connectionHeadline"))
                && !ui.disabled("#providerRetest"));
        look(providers, "15-providers");
        ui.click("#providerAdd");
        ui.waitFor("new provider form", () -> ui.exists("#saveProvider"));
        look(providers, "16-providers-add");
        ui.robot.interact(() -> table.getSelectionModel().select(0));
        ui.click("#providerDomains");
        ui.waitFor("domains pane", () -> ui.exists("#claimsTable"));
        look(providers, "17-providers-domains");

        org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
        soft.assertThat(cut).as("texts cut at 1024×700 or 1366×768 (screenshots in target/screens)").isEmpty();
        soft.assertThat(unnamed).as("focusable controls without an accessible name").isEmpty();
        soft.assertThat(faint).as("texts below 4.5:1 contrast").isEmpty();
        soft.assertThat(english).as("English texts on German screens").isEmpty();
        soft.assertAll();
    }

    private void setIfPresent(String query, String text) {
        if (ui.exists(query)) {
            set(query, text);
        }
    }
}
