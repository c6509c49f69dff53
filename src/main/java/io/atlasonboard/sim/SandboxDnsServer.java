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
 */
public final class SandboxDnsServer implements AutoCloseable {
    static final String NS_HOST_TEXT = "ns1.sandbox.invalid.";
    static final Name NS_HOST = name(NS_HOST_TEXT);
    static final Name HOSTMASTER = name("hostmaster.sandbox.invalid.");
    static final long TTL = 60;
    private static final int MAX_UDP = 1232;

    private final SandboxZone zone;
    private final InetAddress address;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final ExecutorService workers;
    private final Thread udpThread;
    private final Thread tcpThread;
    private volatile boolean closed;

    private SandboxDnsServer(SandboxZone zone, InetAddress address, DatagramSocket udp, ServerSocket tcp) {
        this.zone = zone;
        this.address = address;
        this.udp = udp;
        this.tcp = tcp;
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
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        InetAddress addr = InetAddress.getByName(host);
        if (!addr.isLoopbackAddress()) {
            throw new IllegalArgumentException("the sandbox DNS server listens on loopback only, not " + host);
        }
        IOException last = null;
        for (int attempt = 0; attempt < (port == 0 ? 20 : 1); attempt++) {
            DatagramSocket u = new DatagramSocket(null);
            try {
                u.bind(new InetSocketAddress(addr, port));
            } catch (SocketException e) {
                u.close();
                throw new IOException("cannot listen on UDP " + host + ":" + port + ": " + e.getMessage(), e);
            }
            ServerSocket t = new ServerSocket();
            try {
                t.setReuseAddress(true);
                t.bind(new InetSocketAddress(addr, u.getLocalPort()), 50);
                return new SandboxDnsServer(zone, addr, u, t);
            } catch (IOException e) {
                u.close();
                t.close();
                last = e instanceof BindException ? e
                        : new IOException("cannot listen on TCP " + host + ":" + u.getLocalPort() + ": "
                                + e.getMessage(), e);
            }
        }
        throw new IOException("cannot listen on TCP " + host + ":" + port + ": "
                + (last == null ? "no free port" : last.getMessage()), last);
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
        udp.close();
        try {
            tcp.close();
        } catch (IOException ignored) {
            // closing anyway
        }
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
        List<String> values = zone.txt(qname.toString());
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
                answers.add(new NSRecord(apex, DClass.IN, TTL, NS_HOST));
                additionalGlue = true;
            }
        }
        if (qname.equals(NS_HOST)) {
            exists = true;
            if (qtype == Type.A || qtype == Type.ANY) {
                answers.add(nsAddress());
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
            resp.addRecord(nsAddress(), Section.ADDITIONAL);
        }
        return resp;
    }

    /** The zone apex of a name: its last two labels (a shorter name is its own apex). */
    static Name apexOf(Name name) {
        int labels = name.labels() - 1; // without the root label
        return labels <= 2 ? name : new Name(name, labels - 2);
    }

    /** True when a TXT name of the zone lies below {@code name} (an empty non-terminal exists) or it is NS_HOST's. */
    private boolean hasDescendant(Name name) {
        if (NS_HOST.subdomain(name)) {
            return true;
        }
        for (String n : zone.names()) {
            Name child = name(n);
            if (child.subdomain(name)) {
                return true;
            }
        }
        return false;
    }

    private SOARecord soa(Name apex) {
        return new SOARecord(apex, DClass.IN, TTL, NS_HOST, HOSTMASTER, zone.serial(), 3600, 600, 86400, TTL);
    }

    private ARecord nsAddress() {
        return new ARecord(NS_HOST, DClass.IN, TTL, address);
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
