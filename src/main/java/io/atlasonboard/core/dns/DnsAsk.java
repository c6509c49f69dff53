package io.atlasonboard.core.dns;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Single DNS questions with the flags a preflight needs (DNSSEC OK, Checking Disabled, recursion on or off), to a
 * list of resolvers (first usable answer wins) or to one server, each bounded by a timeout and a few retries.
 * Used by {@link CaaLookup}, {@link DnssecCheck} and {@link DelegationCheck}.
 */
public final class DnsAsk {
    private final List<ResolverSpec> resolvers;
    private final Duration timeout;
    private final int retries;

    /** @param resolvers recursive resolvers to ask (empty: the system's) */
    public DnsAsk(List<ResolverSpec> resolvers, Duration timeout, int retries) {
        List<ResolverSpec> r = resolvers == null ? List.of() : List.copyOf(resolvers);
        this.resolvers = r.isEmpty() ? PropagationChecker.systemResolvers() : r;
        this.timeout = Objects.requireNonNull(timeout);
        this.retries = Math.max(0, retries);
    }

    public List<ResolverSpec> resolvers() {
        return resolvers;
    }

    public Duration timeout() {
        return timeout;
    }

    public int retries() {
        return retries;
    }

    /** No usable answer from anyone; the message says why, per server. */
    public static final class Failure extends Exception {
        public Failure(String reason) {
            super(reason);
        }
    }

    /**
     * Asks the resolvers in turn (recursion desired); the first answer with an rcode other than SERVFAIL/REFUSED wins.
     * When every one answers SERVFAIL, that SERVFAIL answer is returned (it means something to DNSSEC).
     */
    public Message recursive(Name name, int type, boolean dnssecOk, boolean checkingDisabled) throws Failure {
        if (resolvers.isEmpty()) {
            throw new Failure("no resolver: the system has none configured and none was given");
        }
        List<String> reasons = new ArrayList<>();
        Message servfail = null;
        for (ResolverSpec spec : resolvers) {
            InetSocketAddress a;
            try {
                a = spec.socketAddress();
            } catch (UnknownHostException e) {
                reasons.add(spec + ": unknown host");
                continue;
            }
            try {
                Message m = once(a, name, type, true, dnssecOk, checkingDisabled);
                int rc = m.getRcode();
                if (rc == Rcode.SERVFAIL) {
                    servfail = servfail == null ? m : servfail;
                    reasons.add(spec + " answered SERVFAIL");
                } else if (rc == Rcode.REFUSED) {
                    reasons.add(spec + " answered REFUSED");
                } else {
                    return m;
                }
            } catch (Failure e) {
                reasons.add(spec + ": " + e.getMessage());
            }
        }
        if (servfail != null) {
            return servfail;
        }
        throw new Failure(Type.string(type) + " " + name + ": " + String.join("; ", reasons));
    }

    /** One server, any rcode returned as is; timeouts and refused connections become a {@link Failure}. */
    public Message once(InetSocketAddress server, Name name, int type, boolean recursionDesired, boolean dnssecOk,
            boolean checkingDisabled) throws Failure {
        String last = "no answer";
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new Failure("interrupted");
            }
            Message q = Message.newQuery(Record.newRecord(name, type, DClass.IN));
            if (!recursionDesired) {
                q.getHeader().unsetFlag(Flags.RD);
            }
            if (checkingDisabled) {
                q.getHeader().setFlag(Flags.CD);
            }
            q.addRecord(new OPTRecord(1232, 0, 0, dnssecOk ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
            SimpleResolver r = new SimpleResolver(server);
            r.setTimeout(timeout);
            try {
                return r.send(q);
            } catch (java.io.IOException e) {
                String why = classify(e);
                if (why != null) {
                    throw new Failure(why + " (nothing answers DNS at " + hostPort(server) + ")");
                }
                last = timedOut(e) ? "timeout: no answer within " + timeout.toMillis() + " ms (" + (retries + 1)
                        + (retries == 0 ? " try)" : " tries)") : "query failed: " + DnsQueries.describe(e);
            }
        }
        throw new Failure(last);
    }

    private static String classify(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.net.PortUnreachableException || c instanceof java.net.ConnectException) {
                return "connection refused";
            }
            if (c instanceof java.net.NoRouteToHostException) {
                return "no route";
            }
            String m = c.getMessage();
            if (m != null && m.toLowerCase(java.util.Locale.ROOT).contains("refused")) {
                return "connection refused";
            }
        }
        return null;
    }

    private static boolean timedOut(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.net.SocketTimeoutException || c instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
            String m = c.getMessage();
            if (m != null && m.toLowerCase(java.util.Locale.ROOT).contains("timed out")) {
                return true;
            }
        }
        return false;
    }

    public static String hostPort(InetSocketAddress a) {
        return DnsQueries.hostPort(a);
    }

    /** An absolute name from a domain (trailing dot optional). */
    public static Name name(String domain) {
        try {
            return Name.fromString(TxtRecordPresentation.fqdn(domain));
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS name: '" + domain + "'");
        }
    }

    /** The owner name without the trailing dot, as people write it. */
    public static String text(Name n) {
        String s = n.toString();
        return s.endsWith(".") && s.length() > 1 ? s.substring(0, s.length() - 1) : s;
    }
}
