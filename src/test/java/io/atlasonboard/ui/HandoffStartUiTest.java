package io.atlasonboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.atlasonboard.core.pki.CsrRequest;
import io.atlasonboard.core.pki.Csrs;
import io.atlasonboard.core.pki.Pkcs12;
import io.atlasonboard.core.pki.Pkcs12Profile;
import io.atlasonboard.core.providers.MtlsLifetime;
import io.atlasonboard.core.store.ConnectionStatus;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.ProviderSecrets;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.sim.Sandbox;
import io.atlasonboard.ui.common.I18n;
import javafx.scene.control.TextInputControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up warning in the running application: a store holding a provider whose mTLS certificate expires in 20
 * days (against the real simulator over mTLS); after unlock the start page says so, its "Renew…" opens the providers
 * window on the renewal, the CSR is saved, the certificate the portal returned is opened from a file, and the
 * provider switches (Good, new serial) with the old keystore kept.
 */
class HandoffStartUiTest {
    private static final String PASSPHRASE = "Tide-Lantern-Orbit-92-quiet";

    @TempDir
    Path tmp;

    private final UiTestSupport ui = new UiTestSupport();
    private Sandbox sandbox;

    @AfterEach
    void tearDown() throws Exception {
        ui.close();
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void warnsAfterUnlockAndRenewsFromTheStartPage() throws Exception {
        I18n.setLocale(java.util.Locale.ENGLISH);
        Path home = tmp.resolve("home");
        sandbox = Sandbox.start();
        Sandbox.Credentials c = sandbox.createCredentials();
        KeyPair kp = Csrs.generateKey(2048);
        String pem = sandbox.simulator().issueMtlsCertificate(c.apiKey(), Csrs.toPem(Csrs.create(kp,
                new CsrRequest("client.atlas-onboard.test", "DE", "Atlas Onboard Test", List.of()))),
                Duration.ofDays(20));
        char[] ksPw = "keystore-pass-1".toCharArray();
        byte[] ks = Pkcs12.write(kp.getPrivate(), List.of(io.atlasonboard.ui.handoff.TestCerts.parse(pem)),
                ksPw.clone(), "mtls", Pkcs12Profile.MODERN);
        long id;
        MtlsLifetime old;
        try (Store store = Store.create(home, PASSPHRASE.toCharArray());
             ProviderSecrets s = ProviderSecrets.of(c.apiSecret().toCharArray(), ksPw, null)) {
            ProviderRecord r = store.providers().save(ProviderRecord.builder().name("Soon expiring")
                    .apiUrl(sandbox.baseUrl()).intendedUse(IntendedUse.TLS).apiKey(c.apiKey()).keystore(ks)
                    .keystoreFileName("mtls.p12").extraTrustPem(sandbox.serverCaPem()).sandbox(true).build(), s);
            id = r.id();
            old = MtlsLifetime.of(store.providers(), r, Instant.now()).orElseThrow();
        }

        ui.launch(home);
        ui.waitFor("unlock", () -> ui.exists("#passphrase") && ui.text("#unlockTitle")
                .equals(I18n.t("ui.unlock.title.unlock")));
        ui.robot.interact(() -> ui.node("#passphrase", TextInputControl.class).setText(PASSPHRASE));
        ui.click("#unlockButton");
        ui.waitFor("start warning", () -> ui.shown("#renewalText-Soon-expiring"));
        assertThat(ui.text("#renewalText-Soon-expiring")).isEqualTo(I18n.t("ui.handoff.start.expires",
                "Soon expiring", I18n.date(old.notAfter()), old.daysLeft()));
        ui.shot("handoff-start-warning-after-unlock");

        ui.click("#startRenew-Soon-expiring");
        ui.waitFor("renewal window", () -> ui.exists("#renewalView") && !ui.text("#renewCurrent").isEmpty());
        Path csr = tmp.resolve("renew.csr");
        ui.dialogs.answer(csr);
        ui.click("#renewStart");
        ui.waitFor("csr saved", () -> ui.text("#renewMessage").startsWith("New key made"));
        // the portal's role, done by hand: the certificate for the saved CSR, bound to the API key
        Path cert = tmp.resolve("renewed.pem");
        Files.writeString(cert, sandbox.issueMtlsCertificate(c.apiKey(), Files.readString(csr)));
        ui.dialogs.answer(cert);
        ui.click("#renewOpenCertificate");
        ui.waitFor("certificate read", () -> ui.text("#renewCertificate").contains("BEGIN CERTIFICATE"));
        ui.click("#renewComplete");
        ui.waitFor("switched", () -> !ui.text("#renewResult").isEmpty() || !ui.text("#renewError").isEmpty());
        assertThat(ui.text("#renewError")).isEmpty();
        ui.quit();

        try (Store store = Store.open(home, PASSPHRASE.toCharArray())) {
            ProviderRecord r = store.providers().get(id);
            MtlsLifetime now = MtlsLifetime.of(store.providers(), r, Instant.now()).orElseThrow();
            assertThat(now.serial()).isNotEqualTo(old.serial());
            assertThat(now.level()).isEqualTo(MtlsLifetime.Level.OK);
            assertThat(r.status().state()).isEqualTo(ConnectionStatus.State.GOOD);
            assertThat(store.mtlsRenewals().count(id)).as("old keystore kept").isEqualTo(1);
            assertThat(MtlsLifetime.needingRenewal(store.providers(), Instant.now())).isEmpty();
        }
    }
}
