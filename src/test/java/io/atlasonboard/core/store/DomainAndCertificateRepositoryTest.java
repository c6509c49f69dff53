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

class DomainAndCertificateRepositoryTest {
    @TempDir
    Path tmp;

    private static long provider(Store s, String name) {
        return s.providers().save(ProviderRecord.builder().name(name).apiKey("k").build(), null).id();
    }

    @Test
    void claimsUpsertListFindAcrossReopen() {
        Path home = tmp.resolve("home");
        Instant assertBy = Instant.parse("2026-12-01T10:00:00Z");
        long pid;
        try (Store s = StoreTestSupport.newStore(home)) {
            pid = provider(s, "P");
            long other = provider(s, "Q");
            DomainClaimRecord c = s.domainClaims().upsert(DomainClaimRecord.of(pid, "01F", "Example.COM.", "PENDING",
                    "_globalsign-domain-verification=abc", assertBy, assertBy.plusSeconds(86400 * 30)));
            assertThat(c.id()).isNotNull();
            assertThat(c.domain()).isEqualTo("example.com");
            assertThat(c.createdAt()).isNotNull();
            s.domainClaims().upsert(DomainClaimRecord.of(other, "01F", "example.com", "VERIFIED", "t", null, null));
            DomainClaimRecord updated = s.domainClaims().upsert(c.withStatus("VERIFIED")
                    .withToken("_globalsign-domain-verification=new", assertBy.plusSeconds(60))
                    .withLog("[{\"description\":\"verified\"}]").withLastCheckedAt(assertBy));
            assertThat(updated.id()).isEqualTo(c.id());
            assertThat(updated.createdAt()).isEqualTo(c.createdAt());
            s.domainClaims().upsert(DomainClaimRecord.of(pid, "02A", "a.example.com", "PENDING", "x", null, null));
            assertThatThrownBy(() -> s.domainClaims().upsert(DomainClaimRecord.of(999, "z", "z.example", "PENDING",
                    null, null, null))).isInstanceOf(NoSuchElementException.class);
        }
        try (Store s = StoreTestSupport.reopen(home)) {
            List<DomainClaimRecord> list = s.domainClaims().list(pid);
            assertThat(list).extracting(DomainClaimRecord::domain).containsExactly("a.example.com", "example.com");
            DomainClaimRecord c = s.domainClaims().findByClaimId(pid, "01F").orElseThrow();
            assertThat(c.status()).isEqualTo("VERIFIED");
            assertThat(c.token()).isEqualTo("_globalsign-domain-verification=new");
            assertThat(c.assertBy()).isEqualTo(assertBy.plusSeconds(60));
            assertThat(c.expiresAt()).isEqualTo(assertBy.plusSeconds(86400 * 30));
            assertThat(c.logJson()).contains("verified");
            assertThat(c.lastCheckedAt()).isEqualTo(assertBy);
            assertThat(s.domainClaims().findByDomain(pid, "EXAMPLE.com")).hasSize(1);
            assertThat(s.domainClaims().delete(c.id())).isTrue();
            assertThat(s.domainClaims().findByClaimId(pid, "01F")).isEmpty();
        }
    }

