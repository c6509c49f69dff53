package io.atlasonboard.core.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Certificates made by an openssl test CA for our CSR, pasted in every format, and checked against the key. */
class CertificateInputOpensslTest {
    private static Path certPem;
    private static Path otherCertPem;

    @BeforeAll
    static void issue() {
        certPem = TestPki.signWithCa("client", TestPki.csrPem(TestPki.key()), "clientAuth");
        otherCertPem = TestPki.signWithCa("other", TestPki.csrPem(TestPki.otherKey()), "clientAuth");
    }

    @Test
    void certificateForOurCsrIsAcceptedWithoutFindings() {
        X509Certificate c = TestPki.cert(certPem);
        List<Finding> f = CertificateChecks.check(c, TestPki.key().getPublic(), Instant.now());
        assertThat(f).isEmpty();
        // the UI can check against the CSR alone (no key password needed)
        var csrKey = Csrs.publicKeyOf(Csrs.parse(TestPki.csrPem(TestPki.key()).getBytes()));
        assertThat(CertificateChecks.check(c, csrKey, Instant.now())).isEmpty();
        assertThat(CertificateChecks.check(TestPki.cert(otherCertPem), csrKey, Instant.now()))
                .extracting(Finding::code).containsExactly(CertificateChecks.KEY_MISMATCH);
        CertificateSummary s = CertificateSummary.of(c);
        assertThat(s.subject()).isEqualTo("CN=atlas.example.com,O=Example GmbH,C=DE");
        assertThat(s.issuer()).isEqualTo("CN=Atlas Onboard Test CA");
        assertThat(s.extendedKeyUsage()).containsExactly("clientAuth (TLS client)");
        assertThat(s.keyUsage()).containsExactly("digitalSignature", "keyEncipherment");
        assertThat(s.subjectAltNames()).containsExactly("DNS:atlas.example.com", "DNS:api.example.com");
        assertThat(s.keyAlgorithm()).isEqualTo("RSA");
        assertThat(s.keySize()).isEqualTo(2048);
        // values agree with openssl's own computation
        String serial = TestPki.openssl("x509", "-in", certPem.toString(), "-noout", "-serial").out.trim();
        assertThat(serial).isEqualTo("serial=" + (s.serialHex().length() % 2 == 1 ? "0" : "") + s.serialHex());
        String fp = TestPki.openssl("x509", "-in", certPem.toString(), "-noout", "-fingerprint", "-sha256").out.trim();
        assertThat(fp).isEqualTo("sha256 Fingerprint=" + s.sha256Fingerprint());
        assertThat(Fingerprints.plain(s.spkiSha256())).isEqualTo(TestPki.opensslSpkiSha256(certPem));
    }

    @Test
    void certificateForAnotherKeyIsRefusedWithBothSpkiFingerprints() {
        X509Certificate c = TestPki.cert(otherCertPem);
        List<Finding> f = CertificateChecks.check(c, TestPki.key().getPublic(), Instant.now());
        assertThat(CertificateChecks.hasErrors(f)).isTrue();
        Finding mismatch = f.get(0);
        assertThat(mismatch.code()).isEqualTo(CertificateChecks.KEY_MISMATCH);
        String ours = Keys.spkiSha256(TestPki.key().getPublic());
        String theirs = TestPki.opensslSpkiSha256(otherCertPem);
        assertThat(mismatch.details()).containsEntry("expectedSpkiSha256", ours);
        assertThat(Fingerprints.plain(mismatch.details().get("certificateSpkiSha256"))).isEqualTo(theirs);
        assertThat(mismatch.message()).contains(ours).contains(mismatch.details().get("certificateSpkiSha256"));
        assertThat(ours).isNotEqualTo(mismatch.details().get("certificateSpkiSha256"));
    }

    @Test
    void warnsOnMissingClientAuthExpiredAndNotYetValid() {
        Path server = TestPki.signWithCa("serveronly", TestPki.csrPem(TestPki.key()), "serverAuth");
        X509Certificate s = TestPki.cert(server);
        assertThat(CertificateChecks.check(s, TestPki.key().getPublic(), Instant.now()))
                .extracting(Finding::code).containsExactly(CertificateChecks.NO_CLIENT_AUTH);
        X509Certificate c = TestPki.cert(certPem);
        assertThat(CertificateChecks.check(c, TestPki.key().getPublic(), Instant.now().plus(Duration.ofDays(400))))
                .extracting(Finding::code, Finding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(CertificateChecks.EXPIRED, Finding.Severity.WARN));
        assertThat(CertificateChecks.check(c, TestPki.key().getPublic(), Instant.now().minus(Duration.ofDays(2))))
                .extracting(Finding::code).containsExactly(CertificateChecks.NOT_YET_VALID);
    }

