package io.atlasonboard.core.atlas;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test PKI shared by the client tests (RSA key generation is the slow part, so keys are made once per JVM): a server
 * CA with a certificate for localhost/127.0.0.1, a client CA with certificates for two credential sets, an expired one
 * and one from a CA the server does not know.
 */
public final class AtlasFixture {
    public static final char[] P12_PASSWORD = "keystore-pw-1".toCharArray();
    public static final String KEY_A = "api-key-a";
    public static final String SECRET_A = "s3cr3t-A-value";
    public static final String KEY_B = "api-key-b";
    public static final String SECRET_B = "s3cr3t-B-value";

    private static AtlasFixture instance;

    public final TestPki.Issued serverCa;
    public final TestPki.Issued clientCa;
    public final X509Certificate serverCert;
    public final KeyPair serverKey;
    public final KeyPair clientKey;
    public final X509Certificate clientA;
    public final X509Certificate clientB;
    public final X509Certificate clientExpired;
    public final X509Certificate clientRogue;
    public final byte[] p12A;
    public final byte[] p12B;
    public final byte[] p12Expired;
    public final byte[] p12Rogue;

    private AtlasFixture() throws Exception {
        // EC keys for the CAs and the server (fast); the client key is RSA 2048 like a real Atlas mTLS key
        KeyPair caKeys = TestPki.ec();
        serverKey = TestPki.ec();
        clientKey = TestPki.rsa();
        serverCa = TestPki.ca("Test Server CA", caKeys);
        // the client CA reuses the CA key pair: honest enough for a test, saves a key generation
        clientCa = TestPki.ca("Test Client CA", caKeys);
        TestPki.Issued rogueCa = TestPki.ca("Rogue CA", serverKey);
        serverCert = TestPki.validLeaf(serverCa, serverKey.getPublic(), "localhost", true, "localhost", "127.0.0.1");
        clientA = TestPki.validLeaf(clientCa, clientKey.getPublic(), "client-a", false);
        clientB = TestPki.validLeaf(clientCa, clientKey.getPublic(), "client-b", false);
        Instant now = Instant.now();
        clientExpired = TestPki.leaf(clientCa, clientKey.getPublic(), "client-expired",
                now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(35)), false);
        clientRogue = TestPki.validLeaf(rogueCa, clientKey.getPublic(), "client-rogue", false);
        p12A = TestPki.pkcs12(clientKey.getPrivate(), P12_PASSWORD, clientA, clientCa.cert());
        p12B = TestPki.pkcs12(clientKey.getPrivate(), P12_PASSWORD, clientB, clientCa.cert());
        p12Expired = TestPki.pkcs12(clientKey.getPrivate(), P12_PASSWORD, clientExpired, clientCa.cert());
        p12Rogue = TestPki.pkcs12(clientKey.getPrivate(), P12_PASSWORD, clientRogue);
    }

    public static synchronized AtlasFixture get() throws Exception {
        if (instance == null) {
            instance = new AtlasFixture();
        }
        return instance;
    }

    public LoopbackHvca startServer() throws Exception {
        LoopbackHvca s = new LoopbackHvca(serverCert, serverKey.getPrivate(), clientCa.cert());
        s.addAccount(KEY_A, SECRET_A, clientA.getSerialNumber());
        s.addAccount(KEY_B, SECRET_B, clientB.getSerialNumber());
        return s;
    }

    /** Records requested sleeps and returns at once. */
    public static final class RecordingSleeper implements Sleeper {
        public final List<Duration> sleeps = new CopyOnWriteArrayList<>();

        @Override
        public void sleep(Duration d) {
            sleeps.add(d);
        }
    }

    public AtlasConnectionConfig.Builder config(String url, byte[] p12, RecordingSleeper sleeper) {
        AtlasConnectionConfig.Builder b = AtlasConnectionConfig.builder(url)
                .trust(List.of(serverCa.cert()))
                .connectTimeout(Duration.ofSeconds(5))
                .requestTimeout(Duration.ofSeconds(10))
                .sleeper(sleeper)
                .maxRetries(3);
        if (p12 != null) {
            b.pkcs12(p12, P12_PASSWORD.clone());
        }
        return b;
    }
}
