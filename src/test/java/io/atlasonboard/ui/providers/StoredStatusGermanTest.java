package io.atlasonboard.ui.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.core.atlas.Sleeper;
import io.atlasonboard.core.atlas.TestPki;
import io.atlasonboard.core.providers.ConnectionEvent;
import io.atlasonboard.core.providers.ConnectionReport;
import io.atlasonboard.core.providers.ProviderService;
import io.atlasonboard.core.store.ConnectionStatus;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.ProviderSecrets;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.core.tasks.ProgressSink;
import io.atlasonboard.core.tasks.TaskService;
import io.atlasonboard.sim.AtlasSimulator;
import io.atlasonboard.sim.SimAccount;
import io.atlasonboard.sim.SimClock;
import io.atlasonboard.sim.SimulatorConfig;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.UiJobs;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection status read back from the store (the providers window shows it without a new test) renders its
 * diagnosis and its validation policy in the user's language: real tests against the simulator over mTLS are
 * recorded, the store is closed and opened again, and the status pane shows them in German. A status stored without
 * messages (before schema 43) still shows its English text; the English kept for the CLI is unchanged.
 */
class StoredStatusGermanTest {
    private static final char[] PASSPHRASE = "a long enough passphrase 123".toCharArray();

    @TempDir
    Path home;

    @AfterEach
    void english() {
        I18n.setLocale(Locale.ENGLISH);
    }

    @Test
    void aStoredGoodAndBadStatusRenderInGermanAfterReopening() throws Exception {
        SimClock clock = new SimClock();
        long good;
        long bad;
        long old;
        List<ConnectionEvent> events = new ArrayList<>();
        try (AtlasSimulator sim = AtlasSimulator.start(SimulatorConfig.defaults().clock(clock))) {
            try (Store store = Store.create(home, PASSPHRASE.clone())) {
                SimAccount acc = sim.createAccount(77);
                char[] ksPw = "ks-password-1".toCharArray();
                ProviderRecord.Builder b = provider(sim, acc, ksPw);
                good = store.providers().save(b.name("Good one").build(),
                        ProviderSecrets.of(acc.apiSecret().toCharArray(), ksPw, null)).id();
                bad = store.providers().save(b.name("Wrong secret").build(),
                        ProviderSecrets.of("not-the-secret".toCharArray(), ksPw, null)).id();
                old = store.providers().save(b.name("Stored by an older version").build(),
                        ProviderSecrets.of(acc.apiSecret().toCharArray(), ksPw, null)).id();

                ProviderService service = new ProviderService(store.providers(), clock, Sleeper.REAL);
                ConnectionReport g = service.test(good, ProgressSink.NONE, events::add);
                assertThat(g.good()).as(g.toText()).isTrue();
                ConnectionReport r = service.test(bad, ProgressSink.NONE, events::add);
                assertThat(r.good()).as(r.toText()).isFalse();
                // what a version before schema 43 kept: the English texts only
                store.providers().recordStatus(old, ConnectionStatus.bad(clock.instant(), "Login",
                        "The API key or API secret was refused."));
            }
        }

        try (Store store = Store.open(home, PASSPHRASE.clone()); TaskService tasks = new TaskService(1)) {
            ConnectionStatus gs = store.providers().get(good).status();
            ConnectionStatus bs = store.providers().get(bad).status();
            assertThat(gs.summary()).as("English kept for the CLI")
                    .startsWith("Remaining issuance quota: 77\nKeys: RSA 2048 or 4096 bits");
            assertThat(gs.summaryMsg()).isNotNull();
            assertThat(bs.diagnosis()).contains("API key or API secret was refused");
            assertThat(bs.diagnosisMsg()).isNotNull();
            assertThat(bs.diagnosisMsg().english()).isEqualTo(bs.diagnosis());

            I18n.setLocale(Locale.GERMAN);
            ConnectionStatusViewModel vm = new ConnectionStatusViewModel(new ProviderConnector(store, clock),
                    UiJobs.of(tasks, Runnable::run));
            vm.show(store.providers().get(good));
            assertThat(vm.headlineProperty().get()).isEqualTo(I18n.t("ui.providers.status.headline.GOOD"));
            String policy = vm.policySummaryProperty().get();
            assertThat(policy.split("\n")).contains("Verbleibendes Ausstellungskontingent: 77",
                    "E-Mail-Adressen: nicht erlaubt", "Maximale Gültigkeit: 90 Tage");
            assertThat(policy).contains("Schlüssel: RSA 2048 oder 4096 Bit", "DNS-Namen: ", "Antragsteller: ")
                    .doesNotContain("Remaining", "Keys:", "not allowed", "Maximum validity", "!core.");

            vm.show(store.providers().get(bad));
            assertThat(vm.diagnosisProperty().get()).startsWith("API-Schlüssel oder API-Secret wurden abgelehnt")
                    .doesNotContain("refused", "!core.");
            assertThat(ConnectionStatusViewModel.stepText(vm.failedStepProperty().get())).isEqualTo("Anmeldung");

            vm.show(store.providers().get(old));
            assertThat(vm.diagnosisProperty().get()).isEqualTo("The API key or API secret was refused.");
        }
        assertThat(events).isNotEmpty();
    }

