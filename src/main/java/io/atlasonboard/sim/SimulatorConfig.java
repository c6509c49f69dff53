package io.atlasonboard.sim;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Settings of an {@link AtlasSimulator}. Fluent setters; every value has a sensible default.
 * <ul>
 *   <li>{@code port}: 0 picks a free port (default 0). The listener binds 127.0.0.1 only.</li>
 *   <li>{@code clock}: the simulator's notion of "now" (token TTL, claim deadlines, issuance delay, client certificate
 *       validity in the TLS trust manager). Use a {@link SimClock} in tests.</li>
 *   <li>{@code dnsServer}: {@code host:port} (or {@code host}, port 53) of a real DNS server that claim assertions query
 *       for TXT records; {@code null} (default) uses the in-simulator {@link SandboxZone}.</li>
 *   <li>{@code claimCheckDelay}: {@code null} (default) verifies DNS assertions immediately (204 on success); a duration
 *       answers 201 and checks once the duration has passed on the clock, or on
 *       {@link AtlasSimulator#completePendingChecks()}.</li>
 *   <li>{@code plainHttpForTests}: plain HTTP, client serial from {@code X-SSL-Client-Serial} (default false).</li>
 *   <li>{@code claimCoversSubdomains}: a VERIFIED claim on {@code example.com} also covers {@code www.example.com} and
 *       {@code *.example.com} (default true, BR 3.2.2.4.7); false means exact name only ({@code *.x} still needs x).</li>
 * </ul>
 */
public final class SimulatorConfig {
    private int port = 0;
    private Clock clock = Clock.systemUTC();
    private String dnsServer;
    private SandboxZone sandboxZone;
    private Duration dnsTimeout = Duration.ofSeconds(3);
    private Duration tokenTtl = Duration.ofMinutes(10);
    private Duration claimCheckDelay;
    private Duration claimReusePeriod = Duration.ofDays(397);
    private Duration claimAssertPeriod = Duration.ofDays(30);
    private boolean claimCoversSubdomains = true;
    private boolean plainHttpForTests;
    private int maxPerPage = 100;
    private Duration mtlsValidity = Duration.ofDays(365);
    private String httpValidationTarget;
    private java.util.List<String> tlsProtocols = java.util.List.of("TLSv1.3", "TLSv1.2");
    private final Set<String> blockedDomains = new LinkedHashSet<>();

    public static SimulatorConfig defaults() {
        return new SimulatorConfig();
    }

    public SimulatorConfig port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.port = port;
        return this;
    }

    public SimulatorConfig clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** {@code host:port}, {@code host} or {@code [v6]:port}; null for the in-simulator zone. */
    public SimulatorConfig dnsServer(String hostPort) {
        this.dnsServer = hostPort == null || hostPort.isBlank() ? null : hostPort.trim();
        return this;
    }

    /**
     * The sandbox zone that {@code POST /portal/sandbox-dns} publishes into (default: a new one per simulator). Give
     * the zone a {@link SandboxDnsServer} serves, with {@link #dnsServer(String)} set to that server, and claims are
     * verified over real DNS against the records the portal publishes.
     */
    public SimulatorConfig sandboxZone(SandboxZone zone) {
        this.sandboxZone = zone;
        return this;
    }

    public SandboxZone sandboxZone() {
        return sandboxZone;
    }

    public SimulatorConfig dnsTimeout(Duration timeout) {
        this.dnsTimeout = timeout;
        return this;
    }

    public SimulatorConfig tokenTtl(Duration ttl) {
        this.tokenTtl = ttl;
        return this;
    }

    /** null: immediate DNS verification (204); otherwise deferred (201) by this duration on the clock. */
    public SimulatorConfig claimCheckDelay(Duration delay) {
        this.claimCheckDelay = delay;
        return this;
    }

    public SimulatorConfig claimReusePeriod(Duration d) {
        this.claimReusePeriod = d;
        return this;
    }

    public SimulatorConfig claimAssertPeriod(Duration d) {
        this.claimAssertPeriod = d;
        return this;
    }

    public SimulatorConfig claimCoversSubdomains(boolean b) {
        this.claimCoversSubdomains = b;
        return this;
    }

    public SimulatorConfig maxPerPage(int max) {
        this.maxPerPage = max;
        return this;
    }

    /** Domains (and their subdomains) refused at claim creation with a {@code blacklist} error. */
    public SimulatorConfig blockDomain(String domain) {
        this.blockedDomains.add(Names.stripDot(domain.toLowerCase(java.util.Locale.ROOT)));
        return this;
    }

    /**
     * Test-only plain-HTTP listener (checklist item 1, like GlobalSign's own mock): no TLS, the client certificate
     * serial is read from the {@code X-SSL-Client-Serial} header (hex) as a TLS front end would forward it.
     */
    public SimulatorConfig plainHttpForTests(boolean plain) {
        this.plainHttpForTests = plain;
        return this;
    }

    public boolean plainHttpForTests() {
        return plainHttpForTests;
    }

    public int port() {
        return port;
    }

    public Clock clock() {
        return clock;
    }

    public String dnsServer() {
        return dnsServer;
    }

    public Duration dnsTimeout() {
        return dnsTimeout;
    }

    public Duration tokenTtl() {
        return tokenTtl;
    }

    public Duration claimCheckDelay() {
        return claimCheckDelay;
    }

    public Duration claimReusePeriod() {
        return claimReusePeriod;
    }

    public Duration claimAssertPeriod() {
        return claimAssertPeriod;
    }

    public boolean claimCoversSubdomains() {
        return claimCoversSubdomains;
    }

    public int maxPerPage() {
        return maxPerPage;
    }

    /**
     * Validity of the mTLS client certificates the portal issues ({@code POST /portal/mtls} without {@code days},
     * and the sandbox's step 3); default 365 days. Whole days, 1 to 3650.
     */
    public SimulatorConfig mtlsValidity(Duration validity) {
        long days = validity.toDays();
        if (days < 1 || days > 3650 || !validity.equals(Duration.ofDays(days))) {
            throw new IllegalArgumentException("mTLS validity must be 1 to 3650 whole days, got " + validity);
        }
        this.mtlsValidity = validity;
        return this;
    }

    public Duration mtlsValidity() {
        return mtlsValidity;
    }

    /**
     * Where HTTP validation ({@code POST /claims/domains/{id}/http}) fetches
     * {@code /.well-known/pki-validation/gsdv.txt}: {@code host:port} (e.g. a loopback web server a test starts)
     * instead of the authorization domain itself on port 80/443; null (default) fetches from the domain.
     */
    public SimulatorConfig httpValidationTarget(String hostPort) {
        this.httpValidationTarget = hostPort == null || hostPort.isBlank() ? null : hostPort.trim();
        return this;
    }

    public String httpValidationTarget() {
        return httpValidationTarget;
    }

    /**
     * TLS versions the listener offers (default TLS 1.3 and 1.2, as a real front end does). {@code "TLSv1.2"} alone
     * pins the old behaviour: a rejected client certificate then fails the client's handshake itself, while under
     * TLS 1.3 the client has finished its handshake when the server judges the certificate, and the JDK's HttpsServer
     * closes the connection without an alert, so the client sees the connection closed on its first read.
     */
    public SimulatorConfig tlsProtocols(String... protocols) {
        if (protocols.length == 0) {
            throw new IllegalArgumentException("at least one TLS version is needed");
        }
        for (String p : protocols) {
            if (!p.equals("TLSv1.3") && !p.equals("TLSv1.2")) {
                throw new IllegalArgumentException("TLS version must be TLSv1.3 or TLSv1.2, got " + p);
            }
        }
        this.tlsProtocols = java.util.List.of(protocols);
        return this;
    }

    public java.util.List<String> tlsProtocols() {
        return tlsProtocols;
    }

    public Set<String> blockedDomains() {
        return Set.copyOf(blockedDomains);
    }
}
