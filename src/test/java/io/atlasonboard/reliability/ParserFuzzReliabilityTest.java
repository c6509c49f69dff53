package io.atlasonboard.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.core.dns.TsigKeyFile;
import io.atlasonboard.core.onboarding.CredentialsCsv;
import io.atlasonboard.core.onboarding.CredentialsFormatException;
import io.atlasonboard.core.pki.EncryptedKeys;
import io.atlasonboard.core.pki.Inspector;
import io.atlasonboard.core.pki.InvalidInputException;
import io.atlasonboard.core.pki.PkiException;
import io.atlasonboard.core.pki.PkiInputs;
import io.atlasonboard.core.pki.Pkcs12;
import io.atlasonboard.testing.ProcessRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzz corpus for every file parser: seeds made by openssl (and tsig-keygen) on the spot, mutated; every input must end
 * in a documented, worded refusal (or a result) within the bound and without a large allocation. Figures printed.
 */
class ParserFuzzReliabilityTest {
    private static final char[] PW = "fuzz-password-1".toCharArray();
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final long MEMORY = 512L * 1024 * 1024;

    @TempDir
    static Path dir;

    static byte[] keyPem;
    static byte[] certPem;
    static byte[] certDer;
    static byte[] csrPem;
    static byte[] csrDer;
    static byte[] p7Pem;
    static byte[] p7Der;
    static byte[] pkcs8Pbkdf2;
    static byte[] pkcs8Scrypt;
    static byte[] pkcs8Legacy;
    static byte[] p12;
    static byte[] tsig;

    @BeforeAll
    static void seeds() throws Exception {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", f("k.pem"));
        openssl("req", "-x509", "-new", "-key", f("k.pem"), "-subj", "/CN=fuzz.example.com", "-days", "30",
                "-addext", "subjectAltName=DNS:fuzz.example.com", "-out", f("c.pem"));
        openssl("x509", "-in", f("c.pem"), "-outform", "DER", "-out", f("c.der"));
        openssl("req", "-new", "-key", f("k.pem"), "-subj", "/CN=fuzz.example.com/O=Fuzz", "-out", f("r.pem"));
        openssl("req", "-in", f("r.pem"), "-outform", "DER", "-out", f("r.der"));
        openssl("crl2pkcs7", "-nocrl", "-certfile", f("c.pem"), "-out", f("b.p7b"));
        openssl("crl2pkcs7", "-nocrl", "-certfile", f("c.pem"), "-outform", "DER", "-out", f("b.p7c"));
        openssl("pkcs8", "-topk8", "-in", f("k.pem"), "-v2", "aes-256-cbc", "-iter", "2048", "-passout",
                "pass:" + new String(PW), "-out", f("k8.pem"));
        openssl("pkcs8", "-topk8", "-in", f("k.pem"), "-scrypt", "-scrypt_N", "1024", "-scrypt_r", "8", "-scrypt_p",
                "1", "-passout", "pass:" + new String(PW), "-out", f("ks.pem"));
        openssl("ec", "-in", f("k.pem"), "-aes256", "-passout", "pass:" + new String(PW), "-out", f("kl.pem"));
        openssl("pkcs12", "-export", "-inkey", f("k.pem"), "-in", f("c.pem"), "-passout", "pass:" + new String(PW),
                "-out", f("p.p12"));
        ProcessRun t = ProcessRun.of("tsig-keygen", "-a", "hmac-sha256", "fuzz.key.");
        assertThat(t.exit).as(t.err).isZero();
        tsig = t.out.getBytes(StandardCharsets.UTF_8);
        keyPem = read("k.pem");
        certPem = read("c.pem");
        certDer = read("c.der");
        csrPem = read("r.pem");
        csrDer = read("r.der");
        p7Pem = read("b.p7b");
        p7Der = read("b.p7c");
        pkcs8Pbkdf2 = read("k8.pem");
        pkcs8Scrypt = read("ks.pem");
        pkcs8Legacy = read("kl.pem");
        p12 = read("p.p12");
    }

    private static String f(String name) {
        return dir.resolve(name).toString();
    }

    private static byte[] read(String name) throws Exception {
        return Files.readAllBytes(dir.resolve(name));
    }

    private static void openssl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        ProcessRun r = ProcessRun.of(cmd);
        assertThat(r.exit).as(String.join(" ", cmd) + ": " + r.err).isZero();
    }

    private static int mutations() {
        return Figures.rounds(25, 200);
    }

    @Test
    void everyFileParserRefusesDamageInWords() {
        Fuzzer fz = new Fuzzer(BOUND, MEMORY, 20261201L);
        Set<Class<? extends Throwable>> pki = Set.of(InvalidInputException.class, PkiException.class);
        List<Fuzzer.Result> results = new ArrayList<>();
        results.add(fz.run("PEM/DER/PKCS#7 inputs", List.of(certPem, certDer, csrPem, csrDer, p7Pem, p7Der),
                mutations(), PkiInputs::parse, pki));
        results.add(fz.run("inspect (all kinds)", List.of(certPem, p7Der, keyPem, pkcs8Pbkdf2, p12), mutations(),
                in -> Inspector.describe(in, PW.clone()), pki));
        results.add(fz.run("PKCS#8 (PBES2, scrypt)", List.of(pkcs8Pbkdf2, pkcs8Scrypt, pkcs8Legacy, keyPem),
                mutations(), in -> EncryptedKeys.decrypt(new String(in, StandardCharsets.ISO_8859_1), PW.clone()), pki));
        results.add(fz.run("PKCS#12", List.of(p12), mutations() * 2, in -> Pkcs12.read(in, PW.clone()), pki));
        byte[] csv = "api_key,api_secret\nfuzzkey0123456789,fuzzsecret0123456789abcdef\n"
                .getBytes(StandardCharsets.UTF_8);
        byte[] csvSemicolon = "\uFEFFAPI Key;API Secret\r\nfuzzkey0123456789;fuzz\"secret\"0123\r\n"
                .getBytes(StandardCharsets.UTF_8);
        results.add(fz.run("credentials CSV", List.of(csv, csvSemicolon), mutations() * 2,
                in -> CredentialsCsv.parse(new String(in, StandardCharsets.UTF_8).toCharArray()),
                Set.of(CredentialsFormatException.class)));
        results.add(fz.run("TSIG key file", List.of(tsig), mutations() * 2,
                in -> TsigKeyFile.parseAll(in),
                Set.of(IllegalArgumentException.class)));
        FuzzReport.report("fuzz file parsers", results);
    }
}
