package io.atlasonboard.core.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * Publishes and removes the claim's TXT record by RFC 2136 dynamic update, signed with a TSIG key (RFC 8945).
 * Other TXT records at the name are left alone.
 */
public final class DnsUpdater {

    /** What was done. */
    public record Result(String server, String zone, String name, String value, boolean removed) {
        public String describe() {
            return (removed ? "Removed TXT " : "Published TXT ") + name + " \"" + value + "\" in zone " + zone
                    + " via " + server;
        }
    }

    private final Duration timeout;
    private final int retries;

    public DnsUpdater() {
        this(Duration.ofSeconds(5), 1);
    }

    /**
     * @param timeout per try
     * @param retries extra tries for zone lookups after a timeout (the update itself is sent once over TCP, so a slow
     *                server never applies it twice by surprise)
     */
    public DnsUpdater(Duration timeout, int retries) {
        this.timeout = Objects.requireNonNull(timeout);
        this.retries = Math.max(0, retries);
    }

    /**
     * Adds the TXT value at {@code name} (other TXT records there stay).
     *
     * @param zone null = ask the server for the zone (SOA)
     */
    public Result publishTxt(ResolverSpec server, String zone, String name, String value, int ttl, TsigKey key)
            throws DnsUpdateException {
        if (ttl < 0) {
            throw new IllegalArgumentException("TTL must not be negative");
        }
        return send(server, zone, name, value, ttl, key, false);
    }

    /** Deletes exactly this TXT value at {@code name}; other TXT records there stay. */
    public Result removeTxt(ResolverSpec server, String zone, String name, String value, TsigKey key)
            throws DnsUpdateException {
        return send(server, zone, name, value, 0, key, true);
    }

    private Result send(ResolverSpec server, String zone, String name, String value, int ttl, TsigKey key,
                        boolean remove) throws DnsUpdateException {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(key, "key");
        Name owner = toName(name);
        InetSocketAddress addr = address(server);
        Name z = zone == null || zone.isBlank() ? findZone(addr, server, owner) : toName(zone);
        if (!owner.subdomain(z)) {
            throw new DnsUpdateException(DnsUpdateException.Reason.NOTZONE,
                    owner + " is not inside the zone " + z + " (NOTZONE)");
        }
        TXTRecord rec = new TXTRecord(owner, DClass.IN, ttl, dnsjavaStrings(value));
        Update u = new Update(z);
        if (remove) {
            u.delete(rec);
        } else {
            u.add(rec);
        }
        SimpleResolver r = new SimpleResolver(addr);
        r.setTimeout(timeout);
        r.setTCP(true);
        r.setTSIGKey(key.toTsig());
        Message resp;
        try {
            resp = r.send(u);
        } catch (IOException e) {
            throw ioFailure(server, e);
        }
        int rc = resp.getRcode();
        TSIGRecord t = resp.getTSIG();
        int tsigError = t == null ? Rcode.NOERROR : t.getError();
        if (rc == Rcode.NOERROR && tsigError == Rcode.NOERROR) {
            if (resp.isSigned() && !resp.isVerified()) {
                throw new DnsUpdateException(DnsUpdateException.Reason.SERVER_ERROR, "the answer from " + server
                        + " carries a TSIG signature that does not verify with key '" + key.name()
                        + "'; the update may or may not have been applied");
            }
            return new Result(server.toString(), z.toString(), owner.toString(), value, remove);
        }
        throw failure(rc, tsigError, resp.isSigned() && resp.isVerified(), server, z, owner, key);
    }

    /** The zone holding {@code name}, as the server sees it (SOA owner in the answer or authority section). */
    public String findZone(ResolverSpec server, String name) throws DnsUpdateException {
        return findZone(address(server), server, toName(name)).toString();
    }

    private Name findZone(InetSocketAddress addr, ResolverSpec server, Name name) throws DnsUpdateException {
        Name cur = name;
        List<String> reasons = new ArrayList<>();
        while (true) {
            Message m;
            try {
                m = DnsQueries.query(addr, cur, Type.SOA, true, timeout, retries);
            } catch (DnsQueries.QueryFailure e) {
                DnsUpdateException.Reason r = e.getMessage().startsWith("timeout")
                        ? DnsUpdateException.Reason.TIMEOUT : DnsUpdateException.Reason.NETWORK;
                throw new DnsUpdateException(r, "could not ask " + server + " for the zone of " + name + ": "
                        + e.getMessage());
            }
            int rc = m.getRcode();
            if (rc == Rcode.NOERROR || rc == Rcode.NXDOMAIN) {
                for (int section : new int[] {Section.ANSWER, Section.AUTHORITY}) {
                    for (Record rec : m.getSection(section)) {
                        if (rec instanceof SOARecord && name.subdomain(rec.getName())) {
                            return rec.getName();
                        }
                    }
                }
            } else {
                reasons.add(cur + ": " + Rcode.string(rc));
            }
            if (cur.labels() <= 2) {
                break;
            }
            cur = new Name(cur, 1);
        }
        throw new DnsUpdateException(DnsUpdateException.Reason.ZONE_NOT_FOUND, "could not find the zone of " + name
                + " on " + server + (reasons.isEmpty() ? "" : " (" + String.join(", ", reasons) + ")")
                + "; give the zone explicitly");
    }

