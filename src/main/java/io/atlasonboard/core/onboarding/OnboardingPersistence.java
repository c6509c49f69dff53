package io.atlasonboard.core.onboarding;

import java.time.Instant;

/**
 * Where an {@link Onboarding} writes every change the moment it is made. Implemented by the store
 * ({@code io.atlasonboard.core.store.OnboardingRepository}); secrets are sealed there, never kept here.
 * Implementations are thread-safe.
 */
public interface OnboardingPersistence {
    /** Persists one plain field; returns the new updated-at time. Value types: {@link OnboardingField.Kind#type()}. */
    Instant write(long id, OnboardingField<?> field, Object value);

    /**
     * Seals and persists a secret field ({@code null} clears it); returns the new updated-at time. The caller's array
     * is neither kept nor wiped.
     */
    Instant writeSecret(long id, OnboardingField<char[]> field, char[] value);

    /** Opens a secret into a new char[] the caller wipes, or {@code null} if none is stored. */
    char[] readSecret(long id, OnboardingField<char[]> field);
}