    /** A provider of the simulator's account with a real mTLS certificate in its keystore (name still to set). */
    private static ProviderRecord.Builder provider(AtlasSimulator sim, SimAccount acc, char[] ksPw) throws Exception {
        KeyPair key = TestPki.rsa();
        X509Certificate cert = TestPki.simulatorMtls(sim, acc.apiKey(), key, Duration.ofDays(9));
        return ProviderRecord.builder().apiUrl(sim.baseUrl().replace("/v2", "")).intendedUse(IntendedUse.TLS)
                .apiKey(acc.apiKey()).keystore(TestPki.pkcs12(key.getPrivate(), ksPw, cert))
                .extraTrustPem(sim.serverCaPem()).sandbox(true);
    }

    /**
     * The providers list re-reads the providers after a test and shows the selected one again: the result just shown
     * (its checks and remaining quota, which the store does not keep) stays; another provider, and this one shown
     * again after it, show their stored status.
     */
    @Test
    void theTestJustShownStaysWhenTheListShowsTheSameStoredResult() throws Exception {
        SimClock clock = new SimClock();
        try (AtlasSimulator sim = AtlasSimulator.start(SimulatorConfig.defaults().clock(clock));
                Store store = Store.create(home, PASSPHRASE.clone()); TaskService tasks = new TaskService(1)) {
            SimAccount acc = sim.createAccount(55);
            char[] ksPw = "ks-password-1".toCharArray();
            ProviderRecord.Builder b = provider(sim, acc, ksPw);
            long one = store.providers().save(b.name("One").build(),
                    ProviderSecrets.of(acc.apiSecret().toCharArray(), ksPw, null)).id();
            long two = store.providers().save(b.name("Two").build(),
                    ProviderSecrets.of(acc.apiSecret().toCharArray(), ksPw, null)).id();
            ConnectionStatusViewModel vm = new ConnectionStatusViewModel(new ProviderConnector(store, clock),
                    UiJobs.of(tasks, Runnable::run));
            java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
            vm.setOnFinished(finished::countDown);
            vm.test(one);
            assertThat(finished.await(60, java.util.concurrent.TimeUnit.SECONDS)).as("test finished").isTrue();
            assertThat(vm.quotaProperty().get()).isEqualTo(I18n.t("ui.providers.status.quota", "55"));

            vm.show(store.providers().get(one)); // what the list does after the test
            assertThat(vm.quotaProperty().get()).isEqualTo(I18n.t("ui.providers.status.quota", "55"));
            assertThat(vm.steps()).allSatisfy(st -> assertThat(st.stateProperty().get())
                    .isEqualTo(ConnectionStatusViewModel.StepState.OK));

            vm.show(store.providers().get(two));
            assertThat(vm.headlineProperty().get()).isEqualTo(I18n.t("ui.providers.status.headline.UNKNOWN"));
            assertThat(vm.quotaProperty().get()).isEmpty();
            vm.show(store.providers().get(one));
            assertThat(vm.headlineProperty().get()).isEqualTo(I18n.t("ui.providers.status.headline.GOOD"));
            assertThat(vm.quotaProperty().get()).as("a stored status has no quota of its own").isEmpty();
            assertThat(vm.steps()).allSatisfy(st -> assertThat(st.stateProperty().get())
                    .isEqualTo(ConnectionStatusViewModel.StepState.WAITING));
        }
    }
}