    private static DnsUpdateException failure(int rc, int tsigError, boolean keyAccepted, ResolverSpec server,
                                              Name zone, Name owner, TsigKey key) {
        String k = "'" + key.name() + "' (" + key.algorithm() + ")";
        if (tsigError == Rcode.BADKEY) {
            return new DnsUpdateException(DnsUpdateException.Reason.TSIG_REFUSED, "the DNS server refused the TSIG key "
                    + k + ": BADKEY, the server does not know a key with this name and algorithm");
        }
        if (tsigError == Rcode.BADSIG) {
            return new DnsUpdateException(DnsUpdateException.Reason.TSIG_REFUSED, "the DNS server refused the TSIG key "
                    + k + ": BADSIG, the secret does not match the server's key of that name");
        }
        if (tsigError == Rcode.BADTIME) {
            return new DnsUpdateException(DnsUpdateException.Reason.TSIG_REFUSED, "the DNS server refused the TSIG key "
                    + k + ": BADTIME, this computer's clock and the server's differ by more than the allowed fudge");
        }
        if (rc == Rcode.NOTAUTH && keyAccepted) {
            return new DnsUpdateException(DnsUpdateException.Reason.NOT_AUTHORITATIVE, "the DNS server " + server
                    + " accepted the TSIG key but is not authoritative for the zone " + zone + " (NOTAUTH)");
        }
        if (rc == Rcode.NOTAUTH) {
            return new DnsUpdateException(DnsUpdateException.Reason.TSIG_REFUSED, "the DNS server refused the TSIG key "
                    + k + " or is not authoritative for the zone " + zone + " (NOTAUTH)");
        }
        if (rc == Rcode.REFUSED) {
            return new DnsUpdateException(DnsUpdateException.Reason.REFUSED, "the DNS server " + server
                    + " refused the update: updates not allowed for this zone/key (REFUSED); check that zone " + zone
                    + " allows updates by key " + k);
        }
        if (rc == Rcode.NOTZONE) {
            return new DnsUpdateException(DnsUpdateException.Reason.NOTZONE, owner + " is not inside the zone "
                    + zone + " as the server sees it (NOTZONE)");
        }
        String name = tsigError != Rcode.NOERROR ? Rcode.TSIGstring(tsigError) : Rcode.string(rc);
        return new DnsUpdateException(DnsUpdateException.Reason.SERVER_ERROR, "the DNS server " + server
                + " could not apply the update to zone " + zone + " (" + name + ")");
    }

    private DnsUpdateException ioFailure(ResolverSpec server, IOException e) {
        String m = DnsQueries.describe(e).toLowerCase(Locale.ROOT);
        Throwable c = e;
        boolean timeout = false;
        boolean refused = false;
        for (; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String cm = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
            timeout |= c instanceof java.net.SocketTimeoutException || cm.contains("timed out");
            refused |= c instanceof java.net.ConnectException || cm.contains("refused");
        }
        if (timeout) {
            return new DnsUpdateException(DnsUpdateException.Reason.TIMEOUT, "no answer from " + server + " within "
                    + timeout().toMillis() + " ms; the update may or may not have been applied");
        }
        if (refused) {
            return new DnsUpdateException(DnsUpdateException.Reason.NETWORK, "connection refused by " + server
                    + " (nothing accepts DNS over TCP there)");
        }
        return new DnsUpdateException(DnsUpdateException.Reason.NETWORK, "sending the update to " + server
                + " failed: " + m);
    }

    public Duration timeout() {
        return timeout;
    }

    private static InetSocketAddress address(ResolverSpec server) throws DnsUpdateException {
        try {
            return server.socketAddress();
        } catch (UnknownHostException e) {
            throw new DnsUpdateException(DnsUpdateException.Reason.NETWORK, "unknown DNS server host " + server.host());
        }
    }

    /** The value's character-strings, escaped for dnsjava's text-to-bytes conversion (backslash only). */
    static List<String> dnsjavaStrings(String value) {
        List<String> out = new ArrayList<>();
        for (String s : TxtRecordPresentation.splitStrings(value)) {
            out.add(s.replace("\\", "\\\\"));
        }
        return out;
    }

    private static Name toName(String n) {
        try {
            return Name.fromString(TxtRecordPresentation.fqdn(n));
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a valid domain name: " + n);
        }
    }
}
