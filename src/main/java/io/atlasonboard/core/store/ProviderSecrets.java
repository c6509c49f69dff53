package io.atlasonboard.core.store;

/**
 * The secrets of a provider: API secret, keystore password, optional proxy password. Holds its own copies;
 * {@link #close()} (or {@link #wipe()}) overwrites them. Getters return the internal arrays (no copy) so that nothing
 * is left behind; do not keep them after closing.
 */
public final class ProviderSecrets implements AutoCloseable {
    private final char[] apiSecret;
    private final char[] keystorePassword;
    private final char[] proxyPassword;

    /** Copies the given arrays (any may be null); the caller still wipes its own. */
    public ProviderSecrets(char[] apiSecret, char[] keystorePassword, char[] proxyPassword) {
        this.apiSecret = SecretChars.copy(apiSecret);
        this.keystorePassword = SecretChars.copy(keystorePassword);
        this.proxyPassword = SecretChars.copy(proxyPassword);
    }

    public static ProviderSecrets of(char[] apiSecret, char[] keystorePassword, char[] proxyPassword) {
        return new ProviderSecrets(apiSecret, keystorePassword, proxyPassword);
    }

    /** Takes ownership of arrays that were just produced (e.g. decrypted) without copying them. */
    static ProviderSecrets owning(char[] apiSecret, char[] keystorePassword, char[] proxyPassword) {
        ProviderSecrets s = new ProviderSecrets(null, null, null);
        return new ProviderSecrets(s, apiSecret, keystorePassword, proxyPassword);
    }

    private ProviderSecrets(ProviderSecrets ignored, char[] a, char[] k, char[] p) {
        this.apiSecret = a;
        this.keystorePassword = k;
        this.proxyPassword = p;
    }

    public char[] apiSecret() {
        return apiSecret;
    }

    public char[] keystorePassword() {
        return keystorePassword;
    }

    /** May be null (no proxy authentication). */
    public char[] proxyPassword() {
        return proxyPassword;
    }

    public void wipe() {
        SecretChars.wipe(apiSecret);
        SecretChars.wipe(keystorePassword);
        SecretChars.wipe(proxyPassword);
    }

    @Override
    public void close() {
        wipe();
    }

    @Override
    public String toString() {
        return "ProviderSecrets[(hidden)]";
    }
}
