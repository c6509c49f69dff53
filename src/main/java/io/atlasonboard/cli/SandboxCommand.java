package io.atlasonboard.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.atlasonboard.sim.AtlasSimulator;
import io.atlasonboard.sim.SandboxDnsServer;
import io.atlasonboard.sim.SandboxPersistence;
import io.atlasonboard.sim.SandboxZone;
import io.atlasonboard.sim.SimAccount;
import io.atlasonboard.sim.SimulatorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sandbox --port N --dir DIR [--dns-server HOST:PORT | --dns-port N] [--force]}: runs the local GlobalSign HVCA
 * simulator until stopped, after writing a credential set ({@code DIR/credentials.csv}, owner-only) and the server's
 * trust anchor ({@code DIR/server-ca.pem}). Without {@code --dns-server} it also runs the sandbox's authoritative DNS
 * server ({@link SandboxDnsServer}, UDP and TCP on 127.0.0.1) serving the sandbox zone: {@code POST
 * /portal/sandbox-dns} publishes into it, claims are verified through it, and {@code dns check} can ask it.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"Run a local SANDBOX that simulates the GlobalSign Atlas HVCA API (not a real CA).",
            "Writes DIR/credentials.csv (api_key,api_secret) and DIR/server-ca.pem, prints the base URL,",
            "and runs until stopped (Ctrl-C). The sandbox's state (keys, credential sets, mTLS bindings, claims,",
            "certificates) is kept encrypted in DIR: run it again on the same DIR and it continues."})
public final class SandboxCommand implements Callable<Integer> {
    static final String BANNER = "SANDBOX (simulated GlobalSign, not a real CA)";

    @Option(names = "--port", paramLabel = "N", defaultValue = "8443",
            description = "Port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--dir", paramLabel = "DIR", required = true,
            description = "Folder for credentials.csv and server-ca.pem (created if missing).")
    Path dir;

    @Option(names = "--dns-server", paramLabel = "HOST:PORT",
            description = "Verify domain claims against this DNS server instead of the sandbox's own zone.")
    String dnsServer;

    @Option(names = "--dns-port", paramLabel = "N", defaultValue = "0",
            description = {"Port on 127.0.0.1 of the sandbox's own DNS server, UDP and TCP (default: a free one).",
                "Not with --dns-server."})
    int dnsPort;

    @Option(names = "--dns-lag", paramLabel = "SECONDS",
            description = {"Also run a second name server (ns2, 127.0.0.2 on the same port) that sees published records",
                "only this many seconds later, to watch a propagation check go 1 of 2, then 2 of 2."})
    Integer dnsLag;

    @Option(names = "--quota", paramLabel = "N", defaultValue = "1000",
            description = "Issuance quota of the credential set (default ${DEFAULT-VALUE}).")
    long quota;

    @Option(names = "--mtls-days", paramLabel = "N", defaultValue = "365",
            description = {"Validity in days of the mTLS client certificates the portal issues (default "
                + "${DEFAULT-VALUE};", "a short one lets you try the expiry warning and the renewal)."})
    int mtlsDays;

