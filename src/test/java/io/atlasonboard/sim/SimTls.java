package io.atlasonboard.sim;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Test-side TLS and HTTP helpers: real java.net.http clients with or without a client certificate. */
final class SimTls {
    private SimTls() {
    }

    static KeyPair rsa2048() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    static String csr(KeyPair kp, String dn) throws Exception {
        var b = new JcaPKCS10CertificationRequestBuilder(new X500Name(dn), kp.getPublic());
        String alg = kp.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        return SimPki.pem(b.build(new JcaContentSignerBuilder(alg).build(kp.getPrivate())));
    }

    static X509Certificate parseCert(String pem) throws Exception {
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            Object o = p.readObject();
            byte[] der = ((org.bouncycastle.cert.X509CertificateHolder) o).getEncoded();
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        }
    }

    /** A self-signed clientAuth certificate no simulator trusts. */
    static X509Certificate selfSignedClientCert(KeyPair kp) throws Exception {
        X500Name n = new X500Name("CN=stranger");
        X509v3CertificateBuilder b = new X509v3CertificateBuilder(n, BigInteger.valueOf(42),
                Date.from(Instant.now().minusSeconds(60)), Date.from(Instant.now().plus(Duration.ofDays(1))), n,
                SubjectPublicKeyInfo.getInstance(kp.getPublic().getEncoded()));
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        String alg = kp.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder(alg).build(kp.getPrivate())));
    }

    /** SSLContext trusting the simulator's server CA, with an optional client identity. */
    static SSLContext context(AtlasSimulator sim, KeyPair key, X509Certificate cert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("sim", parseCert(sim.serverCaPem()));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (key != null) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("me", key.getPrivate(), "pw".toCharArray(), new X509Certificate[] {cert});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, "pw".toCharArray());
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    /** A small HTTP client bound to one simulator and one TLS identity. */
    static final class Client {
        final AtlasSimulator sim;
        final HttpClient http;
        String token;

        Client(AtlasSimulator sim, KeyPair key, X509Certificate cert) throws Exception {
            this.sim = sim;
            this.http = HttpClient.newBuilder().sslContext(context(sim, key, cert))
                    .connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1).build();
        }

        HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
            return send(method, path, json, "application/json;charset=utf-8");
        }

        HttpResponse<String> send(String method, String path, String body, String contentType)
                throws IOException, InterruptedException {
            String url = path.startsWith("/portal") ? sim.portalUrl() + path.substring(7) : sim.baseUrl() + path;
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
            if (token != null && !path.startsWith("/portal")) {
                b.header("Authorization", "Bearer " + token);
            }
            if (body != null) {
                if (contentType != null) {
                    b.header("Content-Type", contentType);
                }
                b.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return send("GET", path, null);
        }

        HttpResponse<String> login(SimAccount a) throws IOException, InterruptedException {
            return login(a.apiKey(), a.apiSecret());
        }

        HttpResponse<String> login(String key, String secret) throws IOException, InterruptedException {
            JsonObject o = new JsonObject();
            o.addProperty("api_key", key);
            o.addProperty("api_secret", secret);
            HttpResponse<String> r = send("POST", "/login", o.toString());
            if (r.statusCode() == 200) {
                token = json(r).get("access_token").getAsString();
            }
            return r;
        }
    }

    static JsonObject json(HttpResponse<String> r) {
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }
}
