package io.atlasonboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.core.onboarding.OnboardingSummary;
import io.atlasonboard.core.store.ConnectionStatus;
import io.atlasonboard.core.store.ProviderRecord;
import java.nio.file.Path;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole wizard from an empty store through the in-process sandbox: credentials and the mTLS certificate from the
 * sandbox "portal", a real RSA key and CSR, a real PKCS#12, the provider tested over real mTLS against the simulator
 * (Bad with a wrong secret, fixed through Back, then Good), the DNS step's TXT record, the providers window with the
 * provider Good, and a restart that resumes the sandbox onboarding with the kept sandbox (same port and
 * credentials) and tests Good again without redoing a step.
 */
class SandboxWalkUiTest {
    private static final String PASSPHRASE = "Tide-Lantern-Orbit-92-quiet";
    private static final String DOMAIN = "shop.sandbox-example.com";

    @TempDir
    Path tmp;

    private final UiTestSupport ui = new UiTestSupport();

    @AfterEach
    void tearDown() throws Exception {
        ui.close();
    }

    private void set(String query, String text) {
        ui.robot.interact(() -> ui.node(query, TextInputControl.class).setText(text));
    }

    private void next() throws Exception {
        ui.waitFor("next enabled", () -> !ui.disabled("#next"));
        ui.click("#next");
    }

