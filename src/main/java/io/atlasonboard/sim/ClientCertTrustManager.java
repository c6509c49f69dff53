package io.atlasonboard.sim;

import java.net.Socket;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * Accepts a client certificate only if it chains to the client-auth CA, is valid on the simulator clock and has
 * the clientAuth EKU. Advertises no acceptable issuers, so clients send what they have and a wrong certificate
 * fails the handshake instead of being silently withheld.
 */
final class ClientCertTrustManager extends X509ExtendedTrustManager {
    private final X509Certificate clientCa;
    private final Clock clock;

    ClientCertTrustManager(X509Certificate clientCa, Clock clock) {
        this.clientCa = clientCa;
        this.clock = clock;
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("no client certificate");
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(clientCa, null)));
            params.setRevocationEnabled(false);
            params.setDate(Date.from(clock.instant()));
            List<X509Certificate> path = new ArrayList<>();
            for (X509Certificate c : chain) {
                if (!c.equals(clientCa)) {
                    path.add(c);
                }
            }
            CertPathValidator.getInstance("PKIX").validate(cf.generateCertPath(path), params);
            List<String> eku = chain[0].getExtendedKeyUsage();
            if (eku == null || !eku.contains(KeyPurposeId.id_kp_clientAuth.getId())) {
                throw new CertificateException("client certificate lacks the clientAuth extended key usage");
            }
        } catch (CertificateException e) {
            throw e;
        } catch (Exception e) {
            throw new CertificateException("client certificate rejected: " + e.getMessage(), e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("server side only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("server side only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("server side only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
