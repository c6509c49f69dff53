package io.atlasonboard.core.pki;

import java.security.cert.X509Certificate;
import java.util.List;

import io.atlasonboard.core.Localized;
import io.atlasonboard.core.Msg;

import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * What {@link PkiInputs#parse(byte[])} found. Only {@link Kind#CERTIFICATES} carries certificates (leaf first);
 * {@link Kind#CSR} carries the request; a pasted private key is never kept (only its kind and the explanation).
 * {@code format} says how it was encoded ("PEM", "DER", "PKCS#7 PEM", "PKCS#7 DER", "Base64 DER").
 * {@code msg} explains the result for the user (notes for certificates, the explanation otherwise); the UI shows
 * it in the user's language, {@link #message()} is its English text.
 */
public record ParsedInput(Kind kind, List<X509Certificate> certificates, PKCS10CertificationRequest csr,
                          String format, Msg msg) implements Localized {
    public enum Kind { CERTIFICATES, CSR, PRIVATE_KEY, PKCS12, UNRECOGNISED }

    public ParsedInput {
        certificates = certificates == null ? List.of() : List.copyOf(certificates);
    }

    /** The explanation in English (command line, logs). */
    public String message() {
        return msg == null ? "" : msg.english();
    }

    /** The leaf (end-entity) certificate; only for {@link Kind#CERTIFICATES}. */
    public X509Certificate leaf() {
        if (certificates.isEmpty()) {
            throw new IllegalStateException(message());
        }
        return certificates.get(0);
    }

    /** The certificates after the leaf (intermediates, root). */
    public List<X509Certificate> chain() {
        return certificates.isEmpty() ? List.of() : certificates.subList(1, certificates.size());
    }
}
