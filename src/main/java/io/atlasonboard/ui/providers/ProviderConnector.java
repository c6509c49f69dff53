package io.atlasonboard.ui.providers;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.atlas.AtlasConnectionConfig;
import io.atlasonboard.core.atlas.ConnectionReport;
import io.atlasonboard.core.atlas.ConnectionTester;
import io.atlasonboard.core.atlas.ProxySettings;
import io.atlasonboard.core.store.ConnectionStatus;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.ProviderSecrets;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.core.tasks.ProgressSink;

/**
 * Turns a stored provider into a connection (no JavaFX; call it from background jobs only): builds the
 * {@link AtlasConnectionConfig} from the record and its decrypted secrets, runs the connection test and keeps its
 * result with {@code ProviderRepository.recordStatus}, and opens API clients for the DNS and certificate views.
 */
public final class ProviderConnector {
    private final Store store;
    private final Clock clock;

    public ProviderConnector(Store store, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.clock = Objects.requireNonNull(clock);
    }

    public Store store() {
        return store;
    }

    /** Parses PEM text holding one or more certificates (the extra trusted server CAs). */
    public static List<X509Certificate> parseTrustPem(String pem) {
        if (pem == null || pem.isBlank()) {
            return List.of();
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (var c : cf.generateCertificates(new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)))) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("The trusted server CA text holds no certificate; paste PEM "
                        + "blocks (-----BEGIN CERTIFICATE-----).");
            }
            return out;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("The trusted server CA text is not PEM certificates: " + e.getMessage());
        }
    }

    /** The connection settings of a provider; the caller keeps {@code secrets} open while the config is used. */
    public AtlasConnectionConfig config(ProviderRecord r, ProviderSecrets secrets) {
        AtlasConnectionConfig.Builder b = AtlasConnectionConfig.builder(r.apiUrl()).clock(clock)
                .trust(parseTrustPem(r.extraTrustPem()));
        byte[] ks = r.keystore();
        if (ks != null) {
            b.pkcs12(ks, secrets.keystorePassword() == null ? new char[0] : secrets.keystorePassword());
        }
        if (r.hasProxy()) {
            b.proxy(new ProxySettings(r.proxyHost(), r.proxyPort() == null ? 3128 : r.proxyPort(), r.proxyUser(),
                    secrets.proxyPassword()));
        }
        return b.build();
    }

    /** Runs the connection test of a stored provider and records the result with its time. */
    public ConnectionReport test(long providerId, ProgressSink progress) {
        ProviderRecord r = store.providers().get(providerId);
        ConnectionReport report;
        try (ProviderSecrets s = store.providers().secrets(providerId)) {
            AtlasConnectionConfig cfg;
            try {
                cfg = config(r, s);
            } catch (IllegalArgumentException e) {
                report = new ConnectionReport(ConnectionReport.Status.BAD, "Local checks",
                        "The provider settings are not usable: " + e.getMessage(),
                        io.atlasonboard.core.atlas.Diagnosis.INVALID_CONFIGURATION, null, null, clock.instant());
                record(providerId, report);
                return report;
            }
            report = ConnectionTester.test(cfg, r.apiKey(), s.apiSecret(), progress);
        }
        record(providerId, report);
        return report;
    }

    private void record(long providerId, ConnectionReport report) {
        ConnectionStatus st = report.good()
                ? ConnectionStatus.good(report.checkedAt(), summaryOf(report))
                : ConnectionStatus.bad(report.checkedAt(), report.failedStep(), report.diagnosis());
        store.providers().recordStatus(providerId, st);
    }

    static String summaryOf(ConnectionReport report) {
        StringBuilder sb = new StringBuilder();
        if (report.remainingQuota() != null) {
            sb.append("Remaining issuance quota: ").append(report.remainingQuota()).append('\n');
        }
        if (report.policySummary() != null) {
            sb.append(report.policySummary());
        }
        return sb.toString().strip();
    }

    /** An API client for a stored provider (the caller closes it). */
    public AtlasClient client(long providerId) {
        ProviderRecord r = store.providers().get(providerId);
        ProviderSecrets s = store.providers().secrets(providerId);
        try {
            // AtlasClient copies the secret and builds its TLS context (keystore opened) in the constructor
            return new AtlasClient(config(r, s), r.apiKey(), s.apiSecret());
        } finally {
            s.close();
        }
    }
}
