package io.atlasonboard.core.providers;

import io.atlasonboard.core.atlas.Sleeper;
import io.atlasonboard.core.atlas.TestPki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atlasonboard.core.store.ConnectionStatus;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.ProviderSecrets;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.core.tasks.ProgressSink;
import io.atlasonboard.sim.AtlasSimulator;
import io.atlasonboard.sim.SimAccount;
import io.atlasonboard.sim.SimClock;
import io.atlasonboard.sim.SimulatorConfig;

/** A stored provider (record + encrypted secrets) is tested against the simulator and its status kept with its time. */
class ProviderServiceTest {
    @TempDir
    Path home;

    @Test
    void testsAStoredProviderAndRecordsTheStatusWithItsTime() throws Exception {
        SimClock clock = new SimClock();
        try (AtlasSimulator sim = AtlasSimulator.start(SimulatorConfig.defaults().clock(clock));
                Store store = Store.create(home, "a long enough passphrase 123".toCharArray())) {
            SimAccount acc = sim.createAccount(77);
            KeyPair key = TestPki.rsa();
            X509Certificate cert = TestPki.simulatorMtls(sim, acc.apiKey(), key, Duration.ofDays(9));
            char[] ksPw = "ks-password-1".toCharArray();
            ProviderRecord saved = store.providers().save(ProviderRecord.builder().name("GS TLS")
                    .apiUrl(sim.baseUrl().replace("/v2", "")).intendedUse(IntendedUse.TLS).apiKey(acc.apiKey())
                    .keystore(TestPki.pkcs12(key.getPrivate(), ksPw, cert)).extraTrustPem(sim.serverCaPem())
                    .sandbox(true).build(), ProviderSecrets.of(acc.apiSecret().toCharArray(), ksPw, null));

            ProviderService service = new ProviderService(store.providers(), clock, Sleeper.REAL);
            java.util.List<ConnectionEvent> events = new java.util.ArrayList<>();
            ConnectionReport good = service.test(saved.id(), ProgressSink.NONE, events::add);
            assertThat(events).hasSize(10).last().isEqualTo(new ConnectionEvent.Passed(ConnectionStep.QUOTA));
            assertThat(good.good()).as(good.toText()).isTrue();
            ConnectionStatus st = store.providers().get(saved.id()).status();
            assertThat(st.state()).isEqualTo(ConnectionStatus.State.GOOD);
            assertThat(Duration.between(st.checkedAt(), clock.instant()).abs()).isLessThan(Duration.ofSeconds(1));
            assertThat(st.summary()).contains("Remaining issuance quota: 77", "Keys: RSA");

            clock.advance(Duration.ofMinutes(5));
            store.providers().update(store.providers().get(saved.id()),
                    ProviderSecrets.of("wrong".toCharArray(), ksPw, null));
            ConnectionReport bad = service.test(saved.id(), ProgressSink.NONE, null);
            assertThat(bad.code()).as(bad.toText()).isEqualTo(Diagnosis.CREDENTIALS_REFUSED);
            ConnectionStatus st2 = store.providers().get(saved.id()).status();
            assertThat(st2.state()).isEqualTo(ConnectionStatus.State.BAD);
            assertThat(st2.failedStep()).isEqualTo(ConnectionTester.STEP_LOGIN);
            assertThat(st2.diagnosis()).contains("API key or API secret was refused");
            assertThat(st2.checkedAt()).isAfter(st.checkedAt());

            // settings that cannot make a connection config fail the local check, with its event
            store.providers().update(store.providers().get(saved.id()).toBuilder().extraTrustPem("not a PEM").build(),
                    null);
            events.clear();
            ConnectionReport invalid = service.test(saved.id(), ProgressSink.NONE, events::add);
            assertThat(invalid.code()).as(invalid.toText()).isEqualTo(Diagnosis.INVALID_CONFIGURATION);
            assertThat(invalid.diagnosis()).startsWith("The provider settings are not valid: The trusted server CA");
            assertThat(events).extracting(e -> e.getClass().getSimpleName() + " " + e.step())
                    .containsExactly("Started LOCAL", "Failed LOCAL");
            assertThat(store.providers().get(saved.id()).status().failedStep()).isEqualTo(ConnectionTester.STEP_LOCAL);
        }
    }
}
