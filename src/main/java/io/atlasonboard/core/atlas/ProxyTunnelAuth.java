package io.atlasonboard.core.atlas;

/**
 * The one JVM-wide setting this product changes, and why.
 *
 * <p>Since 8u111 the JDK disables the Basic scheme for proxy authentication of HTTPS tunnels (HTTP CONNECT):
 * {@code jdk.http.auth.tunneling.disabledSchemes=Basic} in {@code $JAVA_HOME/conf/net.properties}. A system property
 * of the same name overrides that file. {@code java.net.http} reads it exactly once, when its internal
 * {@code Utils} class initialises (the first HttpClient of the JVM), so a later change is silently ignored, and there
 * is no per-client switch. Setting a {@code Proxy-Authorization} header by hand does not help: the client filters
 * Basic credentials out of CONNECT requests with the same setting. Corporate proxies (and tinyproxy) commonly offer
 * only Basic, so {@link #enableBasicForProxyTunnels()} re-enables it, and only it: the tunneling list becomes empty,
 * {@code jdk.http.auth.proxying.disabledSchemes} (plain-HTTP proxying) and everything else stay as they are.
 *
 * <p>Why this is acceptable: the JDK default guards against a JVM-wide default Authenticator handing credentials to
 * whatever proxy asks. This product installs no Authenticator at all (neither JVM-wide nor per client: an HttpClient
 * with an Authenticator drops user-set {@code Authorization} headers, i.e. our Bearer token). Each provider's
 * HttpClient sends that provider's proxy credentials as a {@code Proxy-Authorization} header, which java.net.http puts
 * only on the CONNECT request to that provider's configured proxy, never through the tunnel to the server. The
 * credentials travel to the proxy in clear text by the nature of Basic over a plain TCP connection to the proxy,
 * which is what the admin configured.
 *
 * <p>Call it once, first thing in {@code main} (the composition root, {@code io.atlasonboard.Launcher}), before any
 * HttpClient exists. If the user set the property explicitly (command line or {@code JAVA_TOOL_OPTIONS}), that choice is
 * kept.
 */
public final class ProxyTunnelAuth {
    public static final String PROPERTY = "jdk.http.auth.tunneling.disabledSchemes";

    private ProxyTunnelAuth() {
    }

    /** Re-enables Basic proxy authentication for HTTPS tunnels unless the user configured the property explicitly. */
    public static void enableBasicForProxyTunnels() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "");
        }
    }

    /** Whether Basic is allowed for tunnels by the system property (the net.properties default disables it). */
    public static boolean basicAllowedForTunnels() {
        String v = System.getProperty(PROPERTY);
        if (v == null) {
            return false;
        }
        for (String s : v.split(",")) {
            if (s.trim().equalsIgnoreCase("Basic")) {
                return false;
            }
        }
        return true;
    }
}
