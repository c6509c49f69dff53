package io.atlasonboard.core.pki;

import io.atlasonboard.testing.Secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.atlasonboard.testing.ProcessRun;

/** PKCS#12 files we write, read by openssl 3 and keytool. */
class Pkcs12OpensslTest {
    private static X509Certificate leaf;
    private static X509Certificate ca;
    private static final char[] PW = "Keystore-Pass-42".toCharArray();
    private static Path pw;
    private static Path modern;
    private static Path compat;

    @BeforeAll
    static void write() {
        leaf = TestPki.cert(TestPki.signWithCa("p12client", TestPki.csrPem(TestPki.key()), "clientAuth"));
        ca = TestPki.caCert();
        pw = TestPki.write("p12.pw", new String(PW) + "\n");
        // chain given CA first: the writer puts the leaf first
        modern = TestPki.write("modern.p12", Pkcs12.write(TestPki.key().getPrivate(), List.of(ca, leaf), PW,
                "Atlas mTLS", Pkcs12Profile.MODERN));
        compat = TestPki.write("compat.p12", Pkcs12.write(TestPki.key().getPrivate(), List.of(leaf, ca), PW,
                "Atlas mTLS", Pkcs12Profile.COMPATIBILITY));
    }

    @Test
    void opensslReadsTheModernFileWithoutLegacyAndSeesAesPbkdf2Sha256() {
        ProcessRun r = TestPki.openssl("pkcs12", "-info", "-noout", "-in", modern.toString(), "-passin", "file:" + pw);
        String info = r.out + r.err;
        assertThat(info).contains("MAC: sha256");
        assertThat(info).contains("PBES2, PBKDF2, AES-256-CBC, Iteration 10000, PRF hmacWithSHA256");
        assertThat(info).contains("Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC");
        assertThat(info).doesNotContain("RC2", "3DES", "TripleDES");
    }

    @Test
    void opensslNeedsLegacyForTheCompatibilityFile() {
        ProcessRun without = TestPki.opensslMayFail("pkcs12", "-info", "-noout", "-in", compat.toString(),
                "-passin", "file:" + pw);
        assertThat(without.exit).as(without.toString()).isNotZero();
        assertThat(without.err).containsIgnoringCase("RC2");
        ProcessRun r = TestPki.openssl("pkcs12", "-legacy", "-info", "-noout", "-in", compat.toString(),
                "-passin", "file:" + pw);
        String info = r.out + r.err;
        assertThat(info).contains("MAC: sha1");
        assertThat(info).contains("pbeWithSHA1And40BitRC2-CBC");
        assertThat(info).contains("Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC");
    }

    @Test
    void opensslExtractsTheSameKeyAndLeafFirstChainWithFriendlyNameAndLocalKeyId() throws Exception {
        for (Path p : List.of(modern, compat)) {
            List<String> legacy = p == compat ? List.of("-legacy") : List.of();
            List<String> cmd = new java.util.ArrayList<>(List.of("openssl", "pkcs12"));
            cmd.addAll(legacy);
            cmd.addAll(List.of("-in", p.toString(), "-passin", "file:" + pw, "-nokeys"));
            ProcessRun certs = ProcessRun.of(cmd);
            assertThat(certs.exit).as(certs.toString()).isZero();
            assertThat(certs.out).contains("friendlyName: Atlas mTLS").contains("localKeyID:");
            ParsedInput parsed = PkiInputs.parse(certs.out.getBytes());
            assertThat(parsed.certificates()).containsExactlyInAnyOrder(leaf, ca);
            List<String> kcmd = new java.util.ArrayList<>(List.of("openssl", "pkcs12"));
            kcmd.addAll(legacy);
            kcmd.addAll(List.of("-in", p.toString(), "-passin", "file:" + pw, "-nocerts", "-nodes"));
            ProcessRun key = ProcessRun.of(kcmd);
            assertThat(key.exit).isZero();
            assertThat(EncryptedKeys.decrypt(key.out, null).getEncoded())
                    .isEqualTo(TestPki.key().getPrivate().getEncoded());
        }
    }

