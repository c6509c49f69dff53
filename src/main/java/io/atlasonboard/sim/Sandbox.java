package io.atlasonboard.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
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

    private Sandbox(AtlasSimulator simulator, SandboxDnsServer dns) {
        this.simulator = simulator;
        this.dns = dns;
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
        SandboxDnsServer dns = null;
        try {
            if (config.dnsServer() == null) {
                SandboxZone zone = config.sandboxZone() != null ? config.sandboxZone() : new SandboxZone();
                dns = SandboxDnsServer.start(zone);
                config.sandboxZone(zone).dnsServer(dns.hostPort());
            }
            return new Sandbox(AtlasSimulator.start(config), dns);
        } catch (IOException e) {
            if (dns != null) {
                dns.close();
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

    /** The mTLS certificate (PEM) for a CSR, bound to the credential set: the portal's role in step 3. */
    public String issueMtlsCertificate(String apiKey, String csrPem) {
        return simulator.issueMtlsCertificate(Objects.requireNonNull(apiKey), Objects.requireNonNull(csrPem),
                Duration.ofDays(365));
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

    /** The sandbox DNS server's port, or 0 when none runs. */
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
        } finally {
            if (dns != null) {
                dns.close();
            }
        }
    }
}
