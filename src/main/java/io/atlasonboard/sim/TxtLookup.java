package io.atlasonboard.sim;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** Where claim assertions read TXT records: the sandbox zone or a real DNS server (dnsjava). */
interface TxtLookup {
    /** TXT values at {@code fqdn} (each record's strings concatenated); empty when none. IOException on DNS failure. */
    List<String> txt(String fqdn) throws IOException;

    String describe();

    /**
     * The e-mail addresses of the SOA RNAME of the zone holding {@code fqdn} (one, normally); IOException when they
     * cannot be looked up (the sandbox zone alone has no SOA).
     */
    default List<String> soaEmails(String fqdn) throws IOException {
        throw new IOException("SOA lookup needs a DNS server (" + describe() + ")");
    }

    static TxtLookup of(SandboxZone zone) {
        return new TxtLookup() {
            @Override
            public List<String> txt(String fqdn) {
                return zone.txt(fqdn);
            }

            @Override
            public String describe() {
                return "sandbox zone";
            }
        };
    }

    /** A real DNS query (UDP, TCP on truncation) to {@code host[:port]}, following CNAMEs (up to 8). */
    static TxtLookup dnsServer(String hostPort, Duration timeout) {
        InetSocketAddress addr = parseHostPort(hostPort);
        return new TxtLookup() {
            @Override
            public List<String> txt(String fqdn) throws IOException {
                SimpleResolver r = new SimpleResolver(addr);
                r.setTimeout(timeout);
                Name name;
                try {
                    name = Name.fromString(SandboxZone.key(fqdn));
                } catch (TextParseException e) {
                    throw new IOException("invalid DNS name " + fqdn, e);
                }
                for (int hop = 0; hop < 8; hop++) {
                    Message q = Message.newQuery(Record.newRecord(name, Type.TXT, DClass.IN));
                    Message resp = r.send(q);
                    int rcode = resp.getRcode();
                    if (rcode == Rcode.NXDOMAIN) {
                        return List.of();
                    }
                    if (rcode != Rcode.NOERROR) {
                        throw new IOException("DNS server " + hostPort + " answered " + Rcode.string(rcode) + " for " + name);
                    }
                    List<String> out = new ArrayList<>();
                    Name target = name;
                    Name cname = null;
                    // walk the answer's CNAME chain from the queried name
                    boolean moved = true;
                    while (moved) {
                        moved = false;
                        for (Record rec : resp.getSection(Section.ANSWER)) {
                            if (rec instanceof CNAMERecord c && rec.getName().equals(target)) {
                                target = c.getTarget();
                                cname = target;
                                moved = true;
                                break;
                            }
                        }
                    }
                    for (Record rec : resp.getSection(Section.ANSWER)) {
                        if (rec instanceof TXTRecord t && rec.getName().equals(target)) {
                            out.add(String.join("", t.getStrings()));
                        }
                    }
                    if (!out.isEmpty() || cname == null) {
                        return out;
                    }
                    name = cname; // the server did not include the CNAME target's data: ask for it
                }
                throw new IOException("CNAME chain too long at " + fqdn);
            }

            @Override
            public String describe() {
                return "DNS server " + hostPort;
            }

            @Override
            public List<String> soaEmails(String fqdn) throws IOException {
                SimpleResolver r = new SimpleResolver(addr);
                r.setTimeout(timeout);
                Name name;
                try {
                    name = Name.fromString(SandboxZone.key(fqdn));
                } catch (TextParseException e) {
                    throw new IOException("invalid DNS name " + fqdn, e);
                }
                Message resp = r.send(Message.newQuery(Record.newRecord(name, Type.SOA, DClass.IN)));
                for (int section : new int[] {Section.ANSWER, Section.AUTHORITY}) {
                    for (Record rec : resp.getSection(section)) {
                        if (rec instanceof org.xbill.DNS.SOARecord soa) {
                            return List.of(rnameToEmail(soa.getAdmin()));
                        }
                    }
                }
                throw new IOException("no SOA record for " + fqdn + " at " + hostPort + " ("
                        + Rcode.string(resp.getRcode()) + ")");
            }
        };
    }

    /** {@code hostmaster.example.com.} to {@code hostmaster@example.com} (RFC 1035 RNAME; first label is the user). */
    static String rnameToEmail(Name rname) {
        String user = rname.getLabelString(0).replace("\\.", ".");
        String domain = rname.labels() > 2 ? new Name(rname, 1).toString(true) : "";
        return user + "@" + domain;
    }

    static InetSocketAddress parseHostPort(String hostPort) {
        String host = hostPort;
        int port = 53;
        if (hostPort.startsWith("[")) {
            int end = hostPort.indexOf(']');
            host = hostPort.substring(1, end);
            if (hostPort.length() > end + 1 && hostPort.charAt(end + 1) == ':') {
                port = Integer.parseInt(hostPort.substring(end + 2));
            }
        } else if (hostPort.indexOf(':') > 0 && hostPort.indexOf(':') == hostPort.lastIndexOf(':')) {
            host = hostPort.substring(0, hostPort.indexOf(':'));
            port = Integer.parseInt(hostPort.substring(hostPort.indexOf(':') + 1));
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("DNS server port out of range: " + hostPort);
        }
        return new InetSocketAddress(host, port);
    }
}
