package io.atlasonboard.core.providers;

import io.atlasonboard.core.Localized;
import io.atlasonboard.core.Msg;

import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.atlas.AtlasConnectionConfig;
import io.atlasonboard.core.atlas.ProxySettings;
import io.atlasonboard.core.atlas.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

import io.atlasonboard.core.store.ConnectionStatus;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.ProviderRepository;
import io.atlasonboard.core.store.ProviderSecrets;
import io.atlasonboard.core.tasks.ProgressSink;

/**
 * Turns stored providers (record + encrypted secrets) into connection configs, runs the connection test and keeps its
 * result with its time in the store. Run {@link #test} on the task service, never on the UI thread.
 */
public final class ProviderService {
    private final ProviderRepository providers;
    private final Clock clock;
    private final Sleeper sleeper;

    public ProviderService(ProviderRepository providers) {
        this(providers, Clock.systemUTC(), Sleeper.REAL);
    }

    public ProviderService(ProviderRepository providers, Clock clock, Sleeper sleeper) {
        this.providers = Objects.requireNonNull(providers);
        this.clock = Objects.requireNonNull(clock);
        this.sleeper = Objects.requireNonNull(sleeper);
    }

    /**
     * The connection config of a provider. Password arrays are copies owned by the returned config's identity and
     * proxy settings; the caller's {@code secrets} may be wiped afterwards.
     */
    public AtlasConnectionConfig config(ProviderRecord record, ProviderSecrets secrets) {
        return configBuilder(record, secrets).build();
    }

    /** As {@link #config} but returns the builder, so callers can adjust timeouts, retries, clock or sleeper. */
    public AtlasConnectionConfig.Builder configBuilder(ProviderRecord record, ProviderSecrets secrets) {
        AtlasConnectionConfig.Builder b = AtlasConnectionConfig.builder(record.apiUrl())
                .clock(clock).sleeper(sleeper)
                // one exchange (connect + TLS + headers + body) within 30 s, the call with its retry waits within
                // about 60 s (AtlasClient's whole-call deadline = request timeout + retry-wait cap); was 60 s an exchange
                .connectTimeout(Duration.ofSeconds(10)).requestTimeout(Duration.ofSeconds(30));
        if (record.id() != null) {
            b.observer(AuditTrail.observer(providers.audit(), record.id()));
        }
        byte[] keystore = record.keystore();
        if (keystore != null && keystore.length > 0) {
            char[] pw = secrets.keystorePassword() == null ? new char[0] : secrets.keystorePassword().clone();
            b.pkcs12(keystore, pw);
            Arrays.fill(keystore, (byte) 0);
        }
        if (record.extraTrustPem() != null && !record.extraTrustPem().isBlank()) {
            b.trust(ProviderInput.parseTrustPem(record.extraTrustPem()));
        }
        if (record.hasProxy()) {
            int port = record.proxyPort() == null ? 3128 : record.proxyPort();
            char[] proxyPw = secrets.proxyPassword() == null ? null : secrets.proxyPassword().clone();
            b.proxy(new ProxySettings(record.proxyHost(), port, record.proxyUser(), proxyPw));
        }
        return b;
    }

