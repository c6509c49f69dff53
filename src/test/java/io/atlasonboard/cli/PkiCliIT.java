package io.atlasonboard.cli;

import io.atlasonboard.testing.Secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import io.atlasonboard.core.pki.TestPki;
import io.atlasonboard.testing.ProcessRun;

/** The csr, p12 and inspect commands run as the product jar, their files checked by openssl and keytool. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PkiCliIT {
    private static final String PW_LABEL = "Key password (shown once, store it safely): ";

    @TempDir
    static Path dir;
    private static Path csr;
    private static Path key;
    private static Path keyPw;
    private static Path cert;

    @BeforeAll
    static void createCsrWithGeneratedPassword() throws Exception {
        csr = dir.resolve("mtls.csr");
        key = dir.resolve("mtls.key");
        ProcessRun r = ProcessRun.atlas("csr", "--cn", "https://Atlas.Example.com:8443/login", "--country", "de",
                "--org", "Example GmbH", "--dns", "api.example.com", "--dns", "bücher.example",
                "--csr-out", csr.toString(), "--key-out", key.toString());
        assertThat(r.exit).as("exit status; stderr: %s", r.err).isZero();
        // the generated password is printed exactly once, labelled; not echoed into assertion messages
        Matcher m = Pattern.compile(Pattern.quote(PW_LABEL) + "(\\S+)").matcher(r.out);
        assertThat(m.find()).as("labelled password line present").isTrue();
        String password = m.group(1);
        assertThat(count(r.out, password)).as("password occurrences on stdout").isEqualTo(1);
        assertThat(r.err.contains(password)).as("password on stderr").isFalse();
        assertThat(password.length()).isEqualTo(24);
        keyPw = dir.resolve("key.pw");
        Files.writeString(keyPw, password + "\n");
        // the user is told the CN input was changed
        assertThat(r.err).contains("Common Name was changed", "removed the scheme https://", "removed the port :8443",
                "removed the path /login", "changed to lower case");
        assertThat(Files.readString(key).contains(password)).as("password inside key file").isFalse();
    }

    @Test
    @Order(1)
    void csrAndKeyAreAcceptedByOpensslWithOwnerOnlyKey() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(csr))).isEqualTo("rw-r--r--");
        ProcessRun v = TestPki.openssl("req", "-in", csr.toString(), "-verify", "-noout");
        assertThat(v.out + v.err).contains("verify OK");
        String text = TestPki.openssl("req", "-in", csr.toString(), "-noout", "-text").out;
        assertThat(text).contains("Subject: C = DE, O = Example GmbH, CN = atlas.example.com",
                "Public-Key: (2048 bit)", "sha256WithRSAEncryption",
                "DNS:atlas.example.com, DNS:api.example.com, DNS:xn--bcher-kva.example");
        TestPki.openssl("pkey", "-in", key.toString(), "-passin", "file:" + keyPw, "-noout");
        String asn1 = TestPki.openssl("asn1parse", "-in", key.toString()).out;
        assertThat(asn1).contains(":PBES2", ":PBKDF2", ":hmacWithSHA256", ":aes-256-cbc");
        // no temp files left behind by the atomic writes
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    @Order(2)
    void existingFilesAreKeptWithoutForceAndReplacedWithForce() throws Exception {
        byte[] before = Files.readAllBytes(key);
        ProcessRun r = ProcessRun.atlas("csr", "--cn", "x.example.com", "--country", "DE", "--org", "X",
                "--csr-out", csr.toString(), "--key-out", key.toString(), "--key-password-file", keyPw.toString());
        assertThat(r.exit).as(r.toString()).isEqualTo(1);
        assertThat(r.err).contains("already exists", "--force");
        assertThat(Files.readAllBytes(key)).isEqualTo(before);

        Path csr2 = dir.resolve("forced.csr");
        Path key2 = dir.resolve("forced.key");
        Files.writeString(csr2, "old");
        Files.writeString(key2, "old");
        r = ProcessRun.atlas("csr", "--cn", "x.example.com", "--country", "DE", "--org", "X", "--force",
                "--csr-out", csr2.toString(), "--key-out", key2.toString(), "--key-password-file", keyPw.toString());
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out.contains("Key password")).as("'Key password' line on stdout").isFalse();
        assertThat(count(r.out, Files.readString(keyPw).strip())).as("password occurrences").isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key2))).isEqualTo("rw-------");
        TestPki.openssl("pkey", "-in", key2.toString(), "-passin", "file:" + keyPw, "-noout");
        assertThat(Files.readString(csr2)).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
    }

    @Test
    @Order(3)
    void badInputsExitOneAndUsageErrorsExitTwo() {
        ProcessRun size = ProcessRun.atlas("csr", "--cn", "a.example.com", "--country", "DE", "--org", "X",
                "--key-size", "4096", "--csr-out", dir.resolve("s.csr").toString(), "--key-out",
                dir.resolve("s.key").toString());
        assertThat(size.exit).isEqualTo(1);
        assertThat(size.err).contains("Key size 4096 is not accepted", "only RSA 2048");
        assertThat(Files.exists(dir.resolve("s.key"))).isFalse();

        ProcessRun cc = ProcessRun.atlas("csr", "--cn", "a.example.com", "--country", "UK", "--org", "X",
                "--csr-out", dir.resolve("s.csr").toString(), "--key-out", dir.resolve("s.key").toString());
        assertThat(cc.exit).isEqualTo(1);
        assertThat(cc.err).contains("use GB");

        ProcessRun dup = ProcessRun.atlas("csr", "--cn", "a.example.com", "--country", "DE", "--org", "X",
                "--dns", "b.example.com", "--dns", "B.Example.com.", "--csr-out", dir.resolve("s.csr").toString(), "--key-out",
                dir.resolve("s.key").toString());
        assertThat(dup.exit).isEqualTo(1);
        assertThat(dup.err).contains("listed twice");

        ProcessRun missing = ProcessRun.atlas("csr", "--cn", "a.example.com", "--country", "DE",
                "--csr-out", dir.resolve("s.csr").toString(), "--key-out", dir.resolve("s.key").toString());
        assertThat(missing.exit).isEqualTo(2);
        assertThat(missing.err).contains("--org");

        ProcessRun notInt = ProcessRun.atlas("csr", "--cn", "a.example.com", "--country", "DE", "--org", "X",
                "--key-size", "big", "--csr-out", dir.resolve("s.csr").toString(), "--key-out",
                dir.resolve("s.key").toString());
        assertThat(notInt.exit).isEqualTo(2);
    }

    @Test
    @Order(4)
    void p12FromTheCaCertificateReadsInOpensslKeytoolAndInspect() throws Exception {
        cert = TestPki.signWithCa("cli-client", Files.readString(csr), "clientAuth");
        Path storePw = dir.resolve("store.pw");
        Files.writeString(storePw, "Store-Pass-2026\n");
        Path modern = dir.resolve("modern.p12");
        ProcessRun r = ProcessRun.atlas("p12", "--cert", cert.toString(), "--chain",
                TestPki.dir().resolve("ca.pem").toString(), "--key", key.toString(), "--key-password-file",
                keyPw.toString(), "--out", modern.toString(), "--password-file", storePw.toString(),
                "--name", "Atlas mTLS");
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).contains("written and verified", "openssl pkcs12 -export -in " + cert, "-inkey " + key,
                "-name 'Atlas mTLS'");
        Secrets.assertAbsent(r.out, "stdout of atlas p12", "Store-Pass-2026");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(modern))).isEqualTo("rw-------");
        ProcessRun info = TestPki.openssl("pkcs12", "-info", "-noout", "-in", modern.toString(), "-passin",
                "file:" + storePw);
        assertThat(info.out + info.err).contains("MAC: sha256", "AES-256-CBC");
        ProcessRun kt = TestPki.keytool("-list", "-storetype", "PKCS12", "-keystore", modern.toString(),
                "-storepass:file", storePw.toString());
        assertThat(kt.exit).as(kt.toString()).isZero();
        assertThat(kt.out).contains("atlas mtls", "PrivateKeyEntry");

        Path compat = dir.resolve("compat.p12");
        r = ProcessRun.atlas("p12", "--cert", cert.toString(), "--key", key.toString(), "--key-password-file",
                keyPw.toString(), "--out", compat.toString(), "--password-file", storePw.toString(),
                "--profile", "compat");
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).contains("Compatibility", "-legacy");
        assertThat(TestPki.opensslMayFail("pkcs12", "-info", "-noout", "-in", compat.toString(), "-passin",
                "file:" + storePw).exit).isNotZero();
        TestPki.openssl("pkcs12", "-legacy", "-info", "-noout", "-in", compat.toString(), "-passin", "file:" + storePw);
        assertThat(TestPki.keytool("-list", "-storetype", "PKCS12", "-keystore", compat.toString(),
                "-storepass:file", storePw.toString()).exit).isZero();

        ProcessRun again = ProcessRun.atlas("p12", "--cert", cert.toString(), "--key", key.toString(),
                "--key-password-file", keyPw.toString(), "--out", compat.toString(), "--password-file",
                storePw.toString());
        assertThat(again.exit).isEqualTo(1);
        assertThat(again.err).contains("already exists");

        ProcessRun insp = ProcessRun.atlas("inspect", modern.toString(), "--password-file", storePw.toString());
        assertThat(insp.exit).as(insp.toString()).isZero();
        assertThat(insp.out).containsPattern("Key matches cert: +yes");
        assertThat(insp.out).contains("PKCS#12 keystore", "MAC:", "SHA-256",
                "CN=atlas.example.com", "clientAuth");
        ProcessRun inspKey = ProcessRun.atlas("inspect", key.toString(), "--password-file", keyPw.toString());
        assertThat(inspKey.exit).isZero();
        assertThat(inspKey.out.contains("PRIVATE KEY-----")).as("private key PEM in inspect output").isFalse();
        assertThat(inspKey.out).contains("encrypted PKCS#8", "RSA 2048", "SPKI SHA-256");
        ProcessRun inspCert = ProcessRun.atlas("inspect", cert.toString());
        assertThat(inspCert.exit).isZero();
        assertThat(inspCert.out).contains("Certificate", "Issuer:", "CN=Atlas Onboard Test CA", "SHA-256 fingerprint");
        ProcessRun wrong = ProcessRun.atlas("inspect", modern.toString(), "--password-file", keyPw.toString());
        assertThat(wrong.exit).isEqualTo(1);
        assertThat(wrong.err).contains("wrong password");
    }

    @Test
    @Order(5)
    void p12RefusesACertificateForAnotherKeyWithBothFingerprints() throws Exception {
        Path other = TestPki.signWithCa("cli-other", TestPki.csrPem(TestPki.otherKey()), "clientAuth");
        Path storePw = dir.resolve("store2.pw");
        Files.writeString(storePw, "Store-Pass-2026\n");
        Path out = dir.resolve("mismatch.p12");
        ProcessRun r = ProcessRun.atlas("p12", "--cert", other.toString(), "--key", key.toString(),
                "--key-password-file", keyPw.toString(), "--out", out.toString(), "--password-file", storePw.toString());
        assertThat(r.exit).as(r.toString()).isEqualTo(1);
        String certSpki = TestPki.opensslSpkiSha256(other);
        Path pub = dir.resolve("key.pub");
        TestPki.openssl("pkey", "-in", key.toString(), "-passin", "file:" + keyPw, "-pubout", "-outform", "DER",
                "-out", pub.toString());
        String keySpki = TestPki.openssl("dgst", "-sha256", "-r", pub.toString()).out.split(" ")[0];
        String err = r.err.replace(":", "").toLowerCase();
        assertThat(err).contains(certSpki).contains(keySpki);
        assertThat(Files.exists(out)).isFalse();

        // a CSR given as the certificate is explained; a wrong key password is named as such
        ProcessRun csrAsCert = ProcessRun.atlas("p12", "--cert", csr.toString(), "--key", key.toString(),
                "--key-password-file", keyPw.toString(), "--out", out.toString(), "--password-file", storePw.toString());
        assertThat(csrAsCert.exit).isEqualTo(1);
        assertThat(csrAsCert.err).contains("certificate request", "not the certificate");
        ProcessRun wrongPw = ProcessRun.atlas("p12", "--cert", cert == null ? other.toString() : cert.toString(),
                "--key", key.toString(), "--key-password-file", storePw.toString(), "--out", out.toString(),
                "--password-file", storePw.toString());
        assertThat(wrongPw.exit).isEqualTo(1);
        assertThat(wrongPw.err).contains("wrong password");
        ProcessRun badProfile = ProcessRun.atlas("p12", "--cert", other.toString(), "--key", key.toString(),
                "--key-password-file", keyPw.toString(), "--out", out.toString(), "--password-file",
                storePw.toString(), "--profile", "ancient");
        assertThat(badProfile.exit).isEqualTo(2);
        ProcessRun garbage = ProcessRun.atlas("inspect", keyPw.toString());
        assertThat(garbage.exit).isEqualTo(1);
        assertThat(garbage.err).contains("not recognised");
        ProcessRun none = ProcessRun.atlas("inspect", dir.resolve("nope.pem").toString());
        assertThat(none.exit).isEqualTo(1);
        assertThat(none.err).contains("does not exist");
    }

    private static int count(String hay, String needle) {
        int n = 0;
        for (int i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
