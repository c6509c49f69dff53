package io.atlasonboard.core.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.atlas.CertificateInfo;
import io.atlasonboard.core.atlas.RevocationReason;
import io.atlasonboard.core.claims.DomainsException;
import io.atlasonboard.core.store.CertificateStatus;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.sim.SimulatorConfig;
import io.atlasonboard.sim.ValidationPolicies;
import io.atlasonboard.testing.SimProviderFixture;

/**
 * Rekey against the simulator (201 + Location of a new serial; the old certificate unchanged; the new one has the
 * same names and a different key), and the client sending a serial without its leading zero (as clients that parse
 * serials as numbers do): retrieve and revoke work.
 */
class RekeySimTest {
    @TempDir
    static Path dir;
    static SimProviderFixture fx;
    static AtlasClient client;

    @BeforeAll
    static void start() throws Exception {
        fx = SimProviderFixture.start(SimulatorConfig.defaults(), ValidationPolicies.tls(), IntendedUse.TLS, "rekey",
                dir);
        client = fx.client(2, null);
        fx.verifyDomain(client, "rekey.test");
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    IssuanceService service() {
        return fx.issuance(client);
    }

    static X509Certificate cert(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void rekeyGivesANewSerialAndKeyForTheSameNamesAndLeavesTheOldOne() throws Exception {
        IssuanceService svc = service();
        IssuedCertificate old = svc.issue(IssueRequest.of("www.rekey.test", List.of("www.rekey.test"), List.of()),
                null);
        assertThat(old.pending()).isFalse();
        CertificateInfo before = client.getCertificate(old.serial());

        IssuedCertificate fresh = svc.rekey(old.serial(), null, null);
        assertThat(fresh.pending()).isFalse();
        assertThat(fresh.serial()).isNotEqualTo(old.serial());
        X509Certificate a = cert(old.certificatePem());
        X509Certificate b = cert(fresh.certificatePem());
        assertThat(b.getSubjectX500Principal()).isEqualTo(a.getSubjectX500Principal());
        assertThat(List.copyOf(b.getSubjectAlternativeNames()))
                .containsExactlyElementsOf(List.copyOf(a.getSubjectAlternativeNames()));
        assertThat(b.getPublicKey().getEncoded()).isNotEqualTo(a.getPublicKey().getEncoded());
        // the new certificate carries the new key generated here
        assertThat(((java.security.interfaces.RSAPrivateCrtKey) fresh.privateKey()).getModulus())
                .isEqualTo(((java.security.interfaces.RSAPublicKey) b.getPublicKey()).getModulus());

        CertificateInfo after = client.getCertificate(old.serial());
        assertThat(after.status()).isEqualTo("ISSUED");
        assertThat(after.certificatePem()).isEqualTo(before.certificatePem());
        assertThat(fx.store().certificates().findBySerial(fx.provider.id(), fresh.serial()).orElseThrow().status())
                .isEqualTo(CertificateStatus.ISSUED);
        assertThat(fx.store().certificates().findBySerial(fx.provider.id(), fresh.serial()).orElseThrow()
                .hasPrivateKey()).isTrue();

        svc.revoke(old.serial(), RevocationReason.SUPERSEDED);
        assertThatThrownBy(() -> svc.rekey(old.serial(), null, null)).isInstanceOf(DomainsException.class)
                .hasMessageContaining("only an issued certificate can be rekeyed");
    }

    @Test
    void serialWithoutItsLeadingZeroRetrievesAndRevokes() {
        IssuedCertificate c = service().issue(IssueRequest.of("short.rekey.test", List.of("short.rekey.test"),
                List.of()), null);
        assertThat(c.serial()).startsWith("01").hasSize(32);
        String shortSerial = c.serial().substring(1); // 1E9080... for 01E9080...: 31 hex digits
        CertificateInfo info = client.getCertificate(shortSerial);
        assertThat(info.status()).isEqualTo("ISSUED");
        assertThat(info.certificatePem()).isEqualTo(c.certificatePem());
        assertThat(client.revokeCertificate(shortSerial.toLowerCase(), RevocationReason.CESSATION_OF_OPERATION))
                .isEqualTo("PATCH");
        assertThat(client.getCertificate(c.serial()).status()).isEqualTo("REVOKED");
    }
}
