package io.atlasonboard.sim;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The simulator's keys and certificates: the TLS server root and server certificate, the mTLS client-auth CA, and the
 * issuing root and issuing CA that sign requested certificates. Generated fresh, or reloaded by
 * {@link SandboxPersistence} so a restarted sandbox keeps trusting what it issued before.
 */
record SimAuthorities(SimPki.Ca tlsRoot, SimPki.Ca clientCa, SimPki.Ca issuingRoot, SimPki.Ca issuingCa,
        X509Certificate serverCert, PrivateKey serverKey) {

    private static final String ORG = ",O=Atlas Onboard Sandbox (not a real CA)";

    /** New keys; CA validity runs on real time because TLS peers check it against their own clocks. */
    static SimAuthorities generate() {
        Instant start = Instant.now().minus(Duration.ofDays(1));
        SimPki.Ca tlsRoot = SimPki.selfSignedCa("CN=Atlas Onboard Sandbox TLS Root" + ORG, SimPki.ecP256(), start,
                Duration.ofDays(3650));
        SimPki.Ca clientCa = SimPki.selfSignedCa("CN=Atlas Onboard Sandbox mTLS CA" + ORG, SimPki.ecP256(), start,
                Duration.ofDays(3650));
        SimPki.Ca issuingRoot = SimPki.selfSignedCa("CN=Atlas Onboard Sandbox Root CA" + ORG, SimPki.rsa(2048), start,
                Duration.ofDays(7300));
        SimPki.Ca issuingCa = SimPki.intermediateCa(issuingRoot, "CN=Atlas Onboard Sandbox Issuing CA" + ORG,
                SimPki.rsa(2048), start, Duration.ofDays(3650));
        KeyPair serverKey = SimPki.ecP256();
        X509Certificate serverCert = SimPki.serverCert(tlsRoot, serverKey.getPublic(), start, Duration.ofDays(825));
        return new SimAuthorities(tlsRoot, clientCa, issuingRoot, issuingCa, serverCert, serverKey.getPrivate());
    }

    /** The {@code /trustchain} answer: issuing CA PEM first, root last. */
    List<String> trustChainPems() {
        return List.of(SimPki.pem(issuingCa.cert()), SimPki.pem(issuingRoot.cert()));
    }
}
