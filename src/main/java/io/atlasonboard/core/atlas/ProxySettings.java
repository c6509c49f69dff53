package io.atlasonboard.core.atlas;

import java.util.Objects;

/**
 * An HTTP proxy used with CONNECT for this provider only. {@code user} and {@code password} are optional (Basic proxy
 * authentication). The password array is not copied; the owner wipes it.
 */
public record ProxySettings(String host, int port, String user, char[] password) {
    public ProxySettings {
        Objects.requireNonNull(host, "proxy host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("proxy host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("proxy port must be 1..65535, got " + port);
        }
        if (user != null && user.isBlank()) {
            user = null;
        }
    }

    public static ProxySettings of(String host, int port) {
        return new ProxySettings(host, port, null, null);
    }

    public boolean hasCredentials() {
        return user != null;
    }

    /** "host:port"; never includes the credentials. */
    @Override
    public String toString() {
        return host + ":" + port + (user != null ? " (user " + user + ")" : "");
    }

    /** Parses "HOST:PORT" (IPv6 as "[::1]:3128"). */
    public static ProxySettings parse(String hostPort, String user, char[] password) {
        String s = hostPort.trim();
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new IllegalArgumentException("proxy must be HOST:PORT, got '" + hostPort + "'");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("proxy port is not a number in '" + hostPort + "'");
        }
        return new ProxySettings(host, port, user, password);
    }
}
