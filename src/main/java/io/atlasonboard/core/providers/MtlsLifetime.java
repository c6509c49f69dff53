package io.atlasonboard.core.providers;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.atlasonboard.core.pki.Pkcs12;
import io.atlasonboard.core.pki.PkiException;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.ProviderRepository;

/**
 * How long a provider's mTLS certificate has left: its expiry, whole days left, serial, and a level for the status
 * indicator (amber within {@link #AMBER_DAYS} days, red within {@link #RED_DAYS} or expired). An expired mTLS
 * certificate silently stops all issuance, so the application warns at start for every provider at red.
 */
public record MtlsLifetime(String providerName, Instant notAfter, long daysLeft, BigInteger serial, Level level) {
    public static final int AMBER_DAYS = 90;
    public static final int RED_DAYS = 30;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    public enum Level { OK, AMBER, RED, EXPIRED }

    public static MtlsLifetime of(String providerName, X509Certificate cert, Instant now) {
        Instant end = cert.getNotAfter().toInstant();
        long days = Duration.between(now, end).toDays();
        Level level = !end.isAfter(now) ? Level.EXPIRED : days <= RED_DAYS ? Level.RED
                : days <= AMBER_DAYS ? Level.AMBER : Level.OK;
        return new MtlsLifetime(providerName, end, days, cert.getSerialNumber(), level);
    }

    /** The lifetime of a stored provider's mTLS certificate; empty when the keystore is missing or does not open. */
    public static Optional<MtlsLifetime> of(ProviderRepository providers, ProviderRecord p, Instant now) {
        byte[] ks = p.keystore();
        if (ks == null || ks.length == 0 || p.id() == null) {
            return Optional.empty();
        }
        char[] pw = providers.keystorePassword(p.id());
        try {
            return Optional.of(of(p.name(), Pkcs12.read(ks, pw == null ? new char[0] : pw).chain().get(0), now));
        } catch (PkiException | IllegalArgumentException e) {
            return Optional.empty();
        } finally {
            if (pw != null) {
                java.util.Arrays.fill(pw, '\0');
            }
        }
    }

    /** Providers whose mTLS certificate is within {@link #RED_DAYS} days of expiry or expired (the start warning). */
    public static List<MtlsLifetime> needingRenewal(ProviderRepository providers, Instant now) {
        List<MtlsLifetime> out = new ArrayList<>();
        for (ProviderRecord p : providers.list()) {
            of(providers, p, now).filter(l -> l.level() == Level.RED || l.level() == Level.EXPIRED).ifPresent(out::add);
        }
        return out;
    }

    public String expiryDay() {
        return DAY.format(notAfter);
    }

    /** A sentence for a warning banner or the command line. */
    public String sentence() {
        return switch (level) {
            case EXPIRED -> "The mTLS certificate of '" + providerName + "' expired on " + expiryDay()
                    + ": no API call works until it is renewed.";
            case RED, AMBER -> "The mTLS certificate of '" + providerName + "' expires on " + expiryDay() + " (in "
                    + daysLeft + (daysLeft == 1 ? " day" : " days") + "): renew it before then, or all issuance stops.";
            case OK -> "The mTLS certificate of '" + providerName + "' is valid until " + expiryDay() + " ("
                    + daysLeft + " days).";
        };
    }
}
