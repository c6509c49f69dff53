package io.atlasonboard.core.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.atlasonboard.testing.ProcessRun;

/** The CSR we write, checked by openssl 3. */
class CsrOpensslTest {

    @Test
    void opensslVerifiesTheRequestAndSeesSubjectSansKeyAndSignature() {
        CsrRequest r = new CsrRequest("atlas.example.com", "DE", "Example GmbH & Co. KG",
                List.of("*.example.com", "Bücher.example", "api.example.com")).withCnInSans();
        assertThat(r.cnInSans()).isTrue();
        Path f = TestPki.write("req1.csr", Csrs.toPem(Csrs.create(TestPki.key(), r)));

        ProcessRun verify = TestPki.openssl("req", "-in", f.toString(), "-verify", "-noout");
        assertThat(verify.out + verify.err).contains("verify OK").doesNotContain("failure");

        String text = TestPki.openssl("req", "-in", f.toString(), "-noout", "-text").out;
        assertThat(text).contains("Subject: C = DE, O = Example GmbH & Co. KG, CN = atlas.example.com");
        assertThat(text).contains("Public-Key: (2048 bit)");
        assertThat(text).contains("Signature Algorithm: sha256WithRSAEncryption");
        assertThat(text).contains("DNS:atlas.example.com, DNS:*.example.com, DNS:xn--bcher-kva.example, DNS:api.example.com");
    }

    @Test
    void cnCanBeLeftOutOfTheSans() {
        CsrRequest r = new CsrRequest("atlas.example.com", "AT", "Example", List.of("atlas.example.com", "b.example.com"))
                .withoutCnInSans();
        assertThat(r.cnInSans()).isFalse();
        Path f = TestPki.write("req2.csr", Csrs.toPem(Csrs.create(TestPki.key(), r)));
        String text = TestPki.openssl("req", "-in", f.toString(), "-noout", "-text").out;
        assertThat(text).contains("Subject: C = AT, O = Example, CN = atlas.example.com");
        assertThat(text).contains("DNS:b.example.com").doesNotContain("DNS:atlas.example.com");
    }

    @Test
    void aTamperedRequestFailsOpensslVerification() {
        // shows the verification above can fail: flip one byte inside the signed part
        var csr = Csrs.create(TestPki.key(), new CsrRequest("atlas.example.com", "DE", "Example", List.of()));
        byte[] der;
        try {
            der = csr.getEncoded();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        int idx = indexOf(der, "Example".getBytes());
        der[idx] = 'F';
        Path f = TestPki.write("tampered.der", der);
        ProcessRun r = TestPki.opensslMayFail("req", "-inform", "DER", "-in", f.toString(), "-verify", "-noout");
        // openssl 3.0 exits 0 here and reports the failure in words, so the words are what we check (above too)
        assertThat(r.out + r.err).contains("verify failure").doesNotContain("verify OK");
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void invalidRequestValuesAreRefusedBeforeSigning() {
        var kp = TestPki.key();
        assertThatInvalid(() -> Csrs.create(kp, new CsrRequest("atlas.example.com", "XX", "Org", List.of())),
                "ISO 3166");
        assertThatInvalid(() -> Csrs.create(kp, new CsrRequest("atlas.example.com", "DE", " ", List.of())),
                "Organization is empty");
        assertThatInvalid(() -> Csrs.create(kp, new CsrRequest("atlas.example.com", "DE", "Org",
                List.of("a.example.com", "A.example.com."))), "listed twice");
    }

    static void assertThatInvalid(Runnable r, String messagePart) {
        org.assertj.core.api.Assertions.assertThatThrownBy(r::run).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(messagePart);
    }
}
