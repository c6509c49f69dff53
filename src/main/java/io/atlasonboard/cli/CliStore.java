package io.atlasonboard.cli;

import java.io.Console;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.NoSuchElementException;

import io.atlasonboard.core.providers.ProviderClients;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.core.store.StoreException;
import picocli.CommandLine;

/**
 * The one way the commands reach the store: the data folder from {@code --home}, the passphrase from
 * {@code --passphrase-file} (first line) or a console prompt, and providers by name. Only {@code provider add}
 * creates a store ({@link #openOrCreate}); every other command needs an existing one ({@link #open}).
 */
final class CliStore {
    private CliStore() {
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

    /** True when {@code --passphrase-file -} reads the passphrase from standard input. */
    static boolean passphraseFromStdin(CommandLine.Model.CommandSpec spec) {
        return CliFiles.isStdin(root(spec).passphraseFile());
    }

    /** Opens the existing store; refuses a data folder without one (telling the user how to create it). */
    static Store open(CommandLine.Model.CommandSpec spec) {
        Cli root = root(spec);
        Path home = root.homeDir();
        if (!Store.exists(home)) {
            throw new CliException("There is no store in " + home + "; run 'provider add' first (or give --home DIR)");
        }
        return unlock(root, home, false);
    }

    /** Opens the store, creating it from the passphrase when the data folder has none yet. */
    static Store openOrCreate(CommandLine.Model.CommandSpec spec) {
        Cli root = root(spec);
        Path home = root.homeDir();
        return unlock(root, home, !Store.exists(home));
    }

    /** The stores this process opened (a command line run opens one or two), for a cancel to close what is left. */
    private static final java.util.List<Store> OPENED = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** True when this run opened a store. */
    static boolean openedAny() {
        return !OPENED.isEmpty();
    }

    /**
     * Closes the stores this run opened that are still open (after Ctrl-C, when the command did not get to it);
     * returns how many. The calling thread's interrupt status is cleared first: H2 cannot close on an interrupted
     * thread.
     */
    static int closeLeftOpen() {
        int n = 0;
        for (Store s : OPENED) {
            if (s.isOpen()) {
                close(s);
                n++;
            }
        }
        return n;
    }

    /** Closes {@code s} with the interrupt status cleared for the close (and restored afterwards). */
    static void close(Store s) {
        boolean interrupted = Thread.interrupted();
        try {
            s.close();
        } finally {
            if (interrupted && !CliCancellation.cancelled()) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Store unlock(Cli root, Path home, boolean create) {
        char[] pass = passphrase(root, create);
        try {
            Store s = create ? Store.create(home, pass) : Store.open(home, pass);
            OPENED.add(s);
            return s;
        } catch (StoreException e) {
            throw new CliException(e.getMessage(), e);
        } finally {
            Arrays.fill(pass, '\0');
        }
    }

    private static char[] passphrase(Cli root, boolean create) {
        if (root.passphraseFile() != null) {
            return CliFiles.readPassword(root.passphraseFile(), "passphrase (--passphrase-file)");
        }
        Console c = System.console();
        if (c == null) {
            throw new CliException("The store's passphrase is needed and there is no console to ask for it; "
                    + "give --passphrase-file FILE");
        }
        char[] p = c.readPassword(create ? "Choose a passphrase for the new store (at least "
                + Store.MIN_PASSPHRASE_LENGTH + " characters): " : "Store passphrase: ");
        if (p == null || p.length == 0) {
            throw new CliException("No passphrase given");
        }
        return p;
    }

    /** The provider with this name (case-insensitive); else "There is no provider named 'X' (known: ...)". */
    static ProviderRecord provider(Store store, String name) {
        try {
            return ProviderClients.find(store, name);
        } catch (NoSuchElementException e) {
            throw new CliException(e.getMessage());
        }
    }
}