    /**
     * Runs the connection test of the provider and records the result (state, time, step, diagnosis, summary);
     * {@code listener} hears each check start, pass or fail (see {@link ConnectionTester}).
     */
    public ConnectionReport test(long providerId, ProgressSink progress, ConnectionListener listener) {
        ConnectionListener events = listener == null ? ConnectionListener.NONE : listener;
        ProviderRecord record = providers.find(providerId)
                .orElseThrow(() -> new NoSuchElementException("There is no provider with id " + providerId + "."));
        ConnectionReport report;
        try (ProviderSecrets secrets = providers.secrets(providerId)) {
            AtlasConnectionConfig config;
            try {
                config = config(record, secrets);
            } catch (IllegalArgumentException e) {
                events.on(new ConnectionEvent.Started(ConnectionStep.LOCAL, Msg.of("core.providers.doing.settings")));
                Object why = e instanceof Localized l && l.msg() != null ? l.msg() : String.valueOf(e.getMessage());
                report = ConnectionReport.bad(ConnectionTester.STEP_LOCAL, Diagnosis.INVALID_CONFIGURATION,
                        Msg.of("core.providers.diag.INVALID_CONFIGURATION", why), clock.instant());
                events.on(new ConnectionEvent.Failed(ConnectionStep.LOCAL, report.code(), report.diagnosis(),
                        report.msg()));
                record(providerId, report);
                return report;
            }
            char[] apiSecret = secrets.apiSecret() == null ? new char[0] : secrets.apiSecret();
            try {
                report = ConnectionTester.test(config, record.apiKey(), apiSecret, progress, events);
            } finally {
                wipe(config);
            }
        }
        record(providerId, report);
        return report;
    }

    /** An API client for the provider (close it when done). */
    public AtlasClient client(long providerId) {
        return client(providerId, null);
    }

    /** As {@link #client(long)}; {@code customise} (may be null) adjusts the config (retries, clock, sleeper) first. */
    public AtlasClient client(long providerId, java.util.function.Consumer<AtlasConnectionConfig.Builder> customise) {
        ProviderRecord record = providers.get(providerId);
        try (ProviderSecrets secrets = providers.secrets(providerId)) {
            AtlasConnectionConfig.Builder b = configBuilder(record, secrets);
            if (customise != null) {
                customise.accept(b);
            }
            char[] apiSecret = secrets.apiSecret() == null ? new char[0] : secrets.apiSecret();
            return new AtlasClient(b.build(), record.apiKey(), apiSecret);
        }
    }

    /** Keeps a report made outside {@link #test} (e.g. a renewal's test of a new identity) as the status. */
    public void recordReport(long id, ConnectionReport r) {
        record(id, r);
    }

    java.security.PublicKey publicKey(java.security.PrivateKey key) {
        return io.atlasonboard.core.pki.Keys.publicKeyOf(key);
    }

    private void record(long id, ConnectionReport r) {
        if (r.good()) {
            // the policy (as its message) is kept with the status, so a status read back renders in any language
            Object policy = r.policyMsg() != null ? r.policyMsg() : String.valueOf(r.policySummary());
            providers.recordStatus(id, ConnectionStatus.good(r.checkedAt(),
                    Msg.of("core.providers.status.summary", String.valueOf(r.remainingQuota()), policy)));
        } else if (r.msg() != null) {
            providers.recordStatus(id, ConnectionStatus.bad(r.checkedAt(), r.failedStep(), r.msg()));
        } else {
            providers.recordStatus(id, ConnectionStatus.bad(r.checkedAt(), r.failedStep(), r.diagnosis()));
        }
    }

    private static void wipe(AtlasConnectionConfig config) {
        if (config.identity() != null) {
            Arrays.fill(config.identity().password(), '\0');
        }
        if (config.proxy() != null && config.proxy().password() != null) {
            Arrays.fill(config.proxy().password(), '\0');
        }
    }

    /**
     * Points every sandbox provider whose API URL is {@code from} at {@code to} (a sandbox that came back on another
     * port); secrets stay, the connection status resets to unknown. Returns the updated providers.
     */
    public List<ProviderRecord> followMovedSandbox(String from, String to) {
        Objects.requireNonNull(from);
        Objects.requireNonNull(to);
        List<ProviderRecord> moved = new java.util.ArrayList<>();
        for (ProviderRecord r : providers.list()) {
            if (r.sandbox() && sameUrl(r.apiUrl(), from)) {
                moved.add(providers.update(r.toBuilder().apiUrl(to).build(), null));
            }
        }
        return moved;
    }

    private static boolean sameUrl(String a, String b) {
        return a != null && strip(a).equalsIgnoreCase(strip(b));
    }

    private static String strip(String u) {
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }
}
