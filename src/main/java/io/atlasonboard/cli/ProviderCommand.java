package io.atlasonboard.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.atlasonboard.core.atlas.AtlasConnectionConfig;
import io.atlasonboard.core.providers.ConnectionEvent;
import io.atlasonboard.core.providers.ConnectionListener;
import io.atlasonboard.core.providers.ProviderInput;
import io.atlasonboard.core.providers.ProviderInputException;
import io.atlasonboard.core.providers.ConnectionReport;
import io.atlasonboard.core.providers.Presets;
import io.atlasonboard.core.providers.ProviderService;
import io.atlasonboard.core.atlas.ProxySettings;
import io.atlasonboard.core.store.ConnectionStatus;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.core.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code provider add|list|test|delete}: GlobalSign certificate provider records in the store, and their connection
 * status. Uses the global {@code --home} and {@code --passphrase-file} (see {@link CliStore}); {@code provider add} on
 * a fresh data folder creates the store from that passphrase, the others need an existing store.
 */
@Command(name = "provider", mixinStandardHelpOptions = true,
        description = "GlobalSign certificate providers: add, list, test the connection, delete.",
        subcommands = {ProviderCommand.Add.class, ProviderCommand.ListProviders.class, ProviderCommand.Test.class,
            ProviderCommand.Delete.class, ProviderExportCommand.class, ProviderLogCommand.class,
            ProviderRenewCommand.class})