    @Option(names = "--force", description = "Start afresh: discard the sandbox kept in DIR and overwrite "
            + "credentials.csv and server-ca.pem.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new CliException("--port must be between 0 and 65535");
        }
        if (mtlsDays < 1 || mtlsDays > 3650) {
            throw new CliException("--mtls-days must be between 1 and 3650");
        }
        Path csv = dir.resolve("credentials.csv");
        Path ca = dir.resolve("server-ca.pem");
        if (force) {
            try {
                SandboxPersistence.discard(dir);
            } catch (IOException e) {
                throw new CliException("cannot discard the sandbox kept in " + dir + ": " + e.getMessage(), e);
            }
        }
        SandboxPersistence persistence;
        boolean resume;
        try {
            persistence = SandboxPersistence.open(dir);
            resume = persistence.hasSavedState() && Files.exists(csv);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new CliException(e.getMessage(), e);
        } catch (IOException e) {
            throw new CliException("the sandbox kept in " + dir + " cannot be read: " + e.getMessage()
                    + " (use --force to start afresh)", e);
        }
        if (!force && !resume) {
            for (Path p : new Path[] {csv, ca}) {
                if (Files.exists(p)) {
                    persistence.close();
                    throw new CliException(p + " already exists (use --force to overwrite it)");
                }
            }
        }
        SimulatorConfig cfg = SimulatorConfig.defaults().port(port).dnsServer(dnsServer)
                .mtlsValidity(Duration.ofDays(mtlsDays));
        if (dnsServer != null && !dnsServer.matches("^(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+)(:\\d{1,5})?$")) {
            throw new CliException("--dns-server must be HOST or HOST:PORT, got " + dnsServer);
        }
        if (dnsPort < 0 || dnsPort > 65535) {
            throw new CliException("--dns-port must be between 0 and 65535");
        }
        if (dnsServer != null && dnsPort != 0) {
            throw new CliException("--dns-port runs the sandbox's own DNS server; it cannot be combined with "
                    + "--dns-server");
        }
        if (dnsLag != null && (dnsLag < 1 || dnsLag > 3600)) {
            throw new CliException("--dns-lag must be between 1 and 3600 seconds");
        }
        if (dnsLag != null && (dnsServer != null || dnsPort != 0)) {
            throw new CliException("--dns-lag picks a free port for two sandbox name servers; it cannot be combined "
                    + "with --dns-server or --dns-port");
        }
        SandboxDnsServer dns = null;
        SandboxDnsServer dns2 = null;
        if (dnsServer == null) {
            SandboxZone zone = new SandboxZone();
            try {
                if (dnsLag == null) {
                    int want = dnsPort;
                    if (want == 0 && resume && persistence.savedDnsPort() != 0) {
                        try {
                            dns = SandboxDnsServer.start(zone, "127.0.0.1", persistence.savedDnsPort());
                        } catch (IOException taken) {
                            dns = null; // a free port below
                        }
                    }
                    if (dns == null) {
                        dns = SandboxDnsServer.start(zone, "127.0.0.1", want);
                    }
                } else {
                    SandboxDnsServer.Pair pair = SandboxDnsServer.startPair(zone, Duration.ofSeconds(dnsLag));
                    dns = pair.primary();
                    dns2 = pair.secondary();
                }
            } catch (IOException e) {
                throw new CliException("cannot start the sandbox DNS server on 127.0.0.1:" + dnsPort + ": "
                        + e.getMessage(), e);
            }
            cfg.sandboxZone(zone).dnsServer(dns.hostPort());
        }
        final SandboxDnsServer dnsServerRunning = dns;
        final SandboxDnsServer dns2Running = dns2;
        AtlasSimulator sim;
        try {
            sim = persistence.start(cfg, dns == null ? 0 : dns.port());
        } catch (IOException e) {
            persistence.close();
            if (dns != null) {
                dns.close();
            }
            if (dns2 != null) {
                dns2.close();
            }
            throw new CliException("cannot start the sandbox on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        PrintWriter out = spec.commandLine().getOut();
        Thread hook = new Thread(() -> {
            out.println("Stopping the sandbox...");
            out.flush();
            sim.close();
            persistence.close();
            if (dnsServerRunning != null) {
                dnsServerRunning.close();
            }
            if (dns2Running != null) {
                dns2Running.close();
            }
            out.println("Sandbox stopped.");
            out.flush();
            stopped.countDown();
        }, "sandbox-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (!resume) {
                SimAccount account = sim.createAccount(quota);
                Files.createDirectories(dir);
                writeOwnerOnly(csv, "api_key,api_secret\n" + account.apiKey() + "," + account.apiSecret() + "\n");
            }
            Files.writeString(ca, sim.serverCaPem(), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            sim.close();
            persistence.close();
            if (dns != null) {
                dns.close();
            }
            if (dns2 != null) {
                dns2.close();
            }
            Runtime.getRuntime().removeShutdownHook(hook);
            throw new CliException("cannot write the sandbox files in " + dir + ": " + e.getMessage(), e);
        }
        out.println(BANNER);
        if (resume) {
            out.println("Continuing the sandbox kept in " + dir.toAbsolutePath()
                    + " (same credentials, mTLS certificates, claims and certificates).");
        }
        out.println("Base URL:      " + sim.baseUrl());
        out.println("mTLS validity: " + mtlsDays + " days for certificates from POST /portal/mtls");
        out.println("Portal:        " + sim.portalUrl() + "  (POST /credentials, /mtls?api_key=KEY, /sandbox-dns,"
                + " GET /sandbox-mail)");
        out.println("Credentials:   " + csv.toAbsolutePath() + "  (api_key,api_secret; owner-only)");
        out.println("Trust anchor:  " + ca.toAbsolutePath());
        if (dns != null) {
            out.println("DNS server:    " + dns.hostPort() + "  (UDP/TCP, authoritative for the sandbox zone; "
                    + "publish via POST /portal/sandbox-dns)");
            if (dns2 != null) {
                out.println("Second NS:     " + dns2.hostPort() + "  (ns2.sandbox.invalid., sees records " + dnsLag
                        + " s after they are published)");
            }
            out.println("DNS checks:    claims are verified through " + dns.hostPort() + "; check propagation with:");
            out.println("               dns check --provider NAME DOMAIN --bootstrap " + dns.hostPort()
                    + " --auth-port " + dns.port());
            out.println("               dns check DOMAIN --expect TOKEN --bootstrap " + dns.hostPort()
                    + " --auth-port " + dns.port());
            out.println("               dig @" + dns.host() + " -p " + dns.port() + " TXT DOMAIN");
        } else {
            out.println("DNS checks:    DNS server " + dnsServer);
        }
        out.println("Running until stopped (Ctrl-C).");
        out.flush();
        stopped.await();
        return 0;
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(file + " appeared while writing", e);
        }
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
