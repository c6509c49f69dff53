package io.atlasonboard.core.pki;

import io.atlasonboard.testing.Secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.atlasonboard.testing.ProcessRun;

/** Encrypted PKCS#8 written by us and read by openssl; keys written by openssl read by us. */
class EncryptedKeysOpensslTest {
    private static char[] password;
    private static Path keyFile;
    private static Path pwFile;

    @BeforeAll
    static void writeKey() {
        password = Passwords.generate();
        keyFile = TestPki.write("enc.key", EncryptedKeys.encryptPkcs8(TestPki.key().getPrivate(), password));
        pwFile = TestPki.write("enc.pw", new String(password) + "\n");
    }

    @Test
    void opensslDecryptsWithThePasswordAndGetsOurPublicKey() {
        ProcessRun r = TestPki.openssl("pkey", "-in", keyFile.toString(), "-passin", "file:" + pwFile, "-pubout");
        assertThat(r.out).isEqualTo(Pem.write(TestPki.key().getPublic()));
        String text = TestPki.openssl("pkey", "-in", keyFile.toString(), "-passin", "file:" + pwFile,
                "-noout", "-text").out;
        assertThat(text).contains("Private-Key: (2048 bit");
    }

    @Test
    void opensslRefusesAWrongPassword() {
        Path wrong = TestPki.write("wrong.pw", "not-the-password\n");
        ProcessRun r = TestPki.opensslMayFail("pkey", "-in", keyFile.toString(), "-passin", "file:" + wrong, "-noout");
        assertThat(r.exit).isNotZero();
    }

    @Test
    void asn1parseShowsPbes2Pbkdf2HmacSha256Aes256CbcAndTheIterationCount() throws Exception {
        assertThat(Files.readString(keyFile)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        String asn1 = TestPki.openssl("asn1parse", "-in", keyFile.toString()).out;
        assertThat(asn1).contains(":PBES2", ":PBKDF2", ":hmacWithSHA256", ":aes-256-cbc");
        assertThat(asn1).contains("INTEGER           :0927C0"); // 600000 iterations
    }

    @Test
    void weReadOurKeyBackAndTellWrongPasswordFromNotAKey() throws Exception {
        String pem = Files.readString(keyFile);
        PrivateKey k = EncryptedKeys.decrypt(pem, password);
        assertThat(k.getEncoded()).isEqualTo(TestPki.key().getPrivate().getEncoded());
        assertThat(EncryptedKeys.isEncrypted(pem)).isTrue();
        assertThatThrownBy(() -> EncryptedKeys.decrypt(pem, "wrong".toCharArray()))
                .isInstanceOf(WrongPasswordException.class).hasMessageContaining("wrong password");
        assertThatThrownBy(() -> EncryptedKeys.decrypt(pem, null))
                .isInstanceOf(WrongPasswordException.class).hasMessageContaining("password is needed");
        String csr = TestPki.csrPem(TestPki.key());
        assertThatThrownBy(() -> EncryptedKeys.decrypt(csr, password))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a private key").hasMessageContaining("certificate request");
    }

    @Test
    void readsKeysOpensslWritesInEveryCommonForm() throws Exception {
        Path dir = TestPki.dir();
        Path pw = TestPki.write("ossl.pw", "s3cret-Pass\n");
        Path plain8 = dir.resolve("ossl-pkcs8.key");
        TestPki.openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", plain8.toString());
        Path enc8 = dir.resolve("ossl-enc8.key");
        TestPki.openssl("pkey", "-in", plain8.toString(), "-aes-256-cbc", "-passout", "file:" + pw, "-out", enc8.toString());
        Path pkcs1 = dir.resolve("ossl-pkcs1.key");
        TestPki.openssl("rsa", "-in", plain8.toString(), "-traditional", "-out", pkcs1.toString());
        Path legacy = dir.resolve("ossl-legacy.key");
        TestPki.openssl("rsa", "-in", plain8.toString(), "-traditional", "-aes256", "-passout", "file:" + pw,
                "-out", legacy.toString());
        assertThat(Files.readString(legacy)).contains("Proc-Type: 4,ENCRYPTED");
        assertThat(Files.readString(pkcs1)).contains("BEGIN RSA PRIVATE KEY");

        byte[] expected = EncryptedKeys.decrypt(Files.readString(plain8), null).getEncoded();
        char[] p = "s3cret-Pass".toCharArray();
        assertThat(EncryptedKeys.decrypt(Files.readString(enc8), p).getEncoded()).isEqualTo(expected);
        assertThat(EncryptedKeys.decrypt(Files.readString(pkcs1), null).getEncoded()).isEqualTo(expected);
        assertThat(EncryptedKeys.decrypt(Files.readString(legacy), p).getEncoded()).isEqualTo(expected);
        assertThatThrownBy(() -> EncryptedKeys.decrypt(Files.readString(legacy), "nope".toCharArray()))
                .isInstanceOf(WrongPasswordException.class);
        assertThatThrownBy(() -> EncryptedKeys.decrypt(Files.readString(enc8), "nope".toCharArray()))
                .isInstanceOf(WrongPasswordException.class);
    }

    @Test
    void generatedPasswordsAreLongAndFromTheUnambiguousAlphabet() {
        char[] a = Passwords.generate();
        char[] b = Passwords.generate();
        // boolean checks only: a failure must not print the generated password
        assertThat(a.length).as("generated password length").isEqualTo(24);
        assertThat(new String(a).matches("[" + Passwords.ALPHABET + "]{24}")).as("password only from ALPHABET")
                .isTrue();
        for (String ambiguous : new String[] {"0", "O", "1", "l", "I"}) {
            assertThat(new String(a).contains(ambiguous)).as("ambiguous character %s in the password", ambiguous)
                    .isFalse();
        }
        assertThat(java.util.Arrays.equals(a, b)).as("two generated passwords are equal").isFalse();
    }
}
