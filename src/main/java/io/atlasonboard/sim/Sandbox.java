package io.atlasonboard.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The application's SANDBOX: an in-process {@link AtlasSimulator} on a free loopback port that plays the Atlas portal's
 * roles (a credential set in step 1, the mTLS certificate for a CSR in step 3) and lets the UI publish TXT records into
 * the simulator's own zone. Not a real CA; never the default target. Close it when the application closes.
 */
public final class Sandbox implements AutoCloseable {
    /** Label for everything sandbox in the UI. */
    public static final String LABEL = "SANDBOX (simulated GlobalSign, not a real CA)";
    /** Suggested provider name for a sandbox provider. */
    public static final String PROVIDER_NAME = "GlobalSign SANDBOX";

    private final AtlasSimulator simulator;
    private final SandboxDnsServer dns;
    private final SandboxDnsServer secondary;
    private final SandboxPersistence persistence;
    private final BaseUrlChange moved;

    /** The sandbox came back on another port: its base URL changed from {@code from} to {@code to}. */
    public record BaseUrlChange(String from, String to) {
    }

    private Sandbox(AtlasSimulator simulator, SandboxDnsServer dns, SandboxDnsServer secondary,
            SandboxPersistence persistence, BaseUrlChange moved) {
        this.simulator = simulator;
        this.dns = dns;
        this.secondary = secondary;
        this.persistence = persistence;
        this.moved = moved;
    }

    /**
     * Starts a sandbox that survives a restart: its keys, accounts, mTLS bindings, certificates, claims, zone records
     * and mails live in {@code dataDir} ({@link SandboxPersistence}). A saved sandbox comes back on its old port when
     * that is free, else on a free one ({@link #baseUrlChange()} then says from where to where); a new one takes a
     * free port. Its DNS server likewise keeps its port when it can.
     */
    public static Sandbox open(Path dataDir) {
        return open(SimulatorConfig.defaults().port(0), dataDir);
    }

