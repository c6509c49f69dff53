package io.atlasonboard.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.atlas.AtlasException;
import io.atlasonboard.core.providers.ProviderClients;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.Store;
import picocli.CommandLine;

/**
 * The store (see {@link CliStore}), one provider by name and an API client for it, for the claim, status, verify and cert commands. Close it when done.
 */
final class ProviderSession implements AutoCloseable {
    static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    final Store store;
    final ProviderRecord provider;
    final AtlasClient client;

    private ProviderSession(Store store, ProviderRecord provider, AtlasClient client) {
        this.store = store;
        this.provider = provider;
        this.client = client;
    }

    /** The required {@code --provider NAME} option of the commands that work through one provider. */
    static final class Name {
        @CommandLine.Option(names = "--provider", required = true, paramLabel = "NAME",
                description = "The provider's name.")
        String value;
    }

    /** Opens the existing store, finds the provider by name and an API client for it. */
    static ProviderSession open(CommandLine.Model.CommandSpec spec, String providerName) {
        Store store = CliStore.open(spec);
        try {
            ProviderRecord p = CliStore.provider(store, providerName);
            AtlasClient client;
            try {
                client = ProviderClients.open(store, p, null);
            } catch (AtlasException | IllegalArgumentException | IllegalStateException e) {
                throw new CliException("Cannot connect provider '" + p.name() + "': " + e.getMessage());
            }
            return new ProviderSession(store, p, client);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    static String when(Instant t) {
        return t == null ? "-" : UTC.format(t);
    }

    /** "in 29 d 23 h" / "passed 2 d ago". */
    static String countdown(Instant deadline, Instant now) {
        if (deadline == null) {
            return "";
        }
        Duration d = Duration.between(now, deadline);
        boolean past = d.isNegative();
        d = d.abs();
        String s = d.toDays() > 0 ? d.toDays() + " d " + d.toHoursPart() + " h"
                : d.toHours() > 0 ? d.toHours() + " h " + d.toMinutesPart() + " min" : d.toMinutes() + " min";
        return past ? "passed " + s + " ago" : "in " + s;
    }

    @Override
    public void close() {
        client.close();
        CliStore.close(store); // also after Ctrl-C: with the interrupt status cleared, so H2 closes cleanly
    }
}