    @Test
    void readsPemDerAndPkcs7WithChainInAnyOrderLeafFirst() throws Exception {
        Path dir = TestPki.dir();
        X509Certificate leaf = TestPki.cert(certPem);
        X509Certificate ca = TestPki.caCert();
        // PEM, chain first then leaf
        String reversed = Files.readString(dir.resolve("ca.pem")) + Files.readString(certPem);
        ParsedInput p = PkiInputs.parse(reversed.getBytes());
        assertThat(p.kind()).isEqualTo(ParsedInput.Kind.CERTIFICATES);
        assertThat(p.certificates()).containsExactly(leaf, ca);
        assertThat(p.format()).isEqualTo("PEM");
        // DER
        Path der = dir.resolve("client.der");
        TestPki.openssl("x509", "-in", certPem.toString(), "-outform", "DER", "-out", der.toString());
        p = PkiInputs.parse(Files.readAllBytes(der));
        assertThat(p.certificates()).containsExactly(leaf);
        assertThat(p.format()).isEqualTo("DER");
        // PKCS#7 PEM and DER, CA first inside
        Path p7 = dir.resolve("bundle.p7b");
        TestPki.openssl("crl2pkcs7", "-nocrl", "-certfile", dir.resolve("ca.pem").toString(), "-certfile",
                certPem.toString(), "-out", p7.toString());
        p = PkiInputs.parse(Files.readAllBytes(p7));
        assertThat(p.format()).isEqualTo("PKCS#7 PEM");
        assertThat(p.certificates()).containsExactly(leaf, ca);
        Path p7der = dir.resolve("bundle.p7b.der");
        TestPki.openssl("pkcs7", "-in", p7.toString(), "-outform", "DER", "-out", p7der.toString());
        p = PkiInputs.parse(Files.readAllBytes(p7der));
        assertThat(p.format()).isEqualTo("PKCS#7 DER");
        assertThat(p.leaf()).isEqualTo(leaf);
        assertThat(p.chain()).containsExactly(ca);
        // Base64 DER without PEM armour (what some portals show)
        String b64 = java.util.Base64.getMimeEncoder().encodeToString(Files.readAllBytes(der));
        assertThat(PkiInputs.parse(b64.getBytes()).certificates()).containsExactly(leaf);
    }

    @Test
    void explainsACsrAPrivateKeyAKeystoreAndGarbage() throws Exception {
        String csr = TestPki.csrPem(TestPki.key());
        ParsedInput p = PkiInputs.parse(csr.getBytes());
        assertThat(p.kind()).isEqualTo(ParsedInput.Kind.CSR);
        assertThat(p.message()).contains("certificate request", "not the certificate", "portal returned");
        assertThat(p.csr()).isNotNull();

        Path csrDer = TestPki.dir().resolve("x.csr.der");
        TestPki.openssl("req", "-in", TestPki.write("x.csr", csr).toString(), "-outform", "DER", "-out", csrDer.toString());
        assertThat(PkiInputs.parse(Files.readAllBytes(csrDer)).kind()).isEqualTo(ParsedInput.Kind.CSR);

        Path key = TestPki.dir().resolve("pasted.key");
        TestPki.openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key.toString());
        p = PkiInputs.parse(Files.readAllBytes(key));
        assertThat(p.kind()).isEqualTo(ParsedInput.Kind.PRIVATE_KEY);
        assertThat(p.message()).contains("private key", "not kept");
        assertThat(p.certificates()).isEmpty();
        Path keyDer = TestPki.dir().resolve("pasted.key.der");
        TestPki.openssl("pkey", "-in", key.toString(), "-outform", "DER", "-out", keyDer.toString());
        assertThat(PkiInputs.parse(Files.readAllBytes(keyDer)).kind()).isEqualTo(ParsedInput.Kind.PRIVATE_KEY);

        byte[] p12 = Pkcs12.write(TestPki.key().getPrivate(), List.of(TestPki.cert(certPem)), "pw-123456".toCharArray(),
                "x", Pkcs12Profile.MODERN);
        assertThat(PkiInputs.parse(p12).kind()).isEqualTo(ParsedInput.Kind.PKCS12);

        p = PkiInputs.parse("hello, this is my certificate".getBytes());
        assertThat(p.kind()).isEqualTo(ParsedInput.Kind.UNRECOGNISED);
        assertThat(p.message()).contains("PEM", "DER", "PKCS#7");
        assertThat(PkiInputs.parse(new byte[0]).kind()).isEqualTo(ParsedInput.Kind.UNRECOGNISED);
    }
}
