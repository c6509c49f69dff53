package io.atlasonboard.bench;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.atlasonboard.core.pki.Csrs;
import io.atlasonboard.core.pki.CsrRequest;
import io.atlasonboard.core.pki.EncryptedKeys;
import io.atlasonboard.core.pki.Pkcs12;
import io.atlasonboard.core.pki.Pkcs12Profile;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** In-process, warm: RSA-2048 key + CSR + encrypted PKCS#8 (600,000 PBKDF2 iterations), and a PKCS#12 assembly. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PkiBench {

    private static final char[] PASSWORD = "kite marble violet 77 tundra".toCharArray();
    private KeyPair key;
    private List<X509Certificate> chain;

    @Setup
    public void setup() throws Exception {
        key = Csrs.generateKey(2048);
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new javax.security.auth.x500.X500Principal(
                "CN=bench"), java.math.BigInteger.ONE, new java.util.Date(),
                new java.util.Date(System.currentTimeMillis() + 86_400_000L),
                new javax.security.auth.x500.X500Principal("CN=bench"), key.getPublic());
        chain = List.of(new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate()))));
    }

    @Benchmark
    public String keyCsrPkcs8() {
        KeyPair kp = Csrs.generateKey(2048);
        String csr = Csrs.toPem(Csrs.create(kp, new CsrRequest("app.example.com", "DE", "Example GmbH",
                List.of("www.example.com"))));
        return csr + EncryptedKeys.encryptPkcs8(kp.getPrivate(), PASSWORD);
    }

    @Benchmark
    public byte[] pkcs12Modern() {
        return Pkcs12.write(key.getPrivate(), chain, PASSWORD, "bench", Pkcs12Profile.values()[0]);
    }
}
