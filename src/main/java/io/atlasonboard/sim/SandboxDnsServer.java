package io.atlasonboard.sim;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.atlasonboard.core.dns.PropagationChecker;
import io.atlasonboard.core.dns.ResolverSpec;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A small authoritative DNS server on loopback (UDP and TCP, same port) that serves a {@link SandboxZone}, so the
 * application's propagation check and the simulator's claim verification read the sandbox's TXT records over the
 * wire, like real DNS. Messages are built and parsed by dnsjava.
 *
 * <p>Zone cut: every name is taken to lie in the zone of its last two labels (a one- or two-label name is its own
 * apex), e.g. {@code _x.www.example.com.} lies in {@code example.com.}. This server is authoritative (AA) for all of
 * them: the apex answers SOA and NS ({@value #NS_HOST_TEXT}, whose A record is this server's address, also given as
 * glue); TXT names of the sandbox zone answer their values; names that hold nothing are NXDOMAIN (or NODATA for the
 * apex, the name server host and empty non-terminals), with the SOA in the authority section. Only class IN and
 * standard queries; anything else is NOTIMP or REFUSED.
 *
 * <p>{@link #startPair} runs two such servers on one port ({@code ns1} on 127.0.0.1, {@code ns2} on 127.0.0.2, both
 * named in NS answers with glue); the second sees newly published values only after a lag, to show propagation.
 */
public final class SandboxDnsServer implements AutoCloseable {
    static final String NS_HOST_TEXT = "ns1.sandbox.invalid.";
    static final Name NS_HOST = name(NS_HOST_TEXT);
    static final Name NS2_HOST = name("ns2.sandbox.invalid.");
    static final Name HOSTMASTER = name("hostmaster.sandbox.invalid.");
    static final long TTL = 60;
    private static final int MAX_UDP = 1232;

    private final SandboxZone zone;
    private final InetAddress address;
    private final List<NameServer> nameServers;
    private final Duration lag;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final ExecutorService workers;
    private final Thread udpThread;
    private final Thread tcpThread;
    private volatile boolean closed;

    /** One name server of the sandbox zones: its host name and address. */
    public record NameServer(Name host, InetAddress address) {
    }

    /**
     * Two name servers of the same zones on one port: {@code ns1.sandbox.invalid.} on 127.0.0.1 (live) and
     * {@code ns2.sandbox.invalid.} on 127.0.0.2, which sees a published value only {@code lag} after it was published
     * (a removal reaches both at once): the propagation check goes "1 of 2", then "2 of 2".
     */
    public record Pair(SandboxDnsServer primary, SandboxDnsServer secondary) implements AutoCloseable {
        @Override
        public void close() {
            try {
                primary.close();
            } finally {
                secondary.close();
            }
        }
    }

    private record Sockets(DatagramSocket udp, ServerSocket tcp) {
        void close() {
            udp.close();
            try {
                tcp.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private SandboxDnsServer(SandboxZone zone, InetAddress address, List<NameServer> nameServers, Duration lag,
            Sockets sockets) {
        this.zone = zone;
        this.address = address;
        this.nameServers = List.copyOf(nameServers);
        this.lag = lag == null || lag.isZero() || lag.isNegative() ? null : lag;
        this.udp = sockets.udp;
        this.tcp = sockets.tcp;
        this.workers = Executors.newFixedThreadPool(4, r -> daemon(r, "sandbox-dns-tcp"));
        this.udpThread = daemon(this::udpLoop, "sandbox-dns-udp");
        this.tcpThread = daemon(this::tcpLoop, "sandbox-dns-accept");
        udpThread.start();
        tcpThread.start();
    }

    /** Serves {@code zone} on a free port of 127.0.0.1 (the same port for UDP and TCP). */
    public static SandboxDnsServer start(SandboxZone zone) throws IOException {
        return start(zone, "127.0.0.1", 0);
    }

    /**
     * Serves {@code zone} on {@code host:port} (a loopback address; port 0 picks one that is free for UDP and TCP).
     */
    public static SandboxDnsServer start(SandboxZone zone, String host, int port) throws IOException {
        Objects.requireNonNull(zone, "zone");
        InetAddress addr = loopback(host, port);
        IOException last = null;
        for (int attempt = 0; attempt < (port == 0 ? 20 : 1); attempt++) {
            try {
                Sockets s = bind(addr, port);
                return new SandboxDnsServer(zone, addr, List.of(new NameServer(NS_HOST, addr)), null, s);
            } catch (BindException e) {
                last = e;
            }
        }
        throw new IOException("cannot listen on " + host + ":" + port + ": " + last.getMessage(), last);
    }

    /** Starts a {@link Pair} on a free port (the same on 127.0.0.1 and 127.0.0.2, UDP and TCP). */
    public static Pair startPair(SandboxZone zone, Duration lag) throws IOException {
        Objects.requireNonNull(zone, "zone");
        InetAddress a1 = loopback("127.0.0.1", 0);
        InetAddress a2 = loopback("127.0.0.2", 0);
        List<NameServer> ns = List.of(new NameServer(NS_HOST, a1), new NameServer(NS2_HOST, a2));
        IOException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            Sockets s1;
            try {
                s1 = bind(a1, 0);
            } catch (BindException e) {
                last = e;
                continue;
            }
            try {
                Sockets s2 = bind(a2, s1.udp.getLocalPort());
                return new Pair(new SandboxDnsServer(zone, a1, ns, null, s1),
                        new SandboxDnsServer(zone, a2, ns, lag, s2));
            } catch (BindException e) {
                s1.close();
                last = e;
            }
        }
        throw new IOException("cannot listen on 127.0.0.1 and 127.0.0.2 on one port: " + last.getMessage(), last);
    }

    private static InetAddress loopback(String host, int port) throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        InetAddress addr = InetAddress.getByName(host);
        if (!addr.isLoopbackAddress()) {
            throw new IllegalArgumentException("the sandbox DNS server listens on loopback only, not " + host);
        }
        return addr;
    }

    /** UDP and TCP on one port; a BindException when that port (or, for 0, the one UDP got) is taken for TCP. */
    private static Sockets bind(InetAddress addr, int port) throws IOException {
        DatagramSocket u = new DatagramSocket(null);
        try {
            u.bind(new InetSocketAddress(addr, port));
        } catch (SocketException e) {
            u.close();
            BindException b = new BindException("UDP " + addr.getHostAddress() + ":" + port + ": " + e.getMessage());
            b.initCause(e);
            throw b;
        }
        ServerSocket t = new ServerSocket();
        try {
            t.setReuseAddress(true);
            t.bind(new InetSocketAddress(addr, u.getLocalPort()), 50);
            return new Sockets(u, t);
        } catch (IOException e) {
            u.close();
            t.close();
            BindException b = new BindException("TCP " + addr.getHostAddress() + ":" + u.getLocalPort() + ": "
                    + e.getMessage());
            b.initCause(e);
            throw b;
        }
    }

    public String host() {
        return address.getHostAddress();
    }

    public int port() {
        return udp.getLocalPort();
    }

    /** {@code 127.0.0.1:PORT}. */
    public String hostPort() {
        return host() + ":" + port();
    }

    /** The zone this server answers from. */
    public SandboxZone zone() {
        return zone;
    }

    /**
     * A propagation checker that finds zones through this server (as bootstrap resolver) and asks the authoritative
     * server (this one) on this server's port: it reports 1 authoritative server.
     */
    public PropagationChecker propagationChecker() {
        return propagationCheckerBuilder().build();
    }

    /** As {@link #propagationChecker()}, for further settings (timeout, retries). */
    public PropagationChecker.Builder propagationCheckerBuilder() {
        return PropagationChecker.builder().bootstrap(new ResolverSpec(host(), port())).authoritativePort(port())
                .timeout(Duration.ofSeconds(2)).retries(1);
    }

    @Override
    public void close() {
        closed = true;
        new Sockets(udp, tcp).close();
        workers.shutdownNow();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "SandboxDnsServer[" + hostPort() + "]";
    }

    // ------------------------------------------------------------------------------------------------ transport

    private void udpLoop() {
        byte[] buf = new byte[65535];
        while (!closed) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                udp.receive(p);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            byte[] in = java.util.Arrays.copyOfRange(p.getData(), p.getOffset(), p.getOffset() + p.getLength());
            byte[] out = handle(in, true);
            if (out != null) {
                try {
                    udp.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
                } catch (IOException e) {
                    // the client went away; nothing to do
                }
            }
        }
    }

    private void tcpLoop() {
        while (!closed) {
            Socket s;
            try {
                s = tcp.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            try {
                workers.submit(() -> serveTcp(s));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                closeQuietly(s);
            }
        }
    }

    /** RFC 1035 4.2.2 / RFC 7766: each message prefixed by its two-byte length; several per connection. */
    private void serveTcp(Socket s) {
        try (s) {
            s.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(s.getInputStream());
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            while (!closed) {
                int len;
                try {
                    len = in.readUnsignedShort();
                } catch (EOFException e) {
                    return;
                }
                byte[] q = new byte[len];
                in.readFully(q);
                byte[] r = handle(q, false);
                if (r == null) {
                    return;
                }
                out.writeShort(r.length);
                out.write(r);
                out.flush();
            }
        } catch (IOException e) {
            // timeout or reset: the connection ends
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    // ------------------------------------------------------------------------------------------------ answers

    /** The wire answer to a wire query, or null when the query cannot even be read (dropped, like real servers). */
    byte[] handle(byte[] wire, boolean udpTransport) {
        Message query;
        try {
            query = new Message(wire);
        } catch (IOException e) {
            if (wire.length >= 12) {
                Message err = new Message(((wire[0] & 0xff) << 8) | (wire[1] & 0xff));
                err.getHeader().setFlag(Flags.QR);
                err.getHeader().setRcode(Rcode.FORMERR);
                return err.toWire();
            }
            return null;
        }
        if (query.getHeader().getFlag(Flags.QR)) {
            return null; // a response sent to us: ignore
        }
        Message resp = answer(query);
        OPTRecord opt = query.getOPT();
        int max = 65535;
        if (opt != null) {
            resp.addRecord(new OPTRecord(MAX_UDP, 0, 0), Section.ADDITIONAL);
        }
        if (udpTransport) {
            max = opt == null ? 512 : Math.max(512, Math.min(MAX_UDP, opt.getPayloadSize()));
        }
        return resp.toWire(max);
    }

    Message answer(Message query) {
        Header qh = query.getHeader();
        Message resp = new Message(qh.getID());
        Header h = resp.getHeader();
        h.setFlag(Flags.QR);
        h.setOpcode(qh.getOpcode());
        if (qh.getFlag(Flags.RD)) {
            h.setFlag(Flags.RD);
        }
        Record question = query.getQuestion();
        if (qh.getOpcode() != Opcode.QUERY) {
            h.setRcode(Rcode.NOTIMP);
            return resp;
        }
        if (question == null || qh.getCount(Section.QUESTION) != 1) {
            h.setRcode(Rcode.FORMERR);
            return resp;
        }
        resp.addRecord(question, Section.QUESTION);
        Name qname = question.getName();
        int qtype = question.getType();
        if (question.getDClass() != DClass.IN && question.getDClass() != DClass.ANY) {
            h.setRcode(Rcode.REFUSED);
            return resp;
        }
        if (qname.labels() <= 1) {
            h.setRcode(Rcode.REFUSED); // the root is not ours
            return resp;
        }
        if (qtype == Type.AXFR || qtype == Type.IXFR) {
            h.setRcode(Rcode.REFUSED);
            return resp;
        }
        Name apex = apexOf(qname);
        h.setFlag(Flags.AA);
        List<Record> answers = new ArrayList<>();
        boolean exists = false;
        List<String> values = lag == null ? zone.txt(qname.toString())
                : zone.txtPublishedBefore(qname.toString(), java.time.Instant.now().minus(lag));
        if (!values.isEmpty()) {
            exists = true;
            if (qtype == Type.TXT || qtype == Type.ANY) {
                for (String v : values) {
                    answers.add(txt(qname, v));
                }
            }
        }
        boolean additionalGlue = false;
        if (qname.equals(apex)) {
            exists = true;
            if (qtype == Type.SOA || qtype == Type.ANY) {
                answers.add(soa(apex));
            }
            if (qtype == Type.NS || qtype == Type.ANY) {
                for (NameServer ns : nameServers) {
                    answers.add(new NSRecord(apex, DClass.IN, TTL, ns.host()));
                }
                additionalGlue = true;
            }
        }
        for (NameServer ns : nameServers) {
            if (qname.equals(ns.host())) {
                exists = true;
                if (qtype == Type.A || qtype == Type.ANY) {
                    answers.add(address(ns));
                }
            }
        }
        if (!exists) {
            exists = hasDescendant(qname);
        }
        if (!exists) {
            h.setRcode(Rcode.NXDOMAIN);
        }
        for (Record r : answers) {
            resp.addRecord(r, Section.ANSWER);
        }
        if (answers.isEmpty()) {
            resp.addRecord(soa(apex), Section.AUTHORITY); // negative answer: the SOA tells the zone
        } else if (additionalGlue) {
            for (NameServer ns : nameServers) {
                resp.addRecord(address(ns), Section.ADDITIONAL);
            }
        }
        return resp;
    }

    /** The zone apex of a name: its last two labels (a shorter name is its own apex). */
    static Name apexOf(Name name) {
        int labels = name.labels() - 1; // without the root label
        return labels <= 2 ? name : new Name(name, labels - 2);
    }

    /** True when a TXT name of the zone (or a name server host) lies below {@code name}: an empty non-terminal. */
    private boolean hasDescendant(Name name) {
        for (NameServer ns : nameServers) {
            if (ns.host().subdomain(name)) {
                return true;
            }
        }
        for (String n : lag == null ? zone.names()
                : zone.namesPublishedBefore(java.time.Instant.now().minus(lag))) {
            Name child = name(n);
            if (child.subdomain(name)) {
                return true;
            }
        }
        return false;
    }

    private SOARecord soa(Name apex) {
        return new SOARecord(apex, DClass.IN, TTL, nameServers.get(0).host(), HOSTMASTER, zone.serial(), 3600, 600, 86400, TTL);
    }

    private static ARecord address(NameServer ns) {
        return new ARecord(ns.host(), DClass.IN, TTL, ns.address());
    }

    /** One TXT record; values longer than 255 bytes are split into several strings (read back joined). */
    private static TXTRecord txt(Name owner, String value) {
        List<String> parts = new ArrayList<>();
        byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes.length <= 255) {
            parts.add(value);
        } else {
            // split on character boundaries with at most 255 bytes each
            StringBuilder cur = new StringBuilder();
            int curBytes = 0;
            for (int i = 0; i < value.length(); ) {
                int cp = value.codePointAt(i);
                String c = new String(Character.toChars(cp));
                int b = c.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                if (curBytes + b > 255) {
                    parts.add(cur.toString());
                    cur.setLength(0);
                    curBytes = 0;
                }
                cur.append(c);
                curBytes += b;
                i += Character.charCount(cp);
            }
            parts.add(cur.toString());
        }
        List<String> escaped = new ArrayList<>();
        for (String p : parts) {
            escaped.add(p.replace("\\", "\\\\")); // dnsjava reads backslash escapes in TXT strings
        }
        return new TXTRecord(owner, DClass.IN, TTL, escaped);
    }

    private static Name name(String text) {
        try {
            return Name.fromString(text.endsWith(".") ? text : text + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS name: " + text, e);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
