package io.atlasonboard.core.store;

import java.time.Instant;
import java.util.List;

/**
 * A certificate issued (or requested) through a provider. The optional private key is a secret and is read with
 * {@link CertificateRepository#privateKeyPem(long)}; {@code hasPrivateKey} says whether one is stored.
 * {@code id}, {@code hasPrivateKey}, {@code createdAt} and {@code updatedAt} are set by the store.
 */
public record CertificateRecord(Long id, long providerId, String serial, String commonName, List<String> sans,
                                CertificateStatus status, Instant notBefore, Instant notAfter, String certificatePem,
                                String chainPem, Instant issuedAt, Instant revokedAt, String revocationReason,
                                boolean hasPrivateKey, Instant createdAt, Instant updatedAt) {
    public CertificateRecord {
        sans = sans == null ? List.of() : List.copyOf(sans);
    }

    /** A new (unsaved) record. */
    public static CertificateRecord of(long providerId, String serial, String commonName, List<String> sans,
                                       CertificateStatus status, Instant notBefore, Instant notAfter,
                                       String certificatePem, String chainPem, Instant issuedAt) {
        return new CertificateRecord(null, providerId, serial, commonName, sans, status, notBefore, notAfter,
                certificatePem, chainPem, issuedAt, null, null, false, null, null);
    }
}
