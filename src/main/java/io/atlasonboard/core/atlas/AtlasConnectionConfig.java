package io.atlasonboard.core.atlas;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything needed to reach one Atlas account: base URL (normalised to end in {@code /v2}), client identity for
 * mutual TLS, extra trusted server CA certificates (added to the JDK's default trust anchors, never replacing them),
 * optional per-provider proxy, timeouts, clock and sleeper (injectable for tests), and the retry bound.
 */
public final class AtlasConnectionConfig {
    public static final String DEFAULT_API_URL = "https://emea.api.hvca.globalsign.com:8443/v2";

    private final URI baseUri;
    private final ClientIdentity identity;
    private final List<X509Certificate> extraTrust;
    private final ProxySettings proxy;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Clock clock;
    private final Sleeper sleeper;
    private final int maxRetries;
    private final Duration initialBackoff;
    private final Duration maxRetryWait;
    private final AtlasExchangeObserver observer;

    private AtlasConnectionConfig(Builder b) {
        this.baseUri = normaliseApiUrl(Objects.requireNonNull(b.apiUrl, "apiUrl"));
        this.identity = b.identity;
        this.extraTrust = List.copyOf(b.extraTrust);
        this.proxy = b.proxy;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.maxRetries = b.maxRetries;
        this.initialBackoff = b.initialBackoff;
        this.maxRetryWait = b.maxRetryWait;
        this.observer = b.observer;
    }

    public static Builder builder(String apiUrl) {
        return new Builder(apiUrl);
    }

    /** A builder with every setting of this config, so a variant (another identity, say) loses nothing. */
    public Builder toBuilder() {
        Builder b = new Builder(baseUri.toString());
        b.identity = identity;
        b.extraTrust.addAll(extraTrust);
        b.proxy = proxy;
        b.connectTimeout = connectTimeout;
        b.requestTimeout = requestTimeout;
        b.clock = clock;
        b.sleeper = sleeper;
        b.maxRetries = maxRetries;
        b.initialBackoff = initialBackoff;
        b.maxRetryWait = maxRetryWait;
        b.observer = observer;
        return b;
    }

    /**
     * Accepts the API URL with or without {@code /v2} and with or without a trailing slash; returns the
     * {@code https://host:port/.../v2} form. Only https is accepted: the API is mutual TLS only.
     */
    public static URI normaliseApiUrl(String apiUrl) {
        String s = apiUrl == null ? "" : apiUrl.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("the API URL is empty");
        }
        URI u;
        try {
            u = new URI(s);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the API URL is not a valid URL: " + e.getMessage());
        }
        if (u.getScheme() == null || !u.getScheme().toLowerCase(Locale.ROOT).equals("https")) {
            throw new IllegalArgumentException("the API URL must start with https:// (got '" + s + "')");
        }
        if (u.getHost() == null) {
            throw new IllegalArgumentException("the API URL has no host name (got '" + s + "')");
        }
        if (u.getRawQuery() != null || u.getRawFragment() != null) {
            throw new IllegalArgumentException("the API URL must not have a query or fragment (got '" + s + "')");
        }
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (!path.toLowerCase(Locale.ROOT).endsWith("/v2")) {
            path = path + "/v2";
        } else {
            path = path.substring(0, path.length() - 3) + "/v2";
        }
        try {
            return new URI("https", null, u.getHost(), u.getPort(), path, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the API URL is not valid: " + e.getMessage());
        }
    }

    public URI baseUri() {
        return baseUri;
    }

    public String host() {
        return baseUri.getHost();
    }

    public int port() {
        return baseUri.getPort() == -1 ? 443 : baseUri.getPort();
    }

    /** May be null: no client certificate is sent (the server will refuse the handshake). */
    public ClientIdentity identity() {
        return identity;
    }

    public List<X509Certificate> extraTrust() {
        return extraTrust;
    }

    /** May be null: direct connection. */
    public ProxySettings proxy() {
        return proxy;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public Clock clock() {
        return clock;
    }

    public Sleeper sleeper() {
        return sleeper;
    }

    public int maxRetries() {
        return maxRetries;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** The most one API call spends waiting between retries (Retry-After and backoff together); default 30 s. */
    public Duration maxRetryWait() {
        return maxRetryWait;
    }

    /** May be null: nobody is told about the exchanges. */
    public AtlasExchangeObserver observer() {
        return observer;
    }

    public static final class Builder {
        private final String apiUrl;
        private ClientIdentity identity;
        private final List<X509Certificate> extraTrust = new ArrayList<>();
        private ProxySettings proxy;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.REAL;
        private int maxRetries = 5;
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxRetryWait = Duration.ofSeconds(30);
        private AtlasExchangeObserver observer;

        private Builder(String apiUrl) {
            this.apiUrl = apiUrl;
        }

        public Builder identity(ClientIdentity identity) {
            this.identity = identity;
            return this;
        }

        public Builder pkcs12(byte[] keystore, char[] password) {
            this.identity = ClientIdentity.pkcs12(keystore, password);
            return this;
        }

        public Builder trust(List<X509Certificate> extraTrustedCas) {
            this.extraTrust.addAll(extraTrustedCas);
            return this;
        }

        public Builder proxy(ProxySettings proxy) {
            this.proxy = proxy;
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = requirePositive(d);
            return this;
        }

        /** The total deadline of one HTTP exchange: connect, TLS, headers and the whole body (default 30 s). */
        public Builder requestTimeout(Duration d) {
            this.requestTimeout = requirePositive(d);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper);
            return this;
        }

        /** Retries after the first attempt on 429, 503 and retryable 202 (default 5). */
        public Builder maxRetries(int n) {
            if (n < 0 || n > 20) {
                throw new IllegalArgumentException("maxRetries must be 0..20");
            }
            this.maxRetries = n;
            return this;
        }

        /** First backoff; doubles per retry, capped at 30 s (default 1 s). */
        public Builder initialBackoff(Duration d) {
            this.initialBackoff = requirePositive(d);
            return this;
        }

        /** Cap on the total wait between retries of one call; a longer Retry-After ends the call instead. */
        public Builder maxRetryWait(Duration d) {
            this.maxRetryWait = Objects.requireNonNull(d);
            if (d.isNegative()) {
                throw new IllegalArgumentException("duration must not be negative");
            }
            return this;
        }

        /** Told about every HTTP exchange (audit trail); null for none. */
        public Builder observer(AtlasExchangeObserver observer) {
            this.observer = observer;
            return this;
        }

        public AtlasConnectionConfig build() {
            return new AtlasConnectionConfig(this);
        }

        private static Duration requirePositive(Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("duration must be positive");
            }
            return d;
        }
    }
}
