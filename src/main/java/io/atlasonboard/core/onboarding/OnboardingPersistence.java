package io.atlasonboard.core.onboarding;

import java.time.Instant;

/**
 * Where an {@link Onboarding} writes every change the moment it is made. Implemented by the store
 * ({@code io.atlasonboard.core.store.OnboardingRepository}); secrets are encrypted there, never kept here.
 * Implementations are thread-safe.
 */
public interface OnboardingPersistence {
    /** Persists one plain field; returns the new updated-at time. Value types: see {@link Onboarding.Field}. */
    Instant write(long id, Onboarding.Field field, Object value);

    /** Encrypts and persists a secret ({@code null} clears it); returns the new updated-at time. */
    Instant writeSecret(long id, Onboarding.SecretField field, char[] value);

    /** Decrypts a secret into a new char[] the caller wipes, or {@code null} if none is stored. */
    char[] readSecret(long id, Onboarding.SecretField field);
}