    @Test
    void keytoolListsBoth() {
        for (Path p : List.of(modern, compat)) {
            ProcessRun r = TestPki.keytool("-list", "-v", "-storetype", "PKCS12", "-keystore", p.toString(),
                    "-storepass:file", pw.toString());
            assertThat(r.exit).as(r.toString()).isZero();
            assertThat(r.out).contains("Alias name: atlas mtls").contains("Entry type: PrivateKeyEntry")
                    .contains("Certificate chain length: 2");
        }
        Path wrong = TestPki.write("wrongks.pw", "wrong-password\n");
        ProcessRun bad = TestPki.keytool("-list", "-storetype", "PKCS12", "-keystore", modern.toString(),
                "-storepass:file", wrong.toString());
        assertThat(bad.exit).isNotZero();
    }

    @Test
    void readAndVerifyWithTheJdkAndRefuseAWrongPassword() throws Exception {
        for (Path p : List.of(modern, compat)) {
            byte[] data = Files.readAllBytes(p);
            Pkcs12Contents c = Pkcs12.read(data, PW);
            assertThat(c.chain()).containsExactly(leaf, ca);
            assertThat(c.alias()).isEqualTo("atlas mtls");
            Pkcs12.verifyWritten(data, PW, TestPki.key().getPrivate(), List.of(leaf, ca));
            assertThatThrownBy(() -> Pkcs12.verifyWritten(data, PW, TestPki.otherKey().getPrivate(), List.of(leaf, ca)))
                    .isInstanceOf(PkiException.class).hasMessageContaining("differs");
            assertThatThrownBy(() -> Pkcs12.read(data, "wrong".toCharArray()))
                    .isInstanceOf(WrongPasswordException.class).hasMessageContaining("wrong password");
        }
    }

    @Test
    void inspectorShowsTheProfileWithoutThePasswordAndTheContentsWithIt() {
        String m = Inspector.describe(TestPki.read(modern), null);
        assertThat(m).contains("MAC:                 SHA-256",
                "Key bag:             PBES2 (PBKDF2-HMAC-SHA256, 10000 iterations; AES-256-CBC)")
                .doesNotContain("Alias");
        String c = Inspector.describe(TestPki.read(compat), PW);
        assertThat(c).contains("MAC:                 SHA-1", "RC2-40", "3DES", "Alias:               atlas mtls")
                .containsPattern("Key matches cert: +yes");
        assertThatThrownBy(() -> Inspector.describe(TestPki.read(modern), "wrong".toCharArray()))
                .isInstanceOf(WrongPasswordException.class);
    }

    @Test
    void refusesAKeyThatDoesNotMatchTheCertificate() {
        assertThatThrownBy(() -> Pkcs12.write(TestPki.otherKey().getPrivate(), List.of(leaf), PW, "x",
                Pkcs12Profile.MODERN))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining(Keys.spkiSha256(TestPki.otherKey().getPublic()))
                .hasMessageContaining(Keys.spkiSha256(leaf.getPublicKey()));
    }

    @Test
    void opensslReadsThePkcs12WrittenByOpensslItselfThroughOurReader() {
        // the equivalent command we display really produces a keystore (run with passwords from files)
        Path key = TestPki.write("cmdkey.pem", EncryptedKeys.encryptPkcs8(TestPki.key().getPrivate(), PW, 10_000));
        Path cert = TestPki.write("cmdcert.pem", Pem.write(leaf));
        Path chain = TestPki.write("cmdchain.pem", Pem.write(ca));
        Path out = TestPki.dir().resolve("cmd.p12");
        String cmd = Pkcs12.opensslCommand(cert.toString(), chain.toString(), key.toString(), out.toString(),
                "Atlas mTLS", Pkcs12Profile.MODERN);
        assertThat(cmd).startsWith("openssl pkcs12 -export");
        Secrets.assertAbsent(cmd, "suggested openssl command", new String(PW));
        Path pw2 = TestPki.write("p12-out.pw", new String(PW) + "\n"); // openssl reads line 2 if both use one file
        List<String> args = new java.util.ArrayList<>(List.of("bash", "-c",
                cmd + " -passin file:" + pw + " -passout file:" + pw2));
        ProcessRun r = ProcessRun.of(args);
        assertThat(r.exit).as(r.toString()).isZero();
        Pkcs12Contents c = Pkcs12.read(TestPki.read(out), PW);
        assertThat(c.chain()).containsExactly(leaf, ca);
        assertThat(Inspector.describe(TestPki.read(out), null)).contains("PBES2 (PBKDF2-HMAC-SHA256, 10000 iterations; AES-256-CBC)");
    }
}
