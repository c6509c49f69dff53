package io.atlasonboard.core.store;

import io.atlasonboard.testing.Secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderRepositoryTest {
    @TempDir
    Path tmp;

    private static ProviderRecord sample(String name) {
        return ProviderRecord.builder().name(name).apiUrl("https://emea.api.hvca.globalsign.com:8443/v2")
                .intendedUse(IntendedUse.SMIME).apiKey("key-123").keystore(new byte[] {0x30, (byte) 0x82, 1, 2})
                .keystoreFileName("atlas.p12").extraTrustPem("-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----")
                .proxyHost("proxy.corp").proxyPort(3128).proxyUser("alice").sandbox(true).build();
    }

    @Test
    void roundTripWithSecretsAcrossReopen() {
        Path home = tmp.resolve("home");
        long id;
        try (Store s = StoreTestSupport.newStore(home)) {
            ProviderRecord saved = s.providers().save(sample("GlobalSign S/MIME"),
                    ProviderSecrets.of("api-secret".toCharArray(), "ks-pass".toCharArray(), "proxy-pass".toCharArray()));
            id = saved.id();
            assertThat(saved.createdAt()).isNotNull();
            assertThat(saved.status().state()).isEqualTo(ConnectionStatus.State.UNKNOWN);
        }
        try (Store s = StoreTestSupport.reopen(home)) {
            ProviderRecord p = s.providers().get(id);
            assertThat(p.name()).isEqualTo("GlobalSign S/MIME");
            assertThat(p.type()).isEqualTo("GlobalSign");
            assertThat(p.apiUrl()).isEqualTo("https://emea.api.hvca.globalsign.com:8443/v2");
            assertThat(p.intendedUse()).isEqualTo(IntendedUse.SMIME);
            assertThat(p.apiKey()).isEqualTo("key-123");
            assertThat(p.keystore()).containsExactly(0x30, 0x82, 1, 2);
            assertThat(p.keystoreFileName()).isEqualTo("atlas.p12");
            assertThat(p.extraTrustPem()).contains("BEGIN CERTIFICATE");
            assertThat(p.proxyHost()).isEqualTo("proxy.corp");
            assertThat(p.proxyPort()).isEqualTo(3128);
            assertThat(p.proxyUser()).isEqualTo("alice");
            assertThat(p.sandbox()).isTrue();
            assertThat(p.hasProxy()).isTrue();
            Secrets.assertSameSecret("api-secret".toCharArray(), s.providers().apiSecret(id),
                    "s.providers().apiSecret(id)");
            Secrets.assertSameSecret("ks-pass".toCharArray(), s.providers().keystorePassword(id),
                    "s.providers().keystorePassword(id)");
            Secrets.assertSameSecret("proxy-pass".toCharArray(), s.providers().proxyPassword(id),
                    "s.providers().proxyPassword(id)");
            ProviderSecrets all = s.providers().secrets(id);
            char[] kept = all.apiSecret();
            all.close();
            assertThat(kept).containsOnly('\0'); // close wipes
            assertThat(s.providers().list()).extracting(ProviderRecord::name).containsExactly("GlobalSign S/MIME");
            assertThat(s.providers().findByName("globalsign s/mime")).isPresent();
            assertThat(s.providers().findByName("other")).isEmpty();
        }
    }

    @Test
    void duplicateNamesAreRefusedCaseInsensitively() {
        try (Store s = StoreTestSupport.newStore(tmp.resolve("home"))) {
            ProviderRecord a = s.providers().save(sample("GlobalSign SSL/TLS"), ProviderSecrets.of(null, null, null));
            assertThatThrownBy(() -> s.providers().save(sample("globalsign ssl/tls "), null))
                    .isInstanceOf(DuplicateNameException.class)
                    .hasMessage("A provider named \"globalsign ssl/tls\" already exists. Choose another name.");
            ProviderRecord b = s.providers().save(sample("Second"), null);
            assertThatThrownBy(() -> s.providers().update(b.toBuilder().name("GLOBALSIGN SSL/TLS").build(), null))
                    .isInstanceOf(DuplicateNameException.class);
            // renaming to its own name (other case) is fine
            assertThat(s.providers().update(a.toBuilder().name("GlobalSign SSL/TLS (EMEA)").build(), null).name())
                    .isEqualTo("GlobalSign SSL/TLS (EMEA)");
            assertThat(s.providers().list()).hasSize(2);
        }
    }

    @Test
    void updateKeepsOrReplacesSecretsAndResetsStatus() {
        try (Store s = StoreTestSupport.newStore(tmp.resolve("home"))) {
            ProviderRecord p = s.providers().save(sample("P"),
                    ProviderSecrets.of("s1".toCharArray(), "k1".toCharArray(), "x1".toCharArray()));
            s.providers().recordStatus(p.id(), ConnectionStatus.good(Instant.now(), "RSA 2048-4096"));
            ProviderRecord u = s.providers().update(s.providers().get(p.id()).toBuilder().proxyHost(null).proxyPort(null)
                    .proxyUser(null).apiUrl("https://127.0.0.1:9443").build(), null);
            assertThat(u.hasProxy()).isFalse();
            assertThat(u.apiUrl()).isEqualTo("https://127.0.0.1:9443");
            assertThat(u.status().state()).isEqualTo(ConnectionStatus.State.UNKNOWN);
            Secrets.assertSameSecret(new char[] {'s', '1'}, s.providers().apiSecret(p.id()),
                    "s.providers().apiSecret(p.id())");
            Secrets.assertSameSecret(new char[] {'x', '1'}, s.providers().proxyPassword(p.id()),
                    "s.providers().proxyPassword(p.id())");
            s.providers().update(u, ProviderSecrets.of("s2".toCharArray(), "k2".toCharArray(), null));
            Secrets.assertSameSecret(new char[] {'s', '2'}, s.providers().apiSecret(p.id()),
                    "s.providers().apiSecret(p.id())");
            Secrets.assertSameSecret(new char[] {'k', '2'}, s.providers().keystorePassword(p.id()),
                    "s.providers().keystorePassword(p.id())");
            assertThat(s.providers().proxyPassword(p.id()) == null)
                    .as("s.providers().proxyPassword(p.id()) is null").isTrue();
            assertThatThrownBy(() -> s.providers().update(sample("new"), null))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void connectionStatusIsKept() {
        Path home = tmp.resolve("home");
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long id;
        try (Store s = StoreTestSupport.newStore(home)) {
            id = s.providers().save(sample("P"), null).id();
            s.providers().recordStatus(id, ConnectionStatus.bad(t, "POST /login",
                    "The API key or secret was refused (401)."));
        }
        try (Store s = StoreTestSupport.reopen(home)) {
            ConnectionStatus st = s.providers().get(id).status();
            assertThat(st.state()).isEqualTo(ConnectionStatus.State.BAD);
            assertThat(st.checkedAt()).isEqualTo(t);
            assertThat(st.failedStep()).isEqualTo("POST /login");
            assertThat(st.diagnosis()).contains("refused");
            s.providers().recordStatus(id, ConnectionStatus.State.GOOD, t.plusSeconds(5), null, null, "quota 100");
            st = s.providers().get(id).status();
            assertThat(st.state()).isEqualTo(ConnectionStatus.State.GOOD);
            assertThat(st.summary()).isEqualTo("quota 100");
            assertThat(st.failedStep()).isNull();
            assertThatThrownBy(() -> s.providers().recordStatus(9999, ConnectionStatus.unknown()))
                    .isInstanceOf(NoSuchElementException.class);
        }
    }

    @Test
    void validationAndDeleteCascade() {
        try (Store s = StoreTestSupport.newStore(tmp.resolve("home"))) {
            assertThatThrownBy(() -> s.providers().save(sample(" "), null)).hasMessageContaining("name");
            assertThatThrownBy(() -> s.providers().save(sample("a").toBuilder().apiKey("").build(), null))
                    .hasMessageContaining("API key");
            assertThatThrownBy(() -> s.providers().save(sample("a").toBuilder().proxyPort(70000).build(), null))
                    .hasMessageContaining("port");
            ProviderRecord p = s.providers().save(sample("P"), ProviderSecrets.of("a".toCharArray(), null, null));
            s.domainClaims().upsert(DomainClaimRecord.of(p.id(), "claim-1", "example.com", "PENDING", "tok", null,
                    null));
            s.certificates().save(CertificateRecord.of(p.id(), "0A", "example.com", List.of("example.com"),
                    CertificateStatus.ISSUED, null, null, "pem", null, null), null);
            s.dnsSettings().setResolvers(p.id(), List.of("127.0.0.1:5353"));
            assertThatThrownBy(() -> s.providers().get(12345)).isInstanceOf(NoSuchElementException.class);
            assertThat(s.providers().delete(p.id())).isTrue();
            assertThat(s.providers().delete(p.id())).isFalse();
            assertThat(s.domainClaims().list(p.id())).isEmpty();
            assertThat(s.certificates().list(p.id())).isEmpty();
            assertThat(s.dnsSettings().resolvers(p.id())).isEmpty();
        }
    }
}
