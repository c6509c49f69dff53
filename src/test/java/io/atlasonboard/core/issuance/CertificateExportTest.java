package io.atlasonboard.core.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.pki.InvalidInputException;
import io.atlasonboard.core.store.CertificateRecord;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.sim.SimulatorConfig;
import io.atlasonboard.sim.ValidationPolicies;
import io.atlasonboard.testing.ProcessRun;
import io.atlasonboard.testing.SimProviderFixture;

/**
 * Export of a certificate issued through the simulator (real sandbox CA chain): the PEM chain verifies with
 * {@code openssl verify}, and the PKCS#12 written from the stored record with the key kept encrypted in the store (as
 * the certificates pane and {@code cert export} do) and from a just-issued certificate (as {@code cert issue --p12-out}
 * does) opens in {@code openssl pkcs12} with the chain and the key that belongs to the certificate.
 */
class CertificateExportTest {
    private static final String P12_PASSWORD = "export-pass-42";

    @TempDir
    static Path dir;
    static SimProviderFixture fx;
    static AtlasClient client;
    static IssuedCertificate issued;
    static Path passwordFile;

    @BeforeAll
    static void issue() throws Exception {
        fx = SimProviderFixture.start(SimulatorConfig.defaults(), ValidationPolicies.tls(), IntendedUse.TLS, "export",
                dir);
        client = fx.client(2, null);
        fx.verifyDomain(client, "shop.export.test");
        issued = new IssuanceService(fx.store(), fx.provider, client).pickup(Duration.ofSeconds(30),
                Duration.ofMillis(50)).issue(IssueRequest.of("shop.export.test", List.of("www.shop.export.test"),
                List.of()), null);
        assertThat(issued.pending()).isFalse();
        passwordFile = Files.writeString(dir.resolve("p12-password.txt"), P12_PASSWORD + "\n");
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

    private static CertificateRecord stored() {
        return fx.store().certificates().findBySerial(fx.provider.id(), issued.serial()).orElseThrow();
    }

    @Test
    void pemIsTheCertificateThenItsChainAndVerifiesWithOpenssl() throws Exception {
        CertificateRecord r = stored();
        String pem = CertificateExport.pem(r);
        assertThat(pem).isEqualTo(CertificateExport.pem(issued));
        String[] parts = pem.split("(?=-----BEGIN CERTIFICATE-----)");
        assertThat(parts).hasSize(3); // leaf, issuing CA, root
        Path leaf = Files.writeString(dir.resolve("leaf.pem"), parts[0]);
        Path ca = Files.writeString(dir.resolve("ca.pem"), parts[1]);
        Path root = Files.writeString(dir.resolve("root.pem"), parts[2]);
        ProcessRun ver = ProcessRun.of("openssl", "verify", "-CAfile", root.toString(), "-untrusted", ca.toString(),
                leaf.toString());
        assertThat(ver.exit).as(ver.toString()).isZero();
        ProcessRun text = ProcessRun.of("openssl", "x509", "-in", leaf.toString(), "-noout", "-serial", "-ext",
                "subjectAltName");
        assertThat(text.out).containsIgnoringCase("serial=" + issued.serial()).contains("DNS:www.shop.export.test");
        assertThat(CertificateExport.fileName(r)).isEqualTo("shop.export.test");
    }

    @Test
    void pkcs12FromTheStoredRecordAndKeyOpensInOpenssl() throws Exception {
        CertificateRecord r = stored();
        assertThat(CertificateExport.canExportPkcs12(r)).isTrue();
        byte[] p12 = CertificateExport.pkcs12(r, fx.store().certificates(), P12_PASSWORD.toCharArray());
        checkWithOpenssl(p12, "stored");
    }

    @Test
    void pkcs12FromTheJustIssuedCertificateOpensInOpenssl() throws Exception {
        byte[] p12 = CertificateExport.pkcs12(issued, P12_PASSWORD.toCharArray());
        checkWithOpenssl(p12, "issued");
    }

    private static void checkWithOpenssl(byte[] p12, String name) throws Exception {
        Path file = Files.write(dir.resolve(name + ".p12"), p12);
        ProcessRun certs = ProcessRun.of("openssl", "pkcs12", "-in", file.toString(), "-passin", "file:" + passwordFile,
                "-nokeys");
        assertThat(certs.exit).as(certs.err).isZero();
        assertThat(certs.out.split("-----BEGIN CERTIFICATE-----", -1)).hasSize(4);
        assertThat(certs.out).contains("friendlyName: shop.export.test");
        Path key = dir.resolve(name + ".key.pem");
        ProcessRun keyOut = ProcessRun.of("openssl", "pkcs12", "-in", file.toString(), "-passin",
                "file:" + passwordFile, "-nocerts", "-nodes", "-out", key.toString());
        assertThat(keyOut.exit).as(keyOut.err).isZero();
        ProcessRun keyPub = ProcessRun.of("openssl", "pkey", "-in", key.toString(), "-pubout");
        Path leaf = Files.writeString(dir.resolve(name + ".leaf.pem"), issued.certificatePem());
        ProcessRun certPub = ProcessRun.of("openssl", "x509", "-in", leaf.toString(), "-noout", "-pubkey");
        assertThat(keyPub.exit).as(keyPub.err).isZero();
        assertThat(keyPub.out).startsWith("-----BEGIN PUBLIC KEY-----").isEqualTo(certPub.out);
        Files.delete(key);
        ProcessRun wrong = ProcessRun.of("openssl", "pkcs12", "-in", file.toString(), "-passin", "pass:not-it",
                "-nokeys");
        assertThat(wrong.exit).as("a wrong password does not open it").isNotZero();
    }

    @Test
    void refusesWithoutTheKeyWhilePendingAndWithAShortPassword() {
        CertificateRecord r = stored();
        CertificateRecord noKey = new CertificateRecord(r.id(), r.providerId(), r.serial(), r.commonName(), r.sans(),
                r.status(), r.notBefore(), r.notAfter(), r.certificatePem(), r.chainPem(), r.issuedAt(), null, null,
                false, r.createdAt(), r.updatedAt());
        assertThat(CertificateExport.canExportPkcs12(noKey)).isFalse();
        assertThatThrownBy(() -> CertificateExport.pkcs12(noKey, fx.store().certificates(),
                P12_PASSWORD.toCharArray())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is not kept here").hasMessageContaining("export it as PEM");
        CertificateRecord pending = new CertificateRecord(r.id(), r.providerId(), r.serial(), r.commonName(), r.sans(),
                r.status(), r.notBefore(), r.notAfter(), null, null, null, null, null, true, r.createdAt(),
                r.updatedAt());
        assertThatThrownBy(() -> CertificateExport.pem(pending)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("still being issued");
        assertThat(CertificateExport.checkPassword("1234567".toCharArray()))
                .isEqualTo("Enter a keystore password of at least 8 characters.");
        assertThat(CertificateExport.checkPassword("12345678".toCharArray())).isEmpty();
        assertThatThrownBy(() -> CertificateExport.pkcs12(r, fx.store().certificates(), "short".toCharArray()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at least 8 characters");
        assertThatThrownBy(() -> CertificateExport.pkcs12(issued, null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at least 8 characters");
    }
}
