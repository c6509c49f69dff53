package io.atlasonboard.core.issuance;

import java.security.PrivateKey;
import java.util.List;

import io.atlasonboard.core.store.CertificateRecord;

/**
 * A certificate requested through a provider. When GlobalSign is still issuing after the pickup time, {@code pending}
 * is true and the PEMs are null (the store has a PENDING record; {@code cert list} picks it up later).
 * {@code privateKey} is the locally generated key (null when a CSR was supplied).
 */
public record IssuedCertificate(String serial, boolean pending, String certificatePem, List<String> chainPems,
        PrivateKey privateKey, CertificateRecord record) {

    /** The certificate, then its chain (issuing CA first, root last), as one PEM text. */
    public String pemWithChain() {
        if (certificatePem == null) {
            throw new IllegalStateException("certificate " + serial + " is still being issued");
        }
        StringBuilder sb = new StringBuilder(withNewline(certificatePem));
        for (String c : chainPems) {
            sb.append(withNewline(c));
        }
        return sb.toString();
    }

    static String withNewline(String pem) {
        String t = pem.strip();
        return t + "\n";
    }

    @Override
    public String toString() {
        return "IssuedCertificate[" + serial + (pending ? ", pending" : "") + "]"; // never the key
    }
}
