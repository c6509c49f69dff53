package io.atlasonboard.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * A real BIND {@code named} on a loopback address and a free high port, in its own temp directory, serving
 * throw-away primary zones that accept RFC 2136 updates signed with a generated TSIG key. Started in the foreground
 * ({@code -g}) as a child process of the test; {@link #close()} stops it and deletes the directory.
 *
 * <pre>
 * BindServer.Key key = BindServer.Key.generate("atlas-test");
 * int port = BindServer.freePort("127.0.0.1", "127.0.0.2");
 * try (BindServer ns1 = BindServer.builder().address("127.0.0.1").port(port).key(key).zone("atlas.test")
 *          .nameServer("ns1.atlas.test", "127.0.0.1").nameServer("ns2.atlas.test", "127.0.0.2").start();
 *      BindServer ns2 = ns1.twinOn("127.0.0.2")) { ... }
 * </pre>
 * Two instances with the same zones and NS set act as the zone's two name servers; each one is updated on its own
 * (no zone transfer), which is what a propagation test needs.
 * <p>
 * named only listens on addresses configured on an interface, and on Linux only 127.0.0.1 is (the rest of
 * 127.0.0.0/8 is merely routed locally). For any other loopback address named listens on 127.0.0.1 at a private port
 * and a small UDP+TCP relay in the test JVM forwards {@code address:port} to it, so clients see the server exactly at
 * {@code address:port}. named runs without {@code -u}: as whoever runs the tests (root in CI, a user elsewhere);
 * everything it writes is in its temp directory, and its port is above 1024. A missing {@code /usr/sbin/named} fails
 * with "install bind9; .ci/run does".
 */
public final class BindServer implements AutoCloseable {

    public static final Path NAMED = Path.of("/usr/sbin/named");

    /** A TSIG key as BIND configures it; {@link #toString()} never shows the secret. */
    public record Key(String name, String algorithm, String secretBase64) {
        public static Key generate(String name) {
            return generate(name, "hmac-sha256");
        }

        public static Key generate(String name, String algorithm) {
            byte[] b = new byte[32];
            new SecureRandom().nextBytes(b);
            return new Key(name, algorithm, Base64.getEncoder().encodeToString(b));
        }

        /** The text {@code tsig-keygen} writes, also the clause for named.conf. */
        public String keyFileText() {
            return "key \"" + name + "\" {\n\talgorithm " + algorithm + ";\n\tsecret \"" + secretBase64 + "\";\n};\n";
        }

        /** Writes the key file owner-only. */
        public Path writeTo(Path file) throws IOException {
            Files.writeString(file, keyFileText());
            try {
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // non-POSIX file system
            }
            return file;
        }

        public TSIG tsig() {
            return new TSIG(TSIG.algorithmToName(algorithm), name, secretBase64);
        }

        @Override
        public String toString() {
            return "Key[" + name + ", " + algorithm + ", secret hidden]";
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String address = "127.0.0.1";
        private int port;
        private Key key;
        private final List<Key> otherKeys = new ArrayList<>();
        private final List<String> zones = new ArrayList<>();
        private final Map<String, String> nameServers = new LinkedHashMap<>();
        private final List<String> records = new ArrayList<>();
        private final Map<String, String> zoneTexts = new LinkedHashMap<>();
        private final Map<String, String> forwardZones = new LinkedHashMap<>();
        private final Map<String, String> trustAnchors = new LinkedHashMap<>();

        public Builder address(String a) {
            this.address = a;
            return this;
        }

        /** 0 (default) = pick a free port. */
        public Builder port(int p) {
            this.port = p;
            return this;
        }

        /** The key allowed to update the zones (default: a generated hmac-sha256 key). */
        public Builder key(Key k) {
            this.key = k;
            return this;
        }

        /** A key the server knows (TSIG verifies) but that may not update any zone: updates get REFUSED. */
        public Builder knownKeyWithoutUpdateRights(Key k) {
            otherKeys.add(k);
            return this;
        }

        /** A primary zone to serve (FQDN, trailing dot optional). */
        public Builder zone(String z) {
            zones.add(abs(z));
            return this;
        }

        /** An NS host of every zone, with its address (an A record is added where the host is inside a zone). */
        public Builder nameServer(String host, String addr) {
            nameServers.put(abs(host), addr);
            return this;
        }

        /** A zone-file line with an absolute owner name, e.g. {@code www.atlas.test. 60 IN CNAME x.other.test.}. */
        public Builder record(String zoneFileLine) {
            records.add(zoneFileLine);
            return this;
        }

        /**
         * A primary zone served exactly from {@code zoneFileText} (e.g. a zone signed by {@link #signZone}); no SOA,
         * NS or records are generated for it and it takes no updates.
         */
        public Builder zoneText(String zone, String zoneFileText) {
            zoneTexts.put(abs(zone), zoneFileText);
            return this;
        }

        /**
         * Makes this server a recursive, DNSSEC-validating resolver that forwards {@code zone} (and everything
         * below it) to {@code hostPort} ({@code 127.0.0.1:5353}); repeatable.
         */
        public Builder forwardZone(String zone, String hostPort) {
            forwardZones.put(abs(zone), hostPort);
            return this;
        }

        /** A static trust anchor for a validating resolver: the zone's DNSKEY rdata ({@code 257 3 13 base64}). */
        public Builder trustAnchor(String zone, String dnskeyRdata) {
            trustAnchors.put(abs(zone), dnskeyRdata);
            return this;
        }

        public BindServer start() {
            if (!Files.isExecutable(NAMED)) {
                throw new AssertionError("BIND named not found at " + NAMED + ": install bind9; .ci/run does");
            }
            if (zones.isEmpty() && zoneTexts.isEmpty() && forwardZones.isEmpty()) {
                throw new IllegalStateException("no zone configured");
            }
            if (key == null) {
                key = Key.generate("atlas-test-key");
            }
            if (nameServers.isEmpty() && !zones.isEmpty()) {
                nameServers.put("ns1." + zones.get(0), address);
            }
            AssertionError last = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                int p = port != 0 ? port : freePort(address);
                try {
                    return new BindServer(this, p);
                } catch (AssertionError e) {
                    last = e;
                    if (port != 0) {
                        break;
                    }
                }
            }
            throw last;
        }
    }

    private final Builder config;
    private final String address;
    private final int port;
    private final Path dir;
    private final Path log;
    /** Where named itself listens: the public address/port, or 127.0.0.1 and a private port behind a relay. */
    private final String namedAddress;
    private final int namedPort;
    private Relay relay;
    private Process process;

    private BindServer(Builder b, int port) {
        this.config = copy(b);
        this.address = b.address;
        this.port = port;
        boolean direct = isInterfaceAddress(address);
        this.namedAddress = direct ? address : "127.0.0.1";
        this.namedPort = direct ? port : freePort("127.0.0.1");
        try {
            this.dir = Files.createTempDirectory("named-" + address + "-");
            this.log = dir.resolve("named.log");
            writeConfig();
            if (!direct) {
                relay = new Relay(address, port, namedPort);
            }
            process = new ProcessBuilder(NAMED.toString(), "-g", "-4", "-c", dir.resolve("named.conf").toString(),
                    "-p", Integer.toString(namedPort))
                    .redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new AssertionError("could not start " + NAMED + ": " + e.getMessage(), e);
        }
        try {
            awaitReady(Duration.ofSeconds(20));
        } catch (AssertionError e) {
            stop();
            throw e;
        }
    }

    private static Builder copy(Builder b) {
        Builder c = new Builder();
        c.address = b.address;
        c.port = b.port;
        c.key = b.key;
        c.otherKeys.addAll(b.otherKeys);
        c.zones.addAll(b.zones);
        c.nameServers.putAll(b.nameServers);
        c.records.addAll(b.records);
        c.zoneTexts.putAll(b.zoneTexts);
        c.forwardZones.putAll(b.forwardZones);
        c.trustAnchors.putAll(b.trustAnchors);
        return c;
    }

    /** Another instance with the same zones, key and port on another loopback address (a second name server). */
    public BindServer twinOn(String otherAddress) {
        Builder b = copy(config);
        b.address = otherAddress;
        b.port = port;
        return b.start();
    }

    private void writeConfig() throws IOException {
        String d = dir.toString();
        StringBuilder conf = new StringBuilder();
        conf.append("options {\n")
                .append("  directory \"").append(d).append("\";\n")
                .append("  listen-on port ").append(namedPort).append(" { ").append(namedAddress).append("; };\n")
                .append("  listen-on-v6 { none; };\n")
                .append("  pid-file \"").append(d).append("/named.pid\";\n")
                .append("  session-keyfile \"").append(d).append("/session.key\";\n")
                .append("  managed-keys-directory \"").append(d).append("\";\n")
                .append(resolver() ? "  recursion yes;\n  allow-recursion { any; };\n  dnssec-validation yes;\n"
                        + "  minimal-responses no;\n  qname-minimization off;\n"
                        : "  recursion no;\n  dnssec-validation no;\n")
                .append("  notify no;\n  allow-transfer { none; };\n")
                .append("};\n")
                .append("controls { };\n")
                .append(config.key.keyFileText());
        for (Key k : config.otherKeys) {
            conf.append(k.keyFileText());
        }
        for (String z : config.zones) {
            String file = d + "/" + z + "db";
            conf.append("zone \"").append(z).append("\" { type primary; file \"").append(file)
                    .append("\"; allow-update { key \"").append(config.key.name()).append("\"; }; };\n");
            Files.writeString(Path.of(file), zoneFile(z));
        }
        for (Map.Entry<String, String> z : config.zoneTexts.entrySet()) {
            String file = d + "/" + z.getKey() + "text.db";
            conf.append("zone \"").append(z.getKey()).append("\" { type primary; file \"").append(file)
                    .append("\"; };\n");
            Files.writeString(Path.of(file), z.getValue());
        }
        if (!config.trustAnchors.isEmpty()) {
            conf.append("trust-anchors {\n");
            for (Map.Entry<String, String> t : config.trustAnchors.entrySet()) {
                String[] f = t.getValue().trim().split("\\s+", 4);
                conf.append("  \"").append(t.getKey()).append("\" static-key ").append(f[0]).append(' ').append(f[1])
                        .append(' ').append(f[2]).append(" \"").append(f[3].replaceAll("\\s+", "")).append("\";\n");
            }
            conf.append("};\n");
        }
        for (Map.Entry<String, String> fz : config.forwardZones.entrySet()) {
            String[] hp = fz.getValue().split(":");
            conf.append("zone \"").append(fz.getKey()).append("\" { type forward; forward only; forwarders { ")
                    .append(hp[0]).append(" port ").append(hp[1]).append("; }; };\n");
        }
        Files.writeString(dir.resolve("named.conf"), conf.toString());
    }

    private boolean resolver() {
        return !config.forwardZones.isEmpty();
    }

    private String zoneFile(String zone) {
        StringBuilder sb = new StringBuilder();
        String primary = config.nameServers.keySet().iterator().next();
        sb.append("$TTL 60\n");
        sb.append(zone).append(" IN SOA ").append(primary).append(" hostmaster.").append(zone)
                .append(" 1 60 60 600 30\n");
        for (Map.Entry<String, String> ns : config.nameServers.entrySet()) {
            sb.append(zone).append(" IN NS ").append(ns.getKey()).append('\n');
        }
        for (Map.Entry<String, String> ns : config.nameServers.entrySet()) {
            if (inZone(ns.getKey(), zone)) {
                sb.append(ns.getKey()).append(ns.getValue().contains(":") ? " IN AAAA " : " IN A ")
                        .append(ns.getValue()).append('\n');
            }
        }
        for (String line : config.records) {
            String owner = line.trim().split("\\s+")[0].toLowerCase(Locale.ROOT);
            if (zoneOf(owner).equals(zone)) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }

    private String zoneOf(String owner) {
        String best = "";
        for (String z : config.zones) {
            if (inZone(owner, z) && z.length() > best.length()) {
                best = z;
            }
        }
        return best;
    }

    private static boolean inZone(String name, String zone) {
        return name.equals(zone) || name.endsWith("." + zone);
    }

    private void awaitReady(Duration max) {
        long end = System.nanoTime() + max.toNanos();
        boolean resolver = resolver();
        String zone = resolver ? config.forwardZones.keySet().iterator().next()
                : !config.zones.isEmpty() ? config.zones.get(0) : config.zoneTexts.keySet().iterator().next();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new AssertionError("named exited with status " + process.exitValue() + " before answering; log:\n"
                        + logTail());
            }
            try {
                Message q = Message.newQuery(Record.newRecord(Name.fromString(zone), Type.SOA, DClass.IN));
                if (!resolver) {
                    q.getHeader().unsetFlag(Flags.RD);
                }
                SimpleResolver r = new SimpleResolver(new InetSocketAddress(InetAddress.getByName(address), port));
                r.setTimeout(Duration.ofMillis(300));
                Message m = r.send(q);
                if (m.getRcode() == Rcode.NOERROR && (resolver || m.getHeader().getFlag(Flags.AA))) {
                    return;
                }
            } catch (IOException e) {
                // not yet
            }
            sleep(100);
        }
        throw new AssertionError("named on " + address + ":" + port + " did not answer SOA " + zone + " within "
                + max.toSeconds() + " s; log:\n" + logTail());
    }

    /** Last lines of named's log (for failure messages; contains no key secrets). */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public String address() {
        return address;
    }

    public int port() {
        return port;
    }

    /** {@code address:port}, the form the CLI's {@code --server} takes. */
    public String hostPort() {
        return address + ":" + port;
    }

    public Key key() {
        return config.key;
    }

    public List<String> zones() {
        return List.copyOf(config.zones);
    }

    public Path dir() {
        return dir;
    }

    /** Replaces all TXT records at {@code name} with the given values (none = delete them), by a signed update. */
    public void setTxt(String name, String... values) {
        try {
            Name n = Name.fromString(abs(name));
            Update u = new Update(Name.fromString(zoneOf(abs(name))));
            u.delete(n, Type.TXT);
            for (String v : values) {
                u.add(new TXTRecord(n, DClass.IN, 60, v));
            }
            update(u);
        } catch (IOException e) {
            throw new AssertionError("update of " + name + " failed: " + e.getMessage(), e);
        }
    }

    /** Makes {@code name} a CNAME to {@code target} (removing other records there), by a signed update. */
    public void setCname(String name, String target) {
        try {
            Name n = Name.fromString(abs(name));
            Update u = new Update(Name.fromString(zoneOf(abs(name))));
            u.delete(n);
            u.add(new CNAMERecord(n, DClass.IN, 60, Name.fromString(abs(target))));
            update(u);
        } catch (IOException e) {
            throw new AssertionError("update of " + name + " failed: " + e.getMessage(), e);
        }
    }

    private void update(Update u) throws IOException {
        SimpleResolver r = new SimpleResolver(new InetSocketAddress(InetAddress.getByName(address), port));
        r.setTimeout(Duration.ofSeconds(5));
        r.setTCP(true);
        r.setTSIGKey(config.key.tsig());
        Message resp = r.send(u);
        if (resp.getRcode() != Rcode.NOERROR) {
            throw new AssertionError("named refused the test fixture's update: " + Rcode.string(resp.getRcode())
                    + "\n" + logTail());
        }
    }

    /** Stops named (SIGTERM, then SIGKILL after 5 s) and deletes its directory. Idempotent. */
    public void stop() {
        if (relay != null) {
            relay.close();
        }
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        TempDirs.deleteQuietly(dir);
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        stop();
    }

    // ------------------------------------------------------------------------------------------------ DNSSEC

    /**
     * A zone signed with {@code dnssec-keygen}/{@code dnssec-signzone} (one ECDSA P-256 key signing everything):
     * the signed zone file, the same zone with every signature except the DNSKEY's corrupted (bogus to a validating
     * resolver), and the DNSKEY rdata to use as a trust anchor.
     */
    public record SignedZone(String zone, String signedText, String brokenText, String dnskey) {
    }

    /** Signs {@code unsignedText} (a complete zone file for {@code zone}) in a temp directory. */
    public static SignedZone signZone(String zone, String unsignedText) {
        String z = abs(zone);
        for (Path tool : List.of(Path.of("/usr/bin/dnssec-keygen"), Path.of("/usr/bin/dnssec-signzone"))) {
            if (!Files.isExecutable(tool)) {
                throw new AssertionError(tool + " not found: install bind9-utils; .ci/run does");
            }
        }
        Path work = null;
        try {
            work = Files.createTempDirectory("dnssec-");
            Files.writeString(work.resolve("zone.db"), unsignedText);
            run(work, "dnssec-keygen", "-q", "-K", ".", "-a", "ECDSAP256SHA256", "-f", "KSK", "-n", "ZONE", z);
            run(work, "dnssec-signzone", "-q", "-S", "-z", "-K", ".", "-o", z, "-O", "full", "-f", "zone.signed",
                    "zone.db");
            String signed = Files.readString(work.resolve("zone.signed"));
            String dnskey = null;
            StringBuilder broken = new StringBuilder();
            for (String line : signed.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 5 && f[3].equals("DNSKEY") && dnskey == null) {
                    dnskey = String.join(" ", java.util.Arrays.copyOfRange(f, 4, f.length));
                }
                if (f.length > 12 && f[3].equals("RRSIG") && !f[4].equals("DNSKEY")) {
                    int sig = 12; // first chunk of the signature's base64
                    char c = f[sig].charAt(0);
                    f[sig] = (c == 'A' ? 'B' : 'A') + f[sig].substring(1);
                    line = String.join(" ", f);
                }
                broken.append(line).append('\n');
            }
            if (dnskey == null) {
                throw new AssertionError("dnssec-signzone wrote no DNSKEY for " + z);
            }
            return new SignedZone(z, signed, broken.toString(), dnskey);
        } catch (IOException e) {
            throw new AssertionError("signing " + z + " failed: " + e.getMessage(), e);
        } finally {
            TempDirs.deleteQuietly(work);
        }
    }

    private static void run(Path dir, String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd) + " did not finish within 30 s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + out);
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** A port that is free for both UDP and TCP on every given loopback address (racy, like every such helper). */
    public static int freePort(String... addresses) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(addresses[0]))) {
                candidate = s.getLocalPort();
            } catch (IOException e) {
                throw new AssertionError("no free port on " + addresses[0], e);
            }
            if (candidate < 1024) {
                continue;
            }
            boolean ok = true;
            for (String a : addresses) {
                try (ServerSocket t = new ServerSocket(candidate, 1, InetAddress.getByName(a));
                     DatagramSocket u = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(a), candidate))) {
                    t.setReuseAddress(true);
                } catch (IOException e) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                return candidate;
            }
        }
        throw new AssertionError("no port free on all of " + List.of(addresses));
    }

    /**
     * named only listens on addresses configured on an interface; on Linux only 127.0.0.1 is (127.0.0.0/8 is routed
     * locally, so plain sockets can bind any of it). For other loopback addresses named listens on 127.0.0.1 at a
     * private port and this relay forwards UDP and TCP from {@code address:port} to it, so clients see the server at
     * {@code address:port} exactly as if named listened there.
     */
    private static boolean isInterfaceAddress(String address) {
        try {
            return java.net.NetworkInterface.getByInetAddress(InetAddress.getByName(address)) != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static final class Relay implements AutoCloseable {
        private final DatagramSocket udp;
        private final ServerSocket tcp;
        private final InetSocketAddress backend;
        private final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dns-relay");
            t.setDaemon(true);
            return t;
        });

        Relay(String address, int port, int backendPort) throws IOException {
            InetSocketAddress front = new InetSocketAddress(InetAddress.getByName(address), port);
            backend = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), backendPort);
            udp = new DatagramSocket(front);
            tcp = new ServerSocket();
            tcp.setReuseAddress(true);
            tcp.bind(front);
            pool.execute(this::udpLoop);
            pool.execute(this::tcpLoop);
        }

        private void udpLoop() {
            while (!udp.isClosed()) {
                byte[] buf = new byte[65535];
                DatagramPacket in = new DatagramPacket(buf, buf.length);
                try {
                    udp.receive(in);
                } catch (IOException e) {
                    return;
                }
                byte[] query = java.util.Arrays.copyOf(in.getData(), in.getLength());
                java.net.SocketAddress client = in.getSocketAddress();
                pool.execute(() -> {
                    try (DatagramSocket b = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
                        b.setSoTimeout(5000);
                        b.send(new DatagramPacket(query, query.length, backend));
                        byte[] rb = new byte[65535];
                        DatagramPacket resp = new DatagramPacket(rb, rb.length);
                        b.receive(resp);
                        udp.send(new DatagramPacket(resp.getData(), resp.getLength(), client));
                    } catch (IOException ignored) {
                        // no answer: the client times out, as it would with the real server silent
                    }
                });
            }
        }

        private void tcpLoop() {
            while (!tcp.isClosed()) {
                java.net.Socket c;
                try {
                    c = tcp.accept();
                } catch (IOException e) {
                    return;
                }
                pool.execute(() -> {
                    try (java.net.Socket client = c; java.net.Socket b = new java.net.Socket()) {
                        b.connect(backend, 5000);
                        java.util.concurrent.Future<?> up = pool.submit(() -> pump(client, b));
                        pump(b, client);
                        up.cancel(true);
                    } catch (IOException ignored) {
                        // connection ends
                    }
                });
            }
        }

        private static void pump(java.net.Socket from, java.net.Socket to) {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
                to.shutdownOutput();
            } catch (IOException ignored) {
                // closed
            }
        }

        @Override
        public void close() {
            udp.close();
            try {
                tcp.close();
            } catch (IOException ignored) {
                // closing
            }
            pool.shutdownNow();
        }
    }

    /**
     * A UDP (and TCP) socket that accepts DNS queries and never answers: a server that is up but does not respond,
     * like a blackholed address. Close it when done.
     */
    public static final class Blackhole implements AutoCloseable {
        private final DatagramSocket udp;
        private final ServerSocket tcp;
        private final Thread reader;

        public Blackhole(String address, int port) {
            try {
                InetSocketAddress a = new InetSocketAddress(InetAddress.getByName(address), port);
                udp = new DatagramSocket(a);
                tcp = new ServerSocket();
                tcp.bind(a);
            } catch (IOException e) {
                throw new AssertionError("could not open a silent socket on " + address + ":" + port, e);
            }
            reader = new Thread(() -> {
                byte[] buf = new byte[4096];
                while (!udp.isClosed()) {
                    try {
                        udp.receive(new DatagramPacket(buf, buf.length)); // swallowed, never answered
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "dns-blackhole");
            reader.setDaemon(true);
            reader.start();
        }

        public int port() {
            return udp.getLocalPort();
        }

        @Override
        public void close() {
            udp.close();
            try {
                tcp.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String abs(String n) {
        String s = n.trim().toLowerCase(Locale.ROOT);
        return s.endsWith(".") ? s : s + ".";
    }
}
