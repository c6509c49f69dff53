package io.atlasonboard.core.providers;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import io.atlasonboard.core.Msg;
import io.atlasonboard.core.atlas.AtlasConnectionConfig;
import io.atlasonboard.core.pki.CertificateChecks;
import io.atlasonboard.core.pki.Csrs;
import io.atlasonboard.core.pki.Finding;
import io.atlasonboard.core.pki.InvalidInputException;
import io.atlasonboard.core.pki.GlobalSignProfile;
import io.atlasonboard.core.pki.Passwords;
import io.atlasonboard.core.pki.Pkcs12;
import io.atlasonboard.core.pki.Pkcs12Contents;
import io.atlasonboard.core.pki.Pkcs12Profile;
import io.atlasonboard.core.store.MtlsRenewalRepository;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.ProviderSecrets;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.core.tasks.ProgressSink;

/**
 * Renewal of a provider's mTLS certificate in the three steps of the portal: {@link #start} makes a new RSA-2048 key
 * and a CSR with the current certificate's subject (and DNS names), keeping the key sealed in the store as the pending
 * renewal; the person submits the CSR in the Atlas portal ("mTLS Certificate, Generate, Directly via the API"; one
 * call in the sandbox); {@link #complete} checks the returned certificate against the pending key, builds a new
 * PKCS#12 (Modern, new password), tests the new identity and switches the provider only when that test is Good,
 * keeping the old keystore, which {@link #restore} puts back. Run off the UI thread.
 */
public final class MtlsRenewal {
    /** What the person does between {@link #start} and {@link #complete}. */
    public static final List<String> PORTAL_STEPS = List.of(
            "1. Submit the CSR in the GlobalSign Atlas portal: API credentials, mTLS Certificate, Generate, "
                    + "Directly via the API, paste the CSR (in the sandbox this is one request to the portal).",
            "2. Save the certificate the portal returns (PEM).",
            "3. Complete the renewal with that certificate: it is checked against the new key, the new identity is "
                    + "tested, and only then the provider switches to it (the old keystore is kept).");

    private final Store store;
    private final ProviderService service;
    private final Clock clock;

    public MtlsRenewal(Store store, ProviderService service, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.service = Objects.requireNonNull(service);
        this.clock = Objects.requireNonNull(clock);
    }

    public MtlsRenewal(Store store) {
        this(store, new ProviderService(store.providers()), Clock.systemUTC());
    }

    /** The CSR to submit, and the new key (the caller may save it encrypted, then drops it). */
    public record Started(String csrPem, KeyPair key, List<String> steps) {
        @Override
        public String toString() {
            return "Started[csr]";
        }
    }

    /**
     * The result of completing: switched (Good with the new certificate) or refused with the report of the test;
     * {@code reason} is the English text of {@code reasonMsg} (both null when switched).
     */
    public record Completed(boolean switched, ConnectionReport report, X509Certificate certificate, String reason,
                            Msg reasonMsg) {
    }

