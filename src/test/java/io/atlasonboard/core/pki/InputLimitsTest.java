package io.atlasonboard.core.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atlasonboard.testing.ProcessRun;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import org.bouncycastle.asn1.misc.MiscObjectIdentifiers;
import org.bouncycastle.asn1.misc.ScryptParams;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file must not set its own cost, and reads are bounded: keys made by openssl with their key-derivation parameters
 * raised (10 000 000 PBKDF2 iterations, scrypt N=2^20 r=8) are refused before any work, naming the limit; wrong
 * password, unsupported and excessive are told apart; FIFOs, devices, folders and oversized files are refused.
 */
class InputLimitsTest {
    private static final String PW = "limits-pw-1";

    @TempDir
    static Path dir;

    static String pbkdf2Pem;
    static String scryptPem;

    @BeforeAll
    static void keys() throws Exception {
        run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", p("k.pem"));
        run("openssl", "pkcs8", "-topk8", "-in", p("k.pem"), "-v2", "aes-256-cbc", "-iter", "2048", "-passout",
                "pass:" + PW, "-out", p("k8.pem"));
        run("openssl", "pkcs8", "-topk8", "-in", p("k.pem"), "-scrypt", "-scrypt_N", "16384", "-scrypt_r", "8",
                "-scrypt_p", "1", "-passout", "pass:" + PW, "-out", p("ks.pem"));
        pbkdf2Pem = Files.readString(dir.resolve("k8.pem"));
        scryptPem = Files.readString(dir.resolve("ks.pem"));
    }

    private static String p(String n) {
        return dir.resolve(n).toString();
    }

    private static void run(String... cmd) {
        ProcessRun r = ProcessRun.of(cmd);
        assertThat(r.exit).as(r.err).isZero();
    }

    @Test
    void opensslKeysWithSaneParametersOpen() {
        PrivateKey a = EncryptedKeys.decrypt(pbkdf2Pem, PW.toCharArray());
        PrivateKey b = EncryptedKeys.decrypt(scryptPem, PW.toCharArray());
        assertThat(a.getEncoded()).isEqualTo(b.getEncoded());
    }

    @Test
    void aWrongPasswordIsReportedAsSuch() {
        assertThatThrownBy(() -> EncryptedKeys.decrypt(pbkdf2Pem, "not-it".toCharArray()))
                .isInstanceOf(WrongPasswordException.class).hasMessageContaining("wrong password");
    }