    @Test
    void certificatesWithOptionalEncryptedKeyAndRevocation() {
        Path home = tmp.resolve("home");
        Instant nb = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long pid;
        try (Store s = StoreTestSupport.newStore(home)) {
            pid = provider(s, "P");
            CertificateRecord c = s.certificates().save(CertificateRecord.of(pid, "7F00AA", "www.example.com",
                    List.of("www.example.com", "example.com"), CertificateStatus.PENDING, null, null, null, null, null),
                    null);
            assertThat(c.hasPrivateKey()).isFalse();
            assertThat(s.certificates().privateKeyPem(c.id())).isNull();
            c = s.certificates().save(new CertificateRecord(null, pid, "7F00AA", "www.example.com",
                    List.of("www.example.com", "example.com"), CertificateStatus.ISSUED, nb, nb.plusSeconds(3600),
                    "LEAF PEM", "CHAIN PEM", nb, null, null, false, null, null),
                    "-----BEGIN ENCRYPTED PRIVATE KEY-----\nabc\n-----END ENCRYPTED PRIVATE KEY-----".toCharArray());
            assertThat(c.hasPrivateKey()).isTrue();
            s.certificates().save(CertificateRecord.of(pid, "01", "b.example", List.of(), CertificateStatus.ISSUED,
                    null, null, "p", null, null), null);
        }
        try (Store s = StoreTestSupport.reopen(home)) {
            CertificateRecord c = s.certificates().findBySerial(pid, "7F00AA").orElseThrow();
            assertThat(c.status()).isEqualTo(CertificateStatus.ISSUED);
            assertThat(c.sans()).containsExactly("www.example.com", "example.com");
            assertThat(c.notBefore()).isEqualTo(nb);
            assertThat(c.notAfter()).isEqualTo(nb.plusSeconds(3600));
            assertThat(c.certificatePem()).isEqualTo("LEAF PEM");
            assertThat(c.chainPem()).isEqualTo("CHAIN PEM");
            assertThat(new String(s.certificates().privateKeyPem(c.id()))).contains("ENCRYPTED PRIVATE KEY");
            CertificateRecord r = s.certificates().markRevoked(pid, "7F00AA", nb.plusSeconds(10), "keyCompromise");
            assertThat(r.status()).isEqualTo(CertificateStatus.REVOKED);
            assertThat(r.revokedAt()).isEqualTo(nb.plusSeconds(10));
            assertThat(r.revocationReason()).isEqualTo("keyCompromise");
            assertThat(r.hasPrivateKey()).isTrue(); // the key stays when only the status changes
            assertThat(s.certificates().list(pid)).hasSize(2);
            assertThatThrownBy(() -> s.certificates().markRevoked(pid, "FFFF", nb, "x"))
                    .isInstanceOf(NoSuchElementException.class);
        }
    }

    @Test
    void dnsResolversValidatedOrderedAndKept() {
        Path home = tmp.resolve("home");
        long pid;
        try (Store s = StoreTestSupport.newStore(home)) {
            pid = provider(s, "P");
            s.dnsSettings().setResolvers(pid, List.of("127.0.0.1:5353", "ns1.example.net", "[2001:db8::53]:53",
                    "2001:db8::1", "127.0.0.1:5353"));
            for (String bad : List.of("", "host:0", "host:99999", "host:abc", "bad host", "[2001:db8::1", "a..b")) {
                assertThatThrownBy(() -> s.dnsSettings().setResolvers(pid, List.of("1.1.1.1", bad)))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host[:port]");
            }
        }
        try (Store s = StoreTestSupport.reopen(home)) {
            assertThat(s.dnsSettings().resolvers(pid)).containsExactly("127.0.0.1:5353", "ns1.example.net",
                    "[2001:db8::53]:53", "2001:db8::1");
            s.dnsSettings().setResolvers(pid, List.of());
            assertThat(s.dnsSettings().resolvers(pid)).isEmpty();
        }
    }

    @Test
    void tsigKeysWithEncryptedSecret() {
        Path home = tmp.resolve("home");
        try (Store s = StoreTestSupport.newStore(home)) {
            long pid = provider(s, "P");
            TsigKeyRecord k = s.tsigKeys().save(TsigKeyRecord.of(pid, "atlas-update.", "hmac-sha256",
                    "127.0.0.1:5300"), "c2VjcmV0LWJ5dGVzLWhlcmU=".toCharArray());
            assertThat(k.id()).isNotNull();
            assertThatThrownBy(() -> s.tsigKeys().save(TsigKeyRecord.of(null, "ATLAS-UPDATE.", "hmac-sha256", null),
                    "x".toCharArray())).isInstanceOf(DuplicateNameException.class);
            assertThatThrownBy(() -> s.tsigKeys().save(TsigKeyRecord.of(null, "k2", "hmac-sha256", null), null))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        try (Store s = StoreTestSupport.reopen(home)) {
            TsigKeyRecord k = s.tsigKeys().findByName("atlas-update.").orElseThrow();
            assertThat(k.algorithm()).isEqualTo("hmac-sha256");
            assertThat(k.server()).isEqualTo("127.0.0.1:5300");
            Secrets.assertSameSecret("c2VjcmV0LWJ5dGVzLWhlcmU=".toCharArray(), s.tsigKeys().secret(k.id()),
                    "s.tsigKeys().secret(k.id())");
            assertThat(s.tsigKeys().list()).hasSize(1);
            assertThat(s.tsigKeys().delete(k.id())).isTrue();
            assertThat(s.tsigKeys().list()).isEmpty();
        }
    }
}
