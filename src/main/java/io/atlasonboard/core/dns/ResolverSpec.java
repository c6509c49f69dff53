package io.atlasonboard.core.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * A DNS server to ask: host (name or IP literal) and port. Parsed from {@code host}, {@code host:port},
 * {@code [v6addr]} or {@code [v6addr]:port}; a bare IPv6 literal without brackets is taken as host only.
 */
public record ResolverSpec(String host, int port) {

    public static final int DEFAULT_PORT = 53;

    public ResolverSpec {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("DNS server host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("DNS server port out of range 1..65535: " + port);
        }
    }

    public static ResolverSpec of(String host) {
        return new ResolverSpec(host, DEFAULT_PORT);
    }

    public static ResolverSpec parse(String text) {
        return parse(text, DEFAULT_PORT);
    }

    /** @param defaultPort the port used when the text names none */
    public static ResolverSpec parse(String text, int defaultPort) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("DNS server is empty (expected HOST or HOST:PORT)");
        }
        String t = text.trim();
        String host;
        String port = null;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ']' in DNS server '" + t + "'");
            }
            host = t.substring(1, close);
            String rest = t.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("unexpected text after ']' in DNS server '" + t + "'");
                }
                port = rest.substring(1);
            }
        } else {
            int first = t.indexOf(':');
            if (first >= 0 && first == t.lastIndexOf(':')) {
                host = t.substring(0, first);
                port = t.substring(first + 1);
            } else {
                host = t; // no colon, or a bare IPv6 literal
            }
        }
        int p = defaultPort;
        if (port != null) {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("DNS server port is not a number in '" + t + "'");
            }
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("DNS server host is empty in '" + t + "'");
        }
        return new ResolverSpec(host, p);
    }

    /** Resolves the host through the system resolver (IP literals are not looked up). */
    public InetSocketAddress socketAddress() throws UnknownHostException {
        return new InetSocketAddress(InetAddress.getByName(host), port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