    @Test
    void walksTheWholeWizardInTheSandboxToGoodAndDns() throws Exception {
        Path home = tmp.resolve("home");
        ui.launch(home);
        ui.waitFor("create mode", () -> ui.text("#unlockTitle").equals("Choose a master passphrase"));
        set("#passphrase", PASSPHRASE);
        set("#confirmation", PASSPHRASE);
        ui.waitFor("create enabled", () -> !ui.disabled("#unlockButton"));
        ui.click("#unlockButton");
        ui.waitFor("start page", () -> ui.exists("#startView") && ui.exists("#trySandbox"));
        assertThat(ui.text("#trySandbox").replace("_", "")).contains("sandbox").contains("no GlobalSign account needed");
        assertThat(ui.text("#openProviders").replace("_", "")).contains("Certificate providers");
        assertThat(ui.window.sandbox().current()).as("the sandbox only starts when chosen").isNull();
        ui.shot("sandbox-00-start-page");

        // ---- start the sandbox: a sandbox onboarding opens on step 1
        ui.click("#trySandbox");
        ui.waitFor("step 1", () -> ui.exists("#credentialsStep") && !ui.disabled("#sandboxCredentials"));
        assertThat(ui.text("#onboardingLabel")).contains("SANDBOX");
        ui.click("#sandboxCredentials");
        ui.waitFor("credentials filled", () -> !ui.text("#apiKey").isBlank() && ui.shown("#sandboxMessage1"));
        String apiKey = ui.text("#apiKey");
        String apiSecret = ui.text("#apiSecret");
        assertThat(ui.window.sandbox().knows(apiKey)).isTrue();
        next();

        // ---- step 2: a real RSA-2048 key and CSR
        ui.waitFor("step 2", () -> ui.exists("#csrStep"));
        ui.typeInto("#commonName", DOMAIN);
        ui.robot.type(KeyCode.TAB);
        ui.waitFor("cn as domain", () -> ui.fx(() -> ui.node("#domainList", ListView.class).getItems()
                .contains(DOMAIN)));
        set("#organization", "Sandbox Example AG");
        ui.click("#generate");
        ui.waitFor("csr generated", () -> ui.text("#csrPem").contains("BEGIN CERTIFICATE REQUEST"));
        ui.click("#downloadsComplete");
        next();

        // ---- step 3: the sandbox issues the mTLS certificate for the CSR, bound to the API key
        ui.waitFor("step 3", () -> ui.exists("#certificateStep") && ui.exists("#sandboxIssue"));
        ui.click("#sandboxIssue");
        ui.waitFor("certificate accepted", () -> ui.shown("#certificateAccepted")
                && !ui.text("#certificateAccepted").isEmpty());
        assertThat(ui.text("#summarySubject")).contains(DOMAIN);
        next();

        // ---- step 4: a real PKCS#12
        ui.waitFor("step 4", () -> ui.exists("#keystoreStep"));
        set("#keystorePassword", "Keystore-Pass-4-Sandbox");
        set("#keystoreConfirmation", "Keystore-Pass-4-Sandbox");
        ui.dialogs.answer(tmp.resolve("sandbox-client.p12"));
        ui.click("#saveKeystore");
        ui.waitFor("keystore written", () -> ui.shown("#keystoreSuccess"));
        next();

        // ---- step 5: the provider form prefilled from steps 1-4 and the sandbox
        ui.waitFor("step 5", () -> ui.exists("#providerStep") && ui.exists("#saveProvider"));
        assertThat(ui.fx(() -> ui.node("#stepHeader", io.atlasonboard.ui.wizard.StepHeader.class).isCurrent(4)))
                .isTrue();
        assertThat(ui.text("#apiUrl")).isEqualTo(ui.window.sandbox().current().baseUrl());
        assertThat(ui.text("#apiKey")).isEqualTo(apiKey);
        assertThat(ui.text("#apiSecret").equals(apiSecret)).as("secret prefilled from step 1").isTrue();
        assertThat(ui.text("#trustPem")).contains("BEGIN CERTIFICATE");
        assertThat(ui.text("#keystoreDescription")).contains("sandbox-client.p12");
        assertThat(ui.shown("#sandboxBadge")).isTrue();
        ui.shot("sandbox-05-provider");

        // a wrong secret: Bad with the failing step and the reason
        set("#apiSecret", "not-the-secret-at-all");
        ui.click("#saveProvider");
        ui.waitFor("step 6 bad", () -> ui.exists("#connectionStep")
                && "Connection Status: Bad".equals(ui.text("#connectionHeadline")));
        assertThat(ui.text("#connectionFailedStep")).isEqualTo("Failed step: Login");
        assertThat(ui.text("#connectionDiagnosis")).contains("API key or API secret was refused");
        assertThat(ui.disabled("#next")).as("no DNS step while Bad").isTrue();
        ui.shot("sandbox-06a-connection-bad");

        // Back, fix the secret, save: the test runs again and says Good
        ui.click("#back");
        ui.waitFor("back on step 5", () -> ui.exists("#providerStep"));
        assertThat(ui.text("#apiSecret").isEmpty()).as("saved secrets are not shown again (kept encrypted)").isTrue();
        assertThat(ui.text("#apiKey")).isEqualTo(apiKey);
        set("#apiSecret", apiSecret);
        ui.click("#saveProvider");
        ui.waitFor("step 6 good", () -> ui.exists("#connectionStep")
                && "Connection Status: Good".equals(ui.text("#connectionHeadline")));
        assertThat(ui.text("#connectionQuota")).isNotBlank();
        ui.shot("sandbox-06-connection-good");
        next();

        // ---- step 7: DNS TXT validation for the CSR's domain
        ui.waitFor("step 7", () -> ui.exists("#dnsValidationView"));
        ui.waitFor("domain offered", () -> ui.fx(() -> ui.node("#offeredDomains", ListView.class).getItems()
                .contains(DOMAIN)));
        ui.robot.interact(() -> ui.node("#offeredDomains", ListView.class).getSelectionModel().select(DOMAIN));
        ui.click("#createClaims");
        ui.waitFor("TXT host", () -> (DOMAIN + ".").equals(ui.text("#txtHost")));
        String token = ui.text("#txtValue");
        assertThat(token).isNotBlank();
        ui.shot("sandbox-07-dns");
        long providerId = ui.fx(() -> ui.window.store().providers().list().get(0).id());
        assertThat(ui.fx(() -> ui.window.store().domainClaims().findByDomain(providerId, DOMAIN).get(0).token()))
                .isEqualTo(token);

        // ---- the providers window lists the provider with status Good
        ui.waitFor("saved", () -> ui.text("#saveStatus").equals("All changes saved"));
        ui.click("#toStartPage");
        ui.waitFor("start page", () -> ui.exists("#openProviders"));
        ui.click("#openProviders");
        ui.waitFor("providers window", () -> ui.exists("#providersTable"));
        @SuppressWarnings("unchecked")
        TableView<ProviderRecord> table = ui.node("#providersTable", TableView.class);
        ui.waitFor("provider Good in the list", () -> table.getItems().stream().anyMatch(r -> r.id() == providerId
                && r.sandbox() && r.status().state() == ConnectionStatus.State.GOOD));
        Stage providers = ui.fx(() -> (Stage) table.getScene().getWindow());
        ui.robot.interact(() -> providers.getScene().getRoot().layout());
        Png.shoot(ui.robot, providers.getScene(), "sandbox-08-providers-window");
        ui.robot.interact(providers::close);

        // ---- restart: the onboarding kept step 7 and its provider; the sandbox kept its state in the data folder
        int sandboxPort = java.net.URI.create(ui.window.sandbox().current().baseUrl()).getPort();
        ui.quit();
        // closing the application stops the sandbox: its port no longer accepts connections
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", sandboxPort).close())
                .isInstanceOf(java.net.ConnectException.class);
        ui.launch(home);
        ui.waitFor("unlock", () -> ui.text("#unlockTitle").equals("Unlock Atlas Onboard"));
        set("#passphrase", PASSPHRASE);
        ui.click("#unlockButton");
        ui.waitFor("start page with the onboarding", () -> ui.exists("#startView") && !ui.fx(() ->
                ui.node("#onboardingList", ListView.class).getItems().isEmpty()));
        OnboardingSummary s = ui.fx(() -> (OnboardingSummary) ui.node("#onboardingList", ListView.class)
                .getItems().get(0));
        assertThat(s.step()).isEqualTo(7);
        assertThat(s.sandbox()).isTrue();
        assertThat(ui.fx(() -> ui.window.store().onboardings().load(s.id()).getProviderId())).isEqualTo(providerId);
        ui.clickShown("Resume");
        // the sandbox kept its state in the data folder: same port, same credentials, so nothing is redone
        ui.waitFor("resumed on step 7 with the kept sandbox", () -> ui.exists("#dnsStep")
                && ui.window.sandbox().current() != null);
        assertThat(java.net.URI.create(ui.window.sandbox().current().baseUrl()).getPort()).isEqualTo(sandboxPort);
        assertThat(ui.window.sandbox().knows(apiKey)).isTrue();
        assertThat(ui.exists("#sandboxNotice1")).isFalse();
        ui.shot("sandbox-09-resumed-after-restart");
        // back to step 6: the stored provider tests Good against the restarted sandbox, without redoing a step
        ui.click("#back");
        ui.waitFor("Good again", () -> ui.exists("#connectionStep")
                && "Connection Status: Good".equals(ui.text("#connectionHeadline")));
        assertThat(ui.fx(() -> ui.window.store().providers().list())).hasSize(1);
    }
}
