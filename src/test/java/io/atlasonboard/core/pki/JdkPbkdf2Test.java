package io.atlasonboard.core.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import io.atlasonboard.testing.ProcessRun;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.jcajce.spec.PBKDF2KeySpec;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.junit.jupiter.api.Test;

/**
 * PBKDF2-HMAC-SHA256 through the JDK gives Bouncy Castle's bytes; other PRFs stay Bouncy Castle's; what is written
 * with it is read by Bouncy Castle alone and by openssl.
 */
class JdkPbkdf2Test {

    private static byte[] bc(char[] pw, byte[] salt, int iterations, int bits, boolean sha256) {
        PKCS5S2ParametersGenerator g = new PKCS5S2ParametersGenerator(sha256 ? new SHA256Digest() : new SHA1Digest());
        g.init(new String(pw).getBytes(StandardCharsets.UTF_8), salt, iterations);
        return ((KeyParameter) g.generateDerivedParameters(bits)).getKey();
    }

    @Test
    void sameBytesAsBouncyCastleForHmacSha256ByNameAndByOidWithPrf() throws Exception {
        AlgorithmIdentifier sha256 = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE);
        char[][] passwords = {"pässwörd ✓ 42".toCharArray(), "x".toCharArray(), ("a much longer password, more "
                + "than one SHA-256 block of sixty-four bytes in total length!!").toCharArray()};
        for (char[] pw : passwords) {
            for (int iterations : new int[] {1, 1000, 20_000}) {
                byte[] salt = ("salt-" + iterations).getBytes(StandardCharsets.US_ASCII);
                byte[] expected = bc(pw, salt, iterations, 256, true);
                byte[] byName = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256", JdkPbkdf2.PROVIDER)
                        .generateSecret(new PBEKeySpec(pw, salt, iterations, 256)).getEncoded();
                byte[] byOid = SecretKeyFactory.getInstance(PKCSObjectIdentifiers.id_PBKDF2.getId(), JdkPbkdf2.PROVIDER)
                        .generateSecret(new PBKDF2KeySpec(pw, salt, iterations, 256, sha256)).getEncoded();
                byte[] jdk = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                        .generateSecret(new PBEKeySpec(pw, salt, iterations, 256)).getEncoded();
                assertThat(byName).isEqualTo(expected).isEqualTo(jdk);
                assertThat(byOid).isEqualTo(expected);
            }
        }
    }

    @Test
    void otherPrfsAreBouncyCastles() throws Exception {
        char[] pw = "secret".toCharArray();
        byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        byte[] sha1 = SecretKeyFactory.getInstance(PKCSObjectIdentifiers.id_PBKDF2.getId(), JdkPbkdf2.PROVIDER)
                .generateSecret(new PBEKeySpec(pw, salt, 2048, 160)).getEncoded();
        assertThat(sha1).isEqualTo(bc(pw, salt, 2048, 160, false));
    }

    @Test
    void encryptedKeyOpensWithBouncyCastleAloneAndWithOpenssl() throws Exception {
        char[] pw = "kite marble violet 77".toCharArray();
        PrivateKey key = TestPki.key().getPrivate();
        String pem = EncryptedKeys.encryptPkcs8(key, pw, 20_000);
        PKCS8EncryptedPrivateKeyInfo enc;
        try (PEMParser p = new PEMParser(new java.io.StringReader(pem))) {
            enc = (PKCS8EncryptedPrivateKeyInfo) p.readObject();
        }
        byte[] plain = enc.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                .setProvider(Bc.PROVIDER).build(pw)).getEncoded();
        assertThat(plain).isEqualTo(key.getEncoded());

        java.nio.file.Path file = TestPki.write("jdk-pbkdf2.key", pem);
        java.nio.file.Path pwFile = TestPki.write("jdk-pbkdf2.pw", new String(pw) + "\n");
        ProcessRun r = TestPki.openssl("pkey", "-in", file.toString(), "-passin", "file:" + pwFile, "-pubout");
        assertThat(r.out).isEqualTo(Pem.write(TestPki.key().getPublic()));
    }
}
