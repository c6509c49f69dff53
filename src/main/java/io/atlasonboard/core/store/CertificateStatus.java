package io.atlasonboard.core.store;

/** Lifecycle of a certificate issued through a provider. */
public enum CertificateStatus { PENDING, ISSUED, REVOKED }
