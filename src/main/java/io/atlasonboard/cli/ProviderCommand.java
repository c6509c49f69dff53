package io.atlasonboard.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.atlasonboard.core.atlas.AtlasConnectionConfig;
import io.atlasonboard.core.providers.ConnectionReport;
import io.atlasonboard.core.providers.Presets;
import io.atlasonboard.core.providers.ProviderService;
import io.atlasonboard.core.atlas.ProxySettings;
import io.atlasonboard.core.store.ConnectionStatus;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.ProviderSecrets;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.core.store.StoreException;
import io.atlasonboard.core.tasks.ProgressSink;
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
            ProviderCommand.Delete.class})
public final class ProviderCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    // ------------------------------------------------------------------ shared helpers

    static ProgressSink stderrProgress(PrintWriter err) {
        return new ProgressSink() {
            @Override
            public void update(double fraction, String message) {
                err.println("... " + message);
                err.flush();
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
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

        @Option(names = "--api-key", required = true, paramLabel = "KEY")
        String apiKey;

        @Option(names = "--api-secret-file", required = true, paramLabel = "F",
                description = "File whose first line is the API secret.")
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
            PrintWriter err = spec.commandLine().getErr();
            IntendedUse intendedUse = switch (use.trim().toUpperCase(Locale.ROOT).replace("/", "")) {
                case "TLS", "SSL", "SSLTLS" -> IntendedUse.TLS;
                case "SMIME" -> IntendedUse.SMIME;
                default -> throw new CliException("--use must be TLS or SMIME, got '" + use + "'");
            };
            Presets presets = Presets.system();
            presets.problem().ifPresent(m -> err.println("Warning: " + m));
            String url;
            try {
                url = AtlasConnectionConfig.normaliseApiUrl(apiUrl != null ? apiUrl : presets.apiUrlOrDefault())
                        .toString();
            } catch (IllegalArgumentException e) {
                throw new CliException("--api-url: " + e.getMessage());
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
            byte[] p12 = CliFiles.read(keystore, "keystore (--keystore)");
            String trust = null;
            if (trustPem != null) {
                trust = new String(CliFiles.read(trustPem, "trusted CA (--trust-pem)"), StandardCharsets.US_ASCII);
                try {
                    ProviderService.parseCertificates(trust);
                } catch (IllegalArgumentException e) {
                    throw new CliException("--trust-pem: " + e.getMessage());
                }
            }
            char[] secret = CliFiles.readPassword(apiSecretFile, "API secret (--api-secret-file)");
            char[] ksPassword = CliFiles.readPassword(keystorePasswordFile,
                    "keystore password (--keystore-password-file)");
            char[] proxyPassword = proxyPasswordFile == null ? null
                    : CliFiles.readPassword(proxyPasswordFile,
                    "proxy password (--proxy-password-file)");
            try (Store store = CliStore.openOrCreate(spec)) {
                if (store.providers().findByName(name).isPresent()) {
                    throw new CliException("a provider named '" + name.strip() + "' already exists"
                            + " (delete it first: provider delete " + name.strip() + ")");
                }
                ProviderRecord.Builder b = ProviderRecord.builder().name(name).apiUrl(url).intendedUse(intendedUse)
                        .apiKey(apiKey.strip()).keystore(p12).keystoreFileName(keystore.getFileName().toString())
                        .extraTrustPem(trust).sandbox(sandbox);
                if (proxySettings != null) {
                    b.proxyHost(proxySettings.host()).proxyPort(proxySettings.port()).proxyUser(proxySettings.user());
                }
                ProviderRecord saved;
                try (ProviderSecrets secrets = ProviderSecrets.of(secret, ksPassword, proxyPassword)) {
                    saved = store.providers().save(b.build(), secrets);
                } catch (StoreException | IllegalArgumentException e) {
                    throw new CliException(e.getMessage(), e);
                }
                out.println("Saved provider '" + saved.name() + "'" + (sandbox ? " (SANDBOX)" : "") + ".");
                out.flush();
                ConnectionReport r = new ProviderService(store.providers()).test(saved.id(), stderrProgress(err));
                return printReport(out, r);
            } finally {
                Arrays.fill(secret, '\0');
                Arrays.fill(ksPassword, '\0');
                if (proxyPassword != null) {
                    Arrays.fill(proxyPassword, '\0');
                }
                Arrays.fill(p12, (byte) 0);
            }
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
                String fmt = "%-24s %-6s %-8s %-25s %-16s %s%n";
                out.printf(fmt, "NAME", "USE", "STATUS", "CHECKED AT", "PROXY", "API URL");
                for (ProviderRecord p : all) {
                    ConnectionStatus s = p.status();
                    String state = switch (s.state()) {
                        case GOOD -> "Good";
                        case BAD -> "Bad";
                        case UNKNOWN -> "Unknown";
                    };
                    out.printf(fmt, p.name() + (p.sandbox() ? " [SANDBOX]" : ""), p.intendedUse(), state,
                            s.checkedAt() == null ? "-" : s.checkedAt().toString(),
                            p.hasProxy() ? p.proxyHost() + ":" + p.proxyPort() : "-", p.apiUrl());
                    if (s.state() == ConnectionStatus.State.BAD) {
                        out.println("    Step: " + s.failedStep());
                        out.println("    Reason: " + s.diagnosis());
                    }
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
                ProviderRecord p = CliStore.provider(store, name);
                ConnectionReport r = new ProviderService(store.providers())
                        .test(p.id(), stderrProgress(spec.commandLine().getErr()));
                return printReport(spec.commandLine().getOut(), r);
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