public final class ProviderCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    // ------------------------------------------------------------------ shared helpers

    /** Prints each check of a connection test to stderr as it starts and as it passes or fails. */
    static ConnectionListener stderrSteps(PrintWriter err) {
        return e -> {
            if (e instanceof ConnectionEvent.Started st) {
                err.println("... " + st.step().label() + ": " + st.detail());
            } else if (e instanceof ConnectionEvent.Passed) {
                err.println("    passed: " + e.step().label());
            } else {
                err.println("    FAILED: " + e.step().label());
            }
            err.flush();
        };
    }

    /** Tests the provider, printing the checks to stderr and the report to stdout; exit code 0 when Good. */
    static int test(Store store, ProviderRecord p, CommandSpec spec) {
        ConnectionReport r = new ProviderService(store.providers()).test(p.id(), CliCancellation.sink(null),
                stderrSteps(spec.commandLine().getErr()));
        return printReport(spec.commandLine().getOut(), r);
    }

    /** The option a person gives for each field of the provider input. */
    static String option(ProviderInput.Field f) {
        return switch (f) {
            case NAME -> "--name";
            case API_URL -> "--api-url";
            case INTENDED_USE -> "--use";
            case API_KEY -> "--api-key";
            case API_SECRET -> "--api-secret-file";
            case KEYSTORE -> "--keystore";
            case TRUST_PEM -> "--trust-pem";
            case PROXY -> "--proxy";
        };
    }

    /** The problems of a provider input, each led by its option ("--api-url: The API URL must ..."). */
    static CliException problems(ProviderInputException e) {
        StringBuilder sb = new StringBuilder();
        e.problems().forEach((f, m) -> sb.append(sb.length() == 0 ? "" : "\n").append(option(f)).append(": ")
                .append(m.english()));
        return new CliException(sb.toString(), e);
    }

    static int printReport(PrintWriter out, ConnectionReport r) {
        out.print(r.toText());
        out.flush();
        return r.good() ? 0 : 1;
    }

    // ------------------------------------------------------------------ add

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Save a GlobalSign provider, then test its connection and print the status.")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--name", required = true, paramLabel = "N", description = "Provider name (unique).")
        String name;

        @Option(names = "--api-url", paramLabel = "URL", description = "HVCA API URL, with or without /v2 (default: "
                + "api.url of the administrator's presets, else " + AtlasConnectionConfig.DEFAULT_API_URL + ").")
        String apiUrl;

        @Option(names = "--use", required = true, paramLabel = "TLS|SMIME",
                description = "Intended use: TLS or SMIME.")
        String use;

        @Option(names = "--api-key", paramLabel = "KEY", description = "The API key. Prefer --api-key-file: a "
                + "value on the command line is visible to other users (ps) and kept in shell history.")
        String apiKey;

        @Option(names = "--api-key-file", paramLabel = "F",
                description = "File whose first line is the API key; - reads it from standard input (preferred).")
        Path apiKeyFile;

        @Option(names = "--api-secret-file", required = true, paramLabel = "F",
                description = "File whose first line is the API secret; - reads it from standard input.")
        Path apiSecretFile;

        @Option(names = "--keystore", required = true, paramLabel = "FILE",
                description = "PKCS#12 (.p12/.pfx) with the mTLS certificate and its private key.")
        Path keystore;

        @Option(names = "--keystore-password-file", required = true, paramLabel = "F")
        Path keystorePasswordFile;

        @Option(names = "--trust-pem", paramLabel = "FILE",
                description = "Extra trusted server CA certificate(s), PEM (TLS-inspecting proxy, sandbox).")
        Path trustPem;

        @Option(names = "--proxy", paramLabel = "HOST:PORT", description = "HTTP proxy (CONNECT) for this provider.")
        String proxy;

        @Option(names = "--proxy-user", paramLabel = "U")
        String proxyUser;

        @Option(names = "--proxy-password-file", paramLabel = "F")
        Path proxyPasswordFile;

        @Option(names = "--sandbox", description = "Label the provider as a sandbox (simulated GlobalSign).")
        boolean sandbox;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Presets presets = Presets.system();
            presets.problem().ifPresent(m -> spec.commandLine().getErr().println("Warning: " + m));
            IntendedUse intendedUse;
            try {
                intendedUse = ProviderInput.parseUse(use);
            } catch (IllegalArgumentException e) {
                throw new CliException("--use: " + e.getMessage());
            }
            if ((apiKey == null) == (apiKeyFile == null)) {
                throw new CliException("Give the API key with exactly one of --api-key-file F (preferred; - for "
                        + "standard input) and --api-key KEY");
            }
            long fromStdin = java.util.stream.Stream.of(apiKeyFile, apiSecretFile, keystorePasswordFile,
                    proxyPasswordFile).filter(CliFiles::isStdin).count();
            if (fromStdin > 1) {
                throw new CliException("Only one of --api-key-file, --api-secret-file, --keystore-password-file and "
                        + "--proxy-password-file can be - (standard input)");
            }
            if (fromStdin == 1 && CliStore.passphraseFromStdin(spec)) {
                throw new CliException("--passphrase-file - and a secret file - cannot both read standard input");
            }
            if ((proxyUser == null) != (proxyPasswordFile == null)) {
                throw new CliException("--proxy-user and --proxy-password-file go together");
            }
            if (proxyUser != null && proxy == null) {
                throw new CliException("--proxy-user needs --proxy HOST:PORT");
            }
            ProxySettings proxySettings = null;
            if (proxy != null) {
                try {
                    proxySettings = ProxySettings.parse(proxy, proxyUser, null);
                } catch (IllegalArgumentException e) {
                    throw new CliException("--proxy: " + e.getMessage());
                }
            }
            try (ProviderInput input = new ProviderInput().name(name)
                    .apiUrl(apiUrl != null ? apiUrl : presets.apiUrlOrDefault()).intendedUse(intendedUse)
                    .sandbox(sandbox)) {
                if (apiKeyFile != null) {
                    // ProviderInput and the store keep the API key as a String (it is an identifier that GlobalSign
                    // shows in the portal, not the secret); the char[] read from the file is wiped at once.
                    readSecret(apiKeyFile, "API key (--api-key-file)", k -> input.apiKey(new String(k)));
                } else {
                    input.apiKey(apiKey);
                }
                byte[] p12 = CliFiles.read(keystore, "keystore (--keystore)");
                input.keystore(p12, keystore.getFileName().toString());
                Arrays.fill(p12, (byte) 0);
                if (trustPem != null) {
                    input.trustPem(new String(CliFiles.read(trustPem, "trusted CA (--trust-pem)"),
                            StandardCharsets.US_ASCII));
                }
                if (proxySettings != null) {
                    input.proxy(proxySettings.host(), String.valueOf(proxySettings.port()), proxySettings.user());
                }
                readSecret(apiSecretFile, "API secret (--api-secret-file)", input::apiSecret);
                readSecret(keystorePasswordFile, "keystore password (--keystore-password-file)",
                        input::keystorePassword);
                if (proxyPasswordFile != null) {
                    readSecret(proxyPasswordFile, "proxy password (--proxy-password-file)", input::proxyPassword);
                }
                try (Store store = CliStore.openOrCreate(spec)) {
                    ProviderRecord saved;
                    try {
                        saved = input.save(store.providers());
                    } catch (ProviderInputException e) {
                        if (e.problems().containsKey(ProviderInput.Field.NAME)
                                && store.providers().findByName(input.name()).isPresent()) {
                            throw new CliException("--name: " + e.problems().get(ProviderInput.Field.NAME).english()
                                    + " (or delete it first: provider delete " + input.name() + ")", e);
                        }
                        throw problems(e);
                    } catch (StoreException e) {
                        throw new CliException(e.getMessage(), e);
                    }
                    out.println("Saved provider '" + saved.name() + "'" + (sandbox ? " (SANDBOX)" : "") + ".");
                    out.flush();
                    return test(store, saved, spec);
                }
            }
        }
    }

    /** Reads a secret file, hands a copy of the secret to {@code to} and wipes what was read. */
    static void readSecret(Path file, String what, java.util.function.Consumer<char[]> to) {
        char[] secret = CliFiles.readPassword(file, what);
        try {
            to.accept(secret);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    // ------------------------------------------------------------------ list

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List providers with their status.")
    static final class ListProviders implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Store store = CliStore.open(spec)) {
                List<ProviderRecord> all = store.providers().list();
                if (all.isEmpty()) {
                    out.println("No providers. Add one with: provider add --name N ...");
                    return 0;
                }
                String fmt = "%-24s %-6s %-8s %-25s %-16s %-11s %-9s %s%n";
                out.printf(fmt, "NAME", "USE", "STATUS", "CHECKED AT", "PROXY", "MTLS UNTIL", "DAYS LEFT", "API URL");
                java.time.Instant now = java.time.Instant.now();
                List<String> warnings = new java.util.ArrayList<>();
                for (ProviderRecord p : all) {
                    ConnectionStatus s = p.status();
                    String state = switch (s.state()) {
                        case GOOD -> "Good";
                        case BAD -> "Bad";
                        case UNKNOWN -> "Unknown";
                    };
                    var life = io.atlasonboard.core.providers.MtlsLifetime.of(store.providers(), p, now);
                    out.printf(fmt, p.name() + (p.sandbox() ? " [SANDBOX]" : ""), p.intendedUse(), state,
                            s.checkedAt() == null ? "-" : s.checkedAt().toString(),
                            p.hasProxy() ? p.proxyHost() + ":" + p.proxyPort() : "-",
                            life.map(l -> l.expiryDay()).orElse("-"), life.map(l -> l.daysLeft()
                                    + (l.level() == io.atlasonboard.core.providers.MtlsLifetime.Level.OK ? ""
                                    : " " + l.level())).orElse("-"), p.apiUrl());
                    life.filter(l -> l.level() != io.atlasonboard.core.providers.MtlsLifetime.Level.OK)
                            .ifPresent(l -> warnings.add(l.sentence()));
                    if (s.state() == ConnectionStatus.State.BAD) {
                        out.println("    Step: " + s.failedStep());
                        out.println("    Reason: " + s.diagnosis());
                    }
                }
                for (String w : warnings) {
                    out.println("Warning: " + w);
                }
                out.flush();
                return 0;
            }
        }
    }

    // ------------------------------------------------------------------ test

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Test a provider's connection; exit 0 when Good, 1 when Bad.")
    static final class Test implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            try (Store store = CliStore.open(spec)) {
                return test(store, CliStore.provider(store, name), spec);
            }
        }
    }

    // ------------------------------------------------------------------ delete

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a provider.")
    static final class Delete implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            try (Store store = CliStore.open(spec)) {
                ProviderRecord p = CliStore.provider(store, name);
                store.providers().delete(p.id());
                spec.commandLine().getOut().println("Deleted provider '" + p.name() + "'.");
                return 0;
            }
        }
    }
}