    @Test
    void tenMillionPbkdf2IterationsAreRefusedBeforeAnyWork() throws Exception {
        EncryptedPrivateKeyInfo epki = info(pbkdf2Pem);
        PBES2Parameters p = PBES2Parameters.getInstance(epki.getEncryptionAlgorithm().getParameters());
        PBKDF2Params k = PBKDF2Params.getInstance(p.getKeyDerivationFunc().getParameters());
        PBKDF2Params big = new PBKDF2Params(k.getSalt(), 10_000_000, k.getPrf());
        String pem = rewrap(epki, new PBES2Parameters(new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2, big),
                p.getEncryptionScheme()));
        assertThatThrownBy(() -> EncryptedKeys.decrypt(pem, "any password".toCharArray()))
                .isInstanceOf(KdfLimits.ExcessiveParametersException.class)
                .hasMessageContaining("10000000 PBKDF2 iterations")
                .hasMessageContaining("the limit is " + KdfLimits.MAX_ITERATIONS)
                .hasMessageNotContaining("wrong password");
    }

    @Test
    void scryptAskingForAGibibyteIsRefusedBeforeAnyWork() throws Exception {
        EncryptedPrivateKeyInfo epki = info(scryptPem);
        PBES2Parameters p = PBES2Parameters.getInstance(epki.getEncryptionAlgorithm().getParameters());
        ScryptParams s = ScryptParams.getInstance(p.getKeyDerivationFunc().getParameters());
        ScryptParams huge = new ScryptParams(s.getSalt(), BigInteger.valueOf(1 << 20), BigInteger.valueOf(8),
                BigInteger.ONE, s.getKeyLength());
        String pem = rewrap(epki, new PBES2Parameters(new KeyDerivationFunc(MiscObjectIdentifiers.id_scrypt, huge),
                p.getEncryptionScheme()));
        assertThatThrownBy(() -> EncryptedKeys.decrypt(pem, PW.toCharArray()))
                .isInstanceOf(KdfLimits.ExcessiveParametersException.class)
                .hasMessageContaining("1024 MiB of memory (N=1048576, r=8, p=1)")
                .hasMessageContaining("the limit is 128 MiB");
    }

    @Test
    void anUnknownCipherIsUnsupportedNotAWrongPassword() throws Exception {
        EncryptedPrivateKeyInfo epki = info(pbkdf2Pem);
        PBES2Parameters p = PBES2Parameters.getInstance(epki.getEncryptionAlgorithm().getParameters());
        EncryptionScheme odd = new EncryptionScheme(new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"),
                p.getEncryptionScheme().getParameters());
        String pem = rewrap(epki, new PBES2Parameters(p.getKeyDerivationFunc(), odd));
        assertThatThrownBy(() -> EncryptedKeys.decrypt(pem, PW.toCharArray()))
                .isInstanceOf(PkiException.class).isNotInstanceOf(WrongPasswordException.class);
    }

    private static EncryptedPrivateKeyInfo info(String pem) {
        return ((PKCS8EncryptedPrivateKeyInfo) Pem.readAll(pem).get(0)).toASN1Structure();
    }

    private static String rewrap(EncryptedPrivateKeyInfo epki, PBES2Parameters params) throws Exception {
        EncryptedPrivateKeyInfo n = new EncryptedPrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2,
                params), epki.getEncryptedData());
        return Pem.write(new PemObject("ENCRYPTED PRIVATE KEY", n.getEncoded()));
    }

    @Test
    void specialFilesAreRefusedBeforeTheyAreOpened() throws Exception {
        Path fifo = dir.resolve("fifo");
        run("mkfifo", fifo.toString());
        assertThatThrownBy(() -> BoundedFiles.read(fifo, 1024, "input"))
                .hasMessageContaining("is not a regular file");
        assertThatThrownBy(() -> BoundedFiles.firstLine(fifo, "password"))
                .hasMessageContaining("is not a regular file");
        assertThatThrownBy(() -> BoundedFiles.read(Path.of("/dev/zero"), 1024, "input"))
                .hasMessageContaining("is not a regular file");
        assertThatThrownBy(() -> BoundedFiles.read(dir, 1024, "input")).hasMessageContaining("is a folder");
    }

    @Test
    void anOversizedFileIsRefusedWithItsSize() throws Exception {
        Path big = dir.resolve("big.pem");
        Files.write(big, new byte[BoundedFiles.MAX_INPUT_BYTES + 10]);
        assertThatThrownBy(() -> BoundedFiles.read(big, BoundedFiles.MAX_INPUT_BYTES, "certificate"))
                .isInstanceOf(BoundedFiles.RefusedFileException.class)
                .hasMessageContaining("is 4.0 MiB (" + (BoundedFiles.MAX_INPUT_BYTES + 10) + " bytes)")
                .hasMessageContaining("the limit is 4.0 MiB");
    }

    @Test
    void aPasswordFileIsReadToItsFirstLineOnly() throws Exception {
        Path pw = dir.resolve("pw.txt");
        Files.writeString(pw, "first-line\nsecond line that is never read\n");
        assertThat(new String(BoundedFiles.firstLine(pw, "password"), StandardCharsets.UTF_8)).isEqualTo("first-line");
        Path longLine = dir.resolve("long.txt");
        Files.write(longLine, new byte[BoundedFiles.MAX_PASSWORD_BYTES + 100]);
        assertThatThrownBy(() -> BoundedFiles.firstLine(longLine, "password"))
                .hasMessageContaining("longer than " + BoundedFiles.MAX_PASSWORD_BYTES + " bytes");
    }
}