    public Started start(long providerId) {
        ProviderRecord p = store.providers().get(providerId);
        X509Certificate current = currentCertificate(p);
        KeyPair kp = Csrs.generateKey(GlobalSignProfile.KEY_SIZE);
        PKCS10CertificationRequest csr;
        try {
            X500Name subject = new JcaX509CertificateHolder(current).getSubject();
            JcaPKCS10CertificationRequestBuilder b = new JcaPKCS10CertificationRequestBuilder(subject, kp.getPublic());
            byte[] san = current.getExtensionValue(Extension.subjectAlternativeName.getId());
            if (san != null) {
                ExtensionsGenerator eg = new ExtensionsGenerator();
                eg.addExtension(new JcaX509CertificateHolder(current).getExtension(Extension.subjectAlternativeName));
                b.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, eg.generate());
            }
            csr = b.build(new JcaContentSignerBuilder(Csrs.SIGNATURE_ALGORITHM).build(kp.getPrivate()));
        } catch (Exception e) {
            throw new RenewalException(Msg.of("core.providers.renewal.csrFailed", e.getMessage()), e);
        }
        String pem = Csrs.toPem(csr);
        byte[] der = kp.getPrivate().getEncoded();
        try {
            store.mtlsRenewals().savePending(providerId, der, pem);
        } finally {
            Arrays.fill(der, (byte) 0);
        }
        return new Started(pem, kp, PORTAL_STEPS);
    }

    /**
     * Checks {@code certificatePem} against the pending key, tests the new identity and switches only when Good.
     * A certificate for another key is refused before anything changes.
     */
    public Completed complete(long providerId, String certificatePem, ProgressSink progress) {
        ProviderRecord p = store.providers().get(providerId);
        MtlsRenewalRepository.Pending pending = store.mtlsRenewals().pending(providerId).orElseThrow(() ->
                new RenewalException(Msg.of("core.providers.renewal.notStarted", p.name())));
        X509Certificate cert = parse(certificatePem);
        PrivateKey key = decodeKey(pending.keyDer());
        Arrays.fill(pending.keyDer(), (byte) 0);
        List<Finding> findings = CertificateChecks.check(cert, service.publicKey(key), clock.instant());
        if (CertificateChecks.hasErrors(findings)) {
            Finding first = findings.get(0);
            Msg why = Msg.of("core.providers.renewal.wrongKey", first.msg() != null ? first.msg() : first.message());
            return new Completed(false, null, cert, why.english(), why);
        }
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(cert);
        X509Certificate old = currentCertificate(p);
        if (old.getIssuerX500Principal().equals(cert.getIssuerX500Principal())) {
            chain.addAll(currentChain(p).subList(1, currentChain(p).size()));
        }
        char[] newPw = Passwords.generate();
        try (ProviderSecrets s = store.providers().secrets(providerId)) {
            byte[] p12 = Pkcs12.write(key, chain, newPw.clone(), "atlas-mtls", Pkcs12Profile.MODERN);
            ProviderRecord candidate = p.toBuilder().keystore(p12).build();
            ConnectionReport report;
            try (ProviderSecrets trial = ProviderSecrets.of(s.apiSecret(), newPw, s.proxyPassword())) {
                AtlasConnectionConfig config = service.config(candidate, trial);
                try {
                    report = ConnectionTester.test(config, p.apiKey(), s.apiSecret() == null ? new char[0]
                            : s.apiSecret(), progress, ConnectionListener.NONE);
                } finally {
                    Arrays.fill(config.identity().password(), '\0');
                }
                if (!report.good()) {
                    Msg why = Msg.of("core.providers.renewal.notGood");
                    return new Completed(false, report, cert, why.english(), why);
                }
                char[] oldPw = s.keystorePassword() == null ? new char[0] : s.keystorePassword();
                store.mtlsRenewals().keep(providerId, p.keystore(), p.keystoreFileName(), oldPw);
                store.providers().update(candidate, trial);
            }
            service.recordReport(providerId, report);
            store.mtlsRenewals().deletePending(providerId);
            return new Completed(true, report, cert, null, null);
        } finally {
            Arrays.fill(newPw, '\0');
        }
    }

    /** Puts the most recently replaced keystore back (keeping the current one restorable in turn) and tests it. */
    public ConnectionReport restore(long providerId, ProgressSink progress) {
        ProviderRecord p = store.providers().get(providerId);
        MtlsRenewalRepository.Backup b = store.mtlsRenewals().latest(providerId).orElseThrow(() ->
                new RenewalException(Msg.of("core.providers.renewal.nothingToRestore", p.name())));
        try (ProviderSecrets s = store.providers().secrets(providerId);
             ProviderSecrets restored = ProviderSecrets.of(s.apiSecret(), b.keystorePassword(), s.proxyPassword())) {
            store.mtlsRenewals().keep(providerId, p.keystore(), p.keystoreFileName(),
                    s.keystorePassword() == null ? new char[0] : s.keystorePassword());
            store.providers().update(p.toBuilder().keystore(b.keystore()).keystoreFileName(b.keystoreFileName())
                    .build(), restored);
            store.mtlsRenewals().delete(b.id());
        } finally {
            if (b.keystorePassword() != null) {
                Arrays.fill(b.keystorePassword(), '\0');
            }
        }
        return service.test(providerId, progress, ConnectionListener.NONE);
    }

    private X509Certificate currentCertificate(ProviderRecord p) {
        return currentChain(p).get(0);
    }

    private List<X509Certificate> currentChain(ProviderRecord p) {
        char[] pw = store.providers().keystorePassword(p.id());
        try {
            Pkcs12Contents c = Pkcs12.read(p.keystore(), pw == null ? new char[0] : pw);
            return c.chain();
        } finally {
            if (pw != null) {
                Arrays.fill(pw, '\0');
            }
        }
    }

    private static X509Certificate parse(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException | ClassCastException e) {
            throw new InvalidInputException(Msg.of("core.providers.renewal.notCertificate", e.getMessage()), e);
        }
    }

    private static PrivateKey decodeKey(byte[] der) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (Exception e) {
            throw new RenewalException(Msg.of("core.providers.renewal.keyUnreadable", e.getMessage()), e);
        }
    }
}