    /** As {@link #open(Path)} with these settings ({@code config}'s port 0: the saved port, else a free one). */
    public static Sandbox open(SimulatorConfig config, Path dataDir) {
        SandboxPersistence p = SandboxPersistence.open(dataDir);
        SandboxDnsServer dns = null;
        try {
            int savedPort = p.savedPort();
            if (config.dnsServer() == null) {
                SandboxZone zone = config.sandboxZone() != null ? config.sandboxZone() : new SandboxZone();
                dns = startDns(zone, p.savedDnsPort());
                config.sandboxZone(zone).dnsServer(dns.hostPort());
            }
            AtlasSimulator sim = null;
            if (config.port() == 0 && savedPort != 0) {
                try {
                    sim = p.start(config.port(savedPort), dns == null ? 0 : dns.port());
                } catch (BindException taken) {
                    config.port(0);
                }
            }
            if (sim == null) {
                sim = p.start(config, dns == null ? 0 : dns.port());
            }
            BaseUrlChange moved = savedPort != 0 && savedPort != sim.port()
                    ? new BaseUrlChange(urlFor(sim, savedPort), sim.baseUrl()) : null;
            return new Sandbox(sim, dns, null, p, moved);
        } catch (IOException | RuntimeException e) {
            if (dns != null) {
                dns.close();
            }
            p.close();
            throw new UncheckedIOException("cannot start the sandbox from " + dataDir + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    private static SandboxDnsServer startDns(SandboxZone zone, int savedPort) throws IOException {
        if (savedPort != 0) {
            try {
                return SandboxDnsServer.start(zone, "127.0.0.1", savedPort);
            } catch (IOException taken) {
                // fall through to a free port
            }
        }
        return SandboxDnsServer.start(zone);
    }

    private static String urlFor(AtlasSimulator sim, int port) {
        return sim.baseUrl().replace(":" + sim.port() + "/", ":" + port + "/");
    }

    /** When a saved sandbox came back on another port: from which base URL to which; empty otherwise. */
    public java.util.Optional<BaseUrlChange> baseUrlChange() {
        return java.util.Optional.ofNullable(moved);
    }

    /** The data folder of a sandbox started by {@link #open}, or null for an in-memory one. */
    public Path dataDir() {
        return persistence == null ? null : persistence.dir();
    }

    /** Whether this sandbox knows the credential set with this API key (created now or in a saved earlier run). */
    public boolean knows(String apiKey) {
        return apiKey != null && simulator.account(apiKey) != null;
    }

    /**
     * Starts the sandbox DNS server and the simulator on free ports of 127.0.0.1; claims are verified over DNS
     * against the sandbox zone that {@link #publishTxt} publishes into.
     */
    public static Sandbox start() {
        return start(SimulatorConfig.defaults().port(0));
    }

    /**
     * Starts the sandbox. When {@code config} names no DNS server, a {@link SandboxDnsServer} serving the sandbox zone
     * ({@code config}'s, else a new one) is started first and the simulator verifies claims through it; when it names
     * one, that server is used and no sandbox DNS server runs ({@link #dnsServer()} is null).
     */
    public static Sandbox start(SimulatorConfig config) {
        return start(config, null);
    }

    /**
     * As {@link #start(SimulatorConfig)}, with a second name server when {@code secondaryLag} is given: the zones are
     * served by {@code ns1.sandbox.invalid.} (127.0.0.1, live; the simulator verifies through it) and
     * {@code ns2.sandbox.invalid.} (127.0.0.2, same port) that sees published values only {@code secondaryLag} later,
     * so a propagation check goes "1 of 2" and then "2 of 2".
     */
    public static Sandbox start(SimulatorConfig config, Duration secondaryLag) {
        SandboxDnsServer dns = null;
        SandboxDnsServer secondary = null;
        try {
            if (config.dnsServer() == null) {
                SandboxZone zone = config.sandboxZone() != null ? config.sandboxZone() : new SandboxZone();
                if (secondaryLag == null) {
                    dns = SandboxDnsServer.start(zone);
                } else {
                    SandboxDnsServer.Pair pair = SandboxDnsServer.startPair(zone, secondaryLag);
                    dns = pair.primary();
                    secondary = pair.secondary();
                }
                config.sandboxZone(zone).dnsServer(dns.hostPort());
            }
            return new Sandbox(AtlasSimulator.start(config), dns, secondary, null, null);
        } catch (IOException e) {
            if (dns != null) {
                dns.close();
            }
            if (secondary != null) {
                secondary.close();
            }
            throw new UncheckedIOException("cannot start the sandbox on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /** A credential set (what the portal's "API Credentials -> Generate" gives): key and secret. */
    public record Credentials(String apiKey, String apiSecret) {
        @Override
        public String toString() {
            return "Credentials[apiKey=" + apiKey + ", apiSecret=(hidden)]";
        }
    }

    /** A new credential set with the sandbox TLS policy and quota 1000. */
    public Credentials createCredentials() {
        return createCredentials(false);
    }

    /** A new credential set with the S/MIME policy when {@code smime}, else TLS. */
    public Credentials createCredentials(boolean smime) {
        SimAccount a = simulator.createAccount(smime ? ValidationPolicies.smime() : ValidationPolicies.tls(), 1000);
        return new Credentials(a.apiKey(), a.apiSecret());
    }

    /**
     * The mTLS certificate (PEM) for a CSR, bound to the credential set: the portal's role in step 3. Valid for
     * {@link SimulatorConfig#mtlsValidity()} (365 days unless set).
     */
    public String issueMtlsCertificate(String apiKey, String csrPem) {
        return simulator.issueMtlsCertificate(Objects.requireNonNull(apiKey), Objects.requireNonNull(csrPem),
                simulator.config().mtlsValidity());
    }

    /** {@code https://127.0.0.1:PORT/v2}. */
    public String baseUrl() {
        return simulator.baseUrl();
    }

    /** The trust anchor of the sandbox's TLS server certificate: the provider's extra trusted server CA. */
    public String serverCaPem() {
        return simulator.serverCaPem();
    }

    /**
     * {@code 127.0.0.1:PORT} of the sandbox's authoritative DNS server (UDP and TCP), or null when the sandbox was
     * started with an external DNS server.
     */
    public String dnsServer() {
        return dns == null ? null : dns.hostPort();
    }

    /** {@code 127.0.0.2:PORT} of the lagging second name server, or null when there is none. */
    public String secondaryDnsServer() {
        return secondary == null ? null : secondary.hostPort();
    }

    /** The sandbox DNS server's port (both name servers use it), or 0 when none runs. */
    public int dnsPort() {
        return dns == null ? 0 : dns.port();
    }

    /**
     * A propagation checker that finds the claimed name's zone through the sandbox DNS server and asks it as the
     * zone's (single) authoritative server: "1 of 1" once {@link #publishTxt} published the token. Null when the
     * sandbox uses an external DNS server.
     */
    public io.atlasonboard.core.dns.PropagationChecker propagationChecker() {
        return dns == null ? null : dns.propagationChecker();
    }

    /** Publishes a TXT record in the sandbox zone (served by {@link #dnsServer()}, read by the simulator). */
    public void publishTxt(String name, String value) {
        simulator.sandboxZone().publish(name, value);
    }

    public boolean removeTxt(String name, String value) {
        return simulator.sandboxZone().remove(name, value);
    }

    /** The simulator itself (tests, fault injection). */
    public AtlasSimulator simulator() {
        return simulator;
    }

    @Override
    public void close() {
        try {
            simulator.close();
            if (persistence != null) {
                persistence.close();
            }
        } finally {
            if (dns != null) {
                dns.close();
            }
            if (secondary != null) {
                secondary.close();
            }
        }
    }
}
