package io.atlasonboard.core.domains;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.atlas.AtlasConnectionConfig;
import io.atlasonboard.core.atlas.ProxySettings;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.ProviderSecrets;
import io.atlasonboard.core.store.Store;

/**
 * Maps a stored provider to an {@link AtlasConnectionConfig} and an {@link AtlasClient}. A small local adapter until
 * the client helper's {@code core.atlas.ProviderService} lands on main (then this delegates or goes away).
 */
public final class ProviderClients {
    private ProviderClients() {
    }

    /** The provider with this name (case-insensitive); a message listing the known names otherwise. */
    public static ProviderRecord find(Store store, String name) {
        return store.providers().findByName(name).orElseThrow(() -> {
            List<String> names = new ArrayList<>();
            store.providers().list().forEach(p -> names.add(p.name()));
            return new NoSuchElementException("There is no provider named '" + name + "'"
                    + (names.isEmpty() ? " (the store has no providers yet; add one with 'provider add')."
                    : " (known: " + String.join(", ", names) + ")."));
        });
    }

    /** A connection config for the provider: API URL, PKCS#12 identity, extra trusted CAs, proxy. */
    public static AtlasConnectionConfig.Builder config(ProviderRecord p, ProviderSecrets s) {
        AtlasConnectionConfig.Builder b = AtlasConnectionConfig.builder(p.apiUrl());
        byte[] ks = p.keystore();
        if (ks != null && ks.length > 0) {
            char[] pw = s.keystorePassword() == null ? new char[0] : s.keystorePassword().clone();
            b.pkcs12(ks, pw);
        }
        if (p.extraTrustPem() != null && !p.extraTrustPem().isBlank()) {
            b.trust(parseCertificates(p.extraTrustPem()));
        }
        if (p.hasProxy()) {
            char[] ppw = s.proxyPassword() == null ? null : s.proxyPassword().clone();
            b.proxy(new ProxySettings(p.proxyHost(), p.proxyPort() == null ? 8080 : p.proxyPort(), p.proxyUser(), ppw));
        }
        return b;
    }

    /** Opens a client for the stored provider; {@code customise} may set clock, sleeper, retries (null: defaults). */
    public static AtlasClient open(Store store, ProviderRecord p, Consumer<AtlasConnectionConfig.Builder> customise) {
        try (ProviderSecrets s = store.providers().secrets(p.id())) {
            if (s.apiSecret() == null || s.apiSecret().length == 0) {
                throw new IllegalStateException("Provider '" + p.name() + "' has no API secret stored.");
            }
            AtlasConnectionConfig.Builder b = config(p, s);
            if (customise != null) {
                customise.accept(b);
            }
            return new AtlasClient(b.build(), p.apiKey(), s.apiSecret());
        }
    }

    static List<X509Certificate> parseCertificates(String pem) {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (var c : cf.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                out.add((X509Certificate) c);
            }
            return out;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("The provider's extra trusted CA certificates cannot be read: "
                    + e.getMessage().toLowerCase(Locale.ROOT), e);
        }
    }
}
