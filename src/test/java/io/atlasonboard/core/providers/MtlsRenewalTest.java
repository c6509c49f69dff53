package io.atlasonboard.core.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atlasonboard.core.pki.CsrRequest;
import io.atlasonboard.core.pki.Csrs;
import io.atlasonboard.core.pki.Pkcs12;
import io.atlasonboard.core.pki.Pkcs12Profile;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.ProviderSecrets;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.core.tasks.ProgressSink;
import io.atlasonboard.sim.SimulatorConfig;
import io.atlasonboard.sim.ValidationPolicies;
import io.atlasonboard.testing.SimProviderFixture;

/**
 * Against the real simulator: a provider whose mTLS certificate expires in 20 days is flagged red, renews (new key and
 * CSR with the same subject, certificate from the simulator's portal issuance), tests Good with the new serial, keeps
 * the old keystore and can restore it; a certificate for another key is refused and nothing changes.
 */
class MtlsRenewalTest {
    @TempDir
    Path dir;

    static X509Certificate cert(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    static X509Certificate leaf(Store store, long id) {
        ProviderRecord p = store.providers().get(id);
        return Pkcs12.read(p.keystore(), store.providers().keystorePassword(id)).chain().get(0);
    }

    @Test
    void nearExpiryProviderRenewsTestsGoodWithTheNewSerialAndKeepsTheOldKeystore() throws Exception {
        try (SimProviderFixture fx = SimProviderFixture.start(SimulatorConfig.defaults(), ValidationPolicies.tls(),
                IntendedUse.TLS, "GS Renew", dir)) {
            Store store = fx.store();
            long id = fx.provider.id();
            // give the provider an mTLS certificate that expires in 20 days
            KeyPair old = Csrs.generateKey(2048);
            String oldCsr = Csrs.toPem(Csrs.create(old, new CsrRequest("mtls.renew.test", "DE", "Renew Org",
                    List.of())));
            X509Certificate oldCert = cert(fx.sim.issueMtlsCertificate(fx.account.apiKey(), oldCsr,
                    Duration.ofDays(20)));
            char[] pw = "old-keystore-pass".toCharArray();
            try (ProviderSecrets s = store.providers().secrets(id);
                 ProviderSecrets next = ProviderSecrets.of(s.apiSecret(), pw, null)) {
                store.providers().update(store.providers().get(id).toBuilder().keystore(Pkcs12.write(old.getPrivate(),
                        List.of(oldCert), pw.clone(), "old", Pkcs12Profile.MODERN)).build(), next);
            }
            byte[] oldKeystore = store.providers().get(id).keystore();
            MtlsLifetime life = MtlsLifetime.of(store.providers(), store.providers().get(id),
                    Instant.now()).orElseThrow();
            assertThat(life.level()).isEqualTo(MtlsLifetime.Level.RED);
            assertThat(life.daysLeft()).isBetween(19L, 20L);
            assertThat(life.sentence()).contains("GS Renew").contains("renew");
            assertThat(MtlsLifetime.needingRenewal(store.providers(), Instant.now()))
                    .extracting(MtlsLifetime::providerName).containsExactly("GS Renew");

            MtlsRenewal renewal = new MtlsRenewal(store);
            MtlsRenewal.Started started = renewal.start(id);
            var csr = Csrs.parse(started.csrPem().getBytes(StandardCharsets.US_ASCII));
            assertThat(csr.getSubject().toString()).isEqualTo(
                    new org.bouncycastle.cert.jcajce.JcaX509CertificateHolder(oldCert).getSubject().toString());
            assertThat(io.atlasonboard.core.pki.Keys.size(Csrs.publicKeyOf(csr))).isEqualTo(2048);

            // a certificate for another key is refused; the provider is unchanged and the renewal still pending
            KeyPair other = Csrs.generateKey(2048);
            String otherPem = fx.sim.issueMtlsCertificate(fx.account.apiKey(), Csrs.toPem(Csrs.create(other,
                    new CsrRequest("mtls.renew.test", "DE", "Renew Org", List.of()))), Duration.ofDays(365));
            MtlsRenewal.Completed refused = renewal.complete(id, otherPem, ProgressSink.NONE);
            assertThat(refused.switched()).isFalse();
            assertThat(refused.reason()).contains("does not belong to the renewal's new key");
            assertThat(store.providers().get(id).keystore()).isEqualTo(oldKeystore);
            assertThat(store.mtlsRenewals().count(id)).isZero();
            assertThat(store.mtlsRenewals().pending(id)).isPresent();

            // the portal issues the certificate for the renewal CSR; completing switches after a Good test
            X509Certificate fresh = cert(fx.sim.issueMtlsCertificate(fx.account.apiKey(), started.csrPem(),
                    Duration.ofDays(365)));
            MtlsRenewal.Completed done = renewal.complete(id, Pkcs12Pem.of(fresh), ProgressSink.NONE);
            assertThat(done.switched()).as(String.valueOf(done.reason())).isTrue();
            assertThat(done.report().good()).isTrue();
            assertThat(leaf(store, id).getSerialNumber()).isEqualTo(fresh.getSerialNumber())
                    .isNotEqualTo(oldCert.getSerialNumber());
            assertThat(store.providers().get(id).status().state().name()).isEqualTo("GOOD");
            assertThat(store.mtlsRenewals().pending(id)).isEmpty();
            assertThat(store.mtlsRenewals().count(id)).isEqualTo(1);
            assertThat(store.mtlsRenewals().latest(id).orElseThrow().keystore()).isEqualTo(oldKeystore);
            assertThat(MtlsLifetime.of(store.providers(), store.providers().get(id), Instant.now()).orElseThrow()
                    .level()).isEqualTo(MtlsLifetime.Level.OK);
            ConnectionReport again = new ProviderService(store.providers()).test(id, ProgressSink.NONE,
                    ConnectionListener.NONE);
            assertThat(again.good()).isTrue();

            // restore puts the old keystore back (and keeps the new one restorable)
            ConnectionReport restored = renewal.restore(id, ProgressSink.NONE);
            assertThat(restored.good()).isTrue();
            assertThat(leaf(store, id).getSerialNumber()).isEqualTo(oldCert.getSerialNumber());
            assertThat(store.mtlsRenewals().count(id)).isEqualTo(1);
        }
    }

    /** PEM of one certificate, as the portal returns it. */
    static final class Pkcs12Pem {
        static String of(X509Certificate c) {
            return io.atlasonboard.core.pki.Pem.write(c);
        }
    }
}
