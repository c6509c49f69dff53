package io.atlasonboard.core.atlas;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Builds the SSLContext for one connection config: key managers from the client keystore, trust = the JDK's default
 * anchors plus the configured extra CA certificates. The trust manager remembers the last server chain it saw, so a
 * connection test can name the issuer of an untrusted server certificate.
 */
public final class AtlasTls {
    private final SSLContext context;
    private final AtomicReference<X509Certificate[]> lastServerChain = new AtomicReference<>();

    public AtlasTls(AtlasConnectionConfig config) {
        try {
            KeyManager[] kms = null;
            if (config.identity() != null) {
                KeyStore ks = config.identity().open();
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, config.identity().password());
                kms = kmf.getKeyManagers();
            }
            X509ExtendedTrustManager delegate = trustManager(config.extraTrust());
            TrustManager recording = new Recording(delegate, lastServerChain);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kms, new TrustManager[] {recording}, null);
            this.context = ctx;
        } catch (GeneralSecurityException e) {
            throw new AtlasException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    public SSLContext context() {
        return context;
    }

    public X509Certificate[] lastServerChain() {
        return lastServerChain.get();
    }

    /** Default JDK trust anchors plus {@code extra}. */
    public static X509ExtendedTrustManager trustManager(List<X509Certificate> extra) throws GeneralSecurityException {
        TrustManagerFactory def = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        def.init((KeyStore) null);
        X509TrustManager defaultTm = firstX509(def.getTrustManagers());
        if (extra.isEmpty()) {
            return (X509ExtendedTrustManager) defaultTm;
        }
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        try {
            anchors.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        int i = 0;
        for (X509Certificate c : defaultTm.getAcceptedIssuers()) {
            anchors.setCertificateEntry("jdk-" + i++, c);
        }
        i = 0;
        for (X509Certificate c : extra) {
            anchors.setCertificateEntry("extra-" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(anchors);
        return (X509ExtendedTrustManager) firstX509(tmf.getTrustManagers());
    }

    private static X509TrustManager firstX509(TrustManager[] tms) {
        for (TrustManager tm : tms) {
            if (tm instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new IllegalStateException("no X509TrustManager");
    }

    private static final class Recording extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager d;
        private final AtomicReference<X509Certificate[]> seen;

        Recording(X509ExtendedTrustManager d, AtomicReference<X509Certificate[]> seen) {
            this.d = d;
            this.seen = seen;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            seen.set(chain);
            d.checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            seen.set(chain);
            d.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            seen.set(chain);
            d.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            d.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            d.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            d.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return d.getAcceptedIssuers();
        }
    }

    public static List<X509Certificate> copy(X509Certificate[] a) {
        return a == null ? List.of() : new ArrayList<>(List.of(a));
    }
}
