package io.atlasonboard.core.dns;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;

/** Sends single DNS queries to one address with a small timeout and bounded retries (package-internal). */
final class DnsQueries {

    private DnsQueries() {
    }

    /** A query that got no usable answer; {@link #getMessage()} is the reason for a person. */
    static final class QueryFailure extends Exception {
        QueryFailure(String reason) {
            super(reason);
        }
    }

    static Message query(InetSocketAddress server, Name name, int type, boolean recursionDesired, Duration timeout,
                         int retries) throws QueryFailure {
        String last = "no answer";
        int attempts = Math.max(1, retries + 1);
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new QueryFailure("interrupted");
            }
            Message q = Message.newQuery(Record.newRecord(name, type, DClass.IN));
            if (!recursionDesired) {
                q.getHeader().unsetFlag(Flags.RD);
            }
            SimpleResolver r = new SimpleResolver(server);
            r.setTimeout(timeout);
            try {
                return r.send(q);
            } catch (IOException e) {
                Throwable cause = unwrap(e);
                if (isRefused(cause)) {
                    throw new QueryFailure("connection refused (nothing answers DNS at " + hostPort(server) + ")");
                }
                if (cause instanceof NoRouteToHostException) {
                    throw new QueryFailure("no route to " + hostPort(server));
                }
                if (isTimeout(cause)) {
                    last = "timeout: no answer within " + millis(timeout) + " (" + attempts
                            + (attempts == 1 ? " try)" : " tries)");
                } else {
                    last = "query failed: " + describe(cause);
                }
            }
        }
        throw new QueryFailure(last);
    }

    static String hostPort(InetSocketAddress a) {
        String h = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + a.getPort();
    }

    static String millis(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException
                || (c instanceof IOException && c.getCause() != null && c.getClass() == IOException.class))
                && c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    static boolean isRefused(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof PortUnreachableException || c instanceof ConnectException) {
                return true;
            }
            String m = c.getMessage();
            if (m != null && m.toLowerCase(Locale.ROOT).contains("refused")) {
                return true;
            }
        }
        return false;
    }

    static boolean isTimeout(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SocketTimeoutException || c instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
            String m = c.getMessage();
            if (m != null && m.toLowerCase(Locale.ROOT).contains("timed out")) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
