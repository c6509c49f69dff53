package io.atlasonboard.cli;

import java.io.Console;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.NoSuchElementException;

import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.atlas.AtlasException;
import io.atlasonboard.core.domains.ProviderClients;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.core.store.StoreException;
import picocli.CommandLine;

/**
 * The store (from {@code --home}, unlocked with {@code --passphrase-file} or a console prompt), one provider by name
 * and an API client for it, for the claim, status, verify and cert commands. Close it when done.
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

    /** The root command, found by walking up from a (nested) subcommand. */
    static Cli root(CommandLine.Model.CommandSpec spec) {
        for (CommandLine.Model.CommandSpec s = spec; s != null; s = s.parent()) {
            if (s.userObject() instanceof Cli c) {
                return c;
            }
        }
        throw new IllegalStateException("command is not below the atlas-onboard root");
    }

    static ProviderSession open(CommandLine.Model.CommandSpec spec, String providerName) {
        Cli root = root(spec);
        Path home = root.homeDir();
        char[] pass = passphrase(root);
        Store store;
        try {
            store = Store.open(home, pass);
        } catch (StoreException e) {
            throw new CliException(e.getMessage());
        } finally {
            Arrays.fill(pass, '\0');
        }
        try {
            ProviderRecord p;
            try {
                p = ProviderClients.find(store, providerName);
            } catch (NoSuchElementException e) {
                throw new CliException(e.getMessage());
            }
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

    private static char[] passphrase(Cli root) {
        if (root.passphraseFile() != null) {
            return PkiFiles.readPassword(root.passphraseFile(), "passphrase");
        }
        Console c = System.console();
        if (c == null) {
            throw new CliException("The store is locked and there is no console to ask for the passphrase; "
                    + "give --passphrase-file FILE");
        }
        char[] p = c.readPassword("Store passphrase: ");
        if (p == null || p.length == 0) {
            throw new CliException("No passphrase given");
        }
        return p;
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
        store.close();
    }
}
