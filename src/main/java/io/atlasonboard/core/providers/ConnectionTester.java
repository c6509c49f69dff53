package io.atlasonboard.core.providers;

import io.atlasonboard.core.Msg;
import io.atlasonboard.core.atlas.AtlasApiException;
import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.atlas.AtlasConnectionConfig;
import io.atlasonboard.core.atlas.AtlasException;
import io.atlasonboard.core.atlas.AtlasTls;
import io.atlasonboard.core.atlas.AtlasTransportException;
import io.atlasonboard.core.atlas.ClientIdentity;
import io.atlasonboard.core.atlas.ProxySettings;
import io.atlasonboard.core.atlas.ProxyTunnelAuth;
import io.atlasonboard.core.atlas.ValidationPolicy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import io.atlasonboard.core.tasks.ProgressSink;

/**
 * The connection status check of a provider: local pre-checks, TLS handshake with the client certificate (through the
 * proxy's CONNECT tunnel when one is configured), {@code POST /login}, {@code GET /validationpolicy},
 * {@code GET /quotas/issuance}. Every failure ends as a BAD report with the step and a sentence a person can act on.
 *
 * <p>The handshake step uses its own socket (and its own CONNECT to the proxy) so that proxy refusals, untrusted server
 * certificates (with the issuer's name) and TLS alerts about the client certificate can be told apart precisely; the
 * API steps then run through {@link AtlasClient}, exactly as later work will.
 */
public final class ConnectionTester {
    /** {@link ConnectionStep#label()} of each step, as reports and stored statuses name the failed step. */
    public static final String STEP_LOCAL = "Local checks";
    public static final String STEP_TLS = "TLS handshake";
    public static final String STEP_LOGIN = "Login";
    public static final String STEP_POLICY = "Validation policy";
    public static final String STEP_QUOTA = "Issuance quota";
    /** The failed step of a report when the test as a whole failed unexpectedly. */
    public static final String STEP_TEST = "Connection test";

    private ConnectionTester() {
    }

    /**
     * Runs the checks in {@link ConnectionStep} order. {@code listener} hears each check start, pass or fail (on this
     * thread); {@code progress} (may be null) gets a sentence per check and is asked about cancellation between
     * checks ({@link CancellationException} then, with no event for the check that was running).
     */
    public static ConnectionReport test(AtlasConnectionConfig config, String apiKey, char[] apiSecret,
            ProgressSink progress, ConnectionListener listener) {
        Steps steps = new Steps(progress == null ? ProgressSink.NONE : progress,
                listener == null ? ConnectionListener.NONE : listener);
        ConnectionReport report = run(config, apiKey, apiSecret, steps);
        steps.finish(report);
        return report;
    }

    /** Reports the steps to the listener (started, then passed when the next starts) and to the progress sink. */
    private static final class Steps {
        private final ProgressSink sink;
        private final ConnectionListener listener;
        private ConnectionStep current;

        Steps(ProgressSink sink, ConnectionListener listener) {
            this.sink = sink;
            this.listener = listener;
        }

        void start(ConnectionStep step, double fraction, Msg detail) {
            sink.checkCancelled();
            if (current != null) {
                listener.on(new ConnectionEvent.Passed(current));
            }
            current = step;
            listener.on(new ConnectionEvent.Started(step, detail));
            sink.update(fraction, detail.english());
        }

        void finish(ConnectionReport r) {
            if (current == null) {
                return;
            }
            listener.on(r.good() ? new ConnectionEvent.Passed(current)
                    : new ConnectionEvent.Failed(current, r.code(), r.diagnosis(), r.msg()));
            current = null;
            if (r.good()) {
                sink.update(1.0, "Connection Status: Good");
            }
        }
    }

    private static ConnectionReport run(AtlasConnectionConfig config, String apiKey, char[] apiSecret, Steps steps) {
        Clock clock = config.clock();
        try {
            // 1. local pre-checks
            steps.start(ConnectionStep.LOCAL, 0.05, Msg.of("core.providers.doing.LOCAL"));
            java.security.KeyStore[] opened = new java.security.KeyStore[1];
            ConnectionReport local = localChecks(config, clock, opened);
            if (local != null) {
                return local;
            }
            if (opened[0] != null) {
                config = withOpenedKeystore(config, opened[0]); // opened once for the whole test
            }

            // 2. TLS handshake (own socket, through the proxy if any)
            steps.start(ConnectionStep.TLS, 0.2, config.proxy() != null
                    ? Msg.of("core.providers.doing.TLS.proxy", config.proxy().host() + ":" + config.proxy().port(),
                            config.host())
                    : Msg.of("core.providers.doing.TLS", config.host() + ":" + config.port()));
            AtlasTls tls;
            try {
                tls = new AtlasTls(config);
            } catch (AtlasException e) {
                return ConnectionReport.bad(STEP_TLS, Diagnosis.TLS_FAILED,
                        Msg.of("core.providers.diag.TLS_FAILED", e.getMessage()), clock.instant());
            }
            ConnectionReport hs = handshake(config, tls, clock);
            if (hs != null) {
                return hs;
            }

            steps.start(ConnectionStep.LOGIN, 0.45, Msg.of("core.providers.doing.LOGIN"));
            try (AtlasClient client = new AtlasClient(config, apiKey, apiSecret)) {
                String step = STEP_LOGIN;
                try {
                    client.login();
                    step = STEP_POLICY;
                    steps.start(ConnectionStep.POLICY, 0.65, Msg.of("core.providers.doing.POLICY"));
                    ValidationPolicy policy = client.validationPolicy();
                    step = STEP_QUOTA;
                    steps.start(ConnectionStep.QUOTA, 0.85, Msg.of("core.providers.doing.QUOTA"));
                    long quota = client.quotaIssuance();
                    steps.sink.checkCancelled();
                    return ConnectionReport.good(PolicySummary.msg(policy), quota, clock.instant());
                } catch (AtlasApiException e) {
                    return api(step, e, config, clock);
                } catch (AtlasTransportException e) {
                    return transport(step, e, config, clock);
                }
            }
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            return ConnectionReport.bad(STEP_TEST, Diagnosis.UNEXPECTED,
                    Msg.of("core.providers.diag.UNEXPECTED", AtlasClient.describe(e)), clock.instant());
        }
    }

    // ------------------------------------------------------------------ step 1

    /**
     * The same settings with the keystore already opened, so the handshake step and the API client do not decrypt
     * the PKCS#12 again (each opening costs its MAC and key derivations). Copies every setting of the config.
     */
    private static AtlasConnectionConfig withOpenedKeystore(AtlasConnectionConfig c, java.security.KeyStore ks) {
        return c.toBuilder().identity(ClientIdentity.of(ks, c.identity().password())).build();
    }

    private static ConnectionReport localChecks(AtlasConnectionConfig config, Clock clock,
            java.security.KeyStore[] opened) {
        ClientIdentity id = config.identity();
        if (id == null) {
            // nothing to check locally: the handshake will show whether the server insists on a certificate
            return null;
        }
        X509Certificate cert;
        try {
            opened[0] = id.open();
            cert = ClientIdentity.of(opened[0], id.password()).certificate();
        } catch (ClientIdentity.KeystoreProblem p) {
            return switch (p.kind()) {
                case WRONG_PASSWORD -> ConnectionReport.bad(STEP_LOCAL, Diagnosis.KEYSTORE_PASSWORD_WRONG,
                        Msg.of("core.providers.diag.KEYSTORE_PASSWORD_WRONG"), clock.instant());
                case NO_PRIVATE_KEY -> ConnectionReport.bad(STEP_LOCAL, Diagnosis.KEYSTORE_NO_PRIVATE_KEY,
                        Msg.of("core.providers.diag.KEYSTORE_NO_PRIVATE_KEY"), clock.instant());
                case UNREADABLE -> ConnectionReport.bad(STEP_LOCAL, Diagnosis.KEYSTORE_UNREADABLE,
                        Msg.of("core.providers.diag.KEYSTORE_UNREADABLE", p.getMessage()), clock.instant());
            };
        }
        Date now = Date.from(clock.instant());
        try {
            cert.checkValidity(now);
        } catch (CertificateExpiredException e) {
            return ConnectionReport.bad(STEP_LOCAL, Diagnosis.CLIENT_CERT_EXPIRED,
                    Msg.of("core.providers.diag.CLIENT_CERT_EXPIRED", cert.getSubjectX500Principal().getName(),
                            String.valueOf(cert.getNotAfter().toInstant())), clock.instant());
        } catch (CertificateNotYetValidException e) {
            return ConnectionReport.bad(STEP_LOCAL, Diagnosis.CLIENT_CERT_NOT_YET_VALID,
                    Msg.of("core.providers.diag.CLIENT_CERT_NOT_YET_VALID",
                            String.valueOf(cert.getNotBefore().toInstant())), clock.instant());
        }
        return null;
    }

    // ------------------------------------------------------------------ step 2

    private static ConnectionReport handshake(AtlasConnectionConfig config, AtlasTls tls, Clock clock) {
        PostHandshakeWatch raw = new PostHandshakeWatch();
        // an interrupt does not stop a plain socket's connect or handshake: a cancel closes the socket instead
        try (io.atlasonboard.core.tasks.Cancellation.Guard g = io.atlasonboard.core.tasks.Cancellation
                .closeOnCancel(raw)) {
            ConnectionReport r = handshake(config, tls, clock, raw);
            if (io.atlasonboard.core.tasks.Cancellation.isCancelled()) {
                throw new CancellationException("cancelled during the TLS handshake with " + config.host());
            }
            return r;
        }
    }

    private static ConnectionReport handshake(AtlasConnectionConfig config, AtlasTls tls, Clock clock,
            PostHandshakeWatch raw) {
        String host = config.host();
        int port = config.port();
        int connectMs = (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis());
        int readMs = (int) Math.min(Integer.MAX_VALUE, config.requestTimeout().toMillis());
        ProxySettings proxy = config.proxy();
        try {
            if (proxy != null) {
                InetSocketAddress pa = new InetSocketAddress(proxy.host(), proxy.port());
                if (pa.isUnresolved()) {
                    return ConnectionReport.bad(STEP_TLS, Diagnosis.PROXY_UNREACHABLE,
                            Msg.of("core.providers.diag.PROXY_UNREACHABLE", proxy.host()), clock.instant());
                }
                try {
                    raw.connect(pa, connectMs);
                } catch (SocketTimeoutException e) {
                    return ConnectionReport.bad(STEP_TLS, Diagnosis.PROXY_UNREACHABLE,
                            Msg.of("core.providers.diag.PROXY_UNREACHABLE.2", proxy.host(),
                                    String.valueOf(proxy.port()),
                                    String.valueOf(config.connectTimeout().toSeconds())), clock.instant());
                } catch (IOException e) {
                    return ConnectionReport.bad(STEP_TLS, Diagnosis.PROXY_UNREACHABLE,
                            Msg.of("core.providers.diag.PROXY_UNREACHABLE.3", proxy.host(),
                                    String.valueOf(proxy.port()), AtlasClient.describe(e)), clock.instant());
                }
                raw.setSoTimeout(readMs);
                ConnectionReport tunnel = connectTunnel(raw, proxy, host, port, config, clock);
                if (tunnel != null) {
                    return tunnel;
                }
            } else {
                InetSocketAddress a = new InetSocketAddress(host, port);
                if (a.isUnresolved()) {
                    return ConnectionReport.bad(STEP_TLS, Diagnosis.HOST_NOT_FOUND,
                            Msg.of("core.providers.diag.HOST_NOT_FOUND", host), clock.instant());
                }
                try {
                    raw.connect(a, connectMs);
                } catch (SocketTimeoutException | NoRouteToHostException e) {
                    return ConnectionReport.bad(STEP_TLS, Diagnosis.CONNECT_TIMEOUT,
                            Msg.of("core.providers.diag.CONNECT_TIMEOUT", host, String.valueOf(port),
                                    String.valueOf(config.connectTimeout().toSeconds()),
                                    String.valueOf(port)), clock.instant());
                } catch (ConnectException e) {
                    return ConnectionReport.bad(STEP_TLS, Diagnosis.CONNECTION_REFUSED,
                            Msg.of("core.providers.diag.CONNECTION_REFUSED", host,
                                    String.valueOf(port)), clock.instant());
                }
                raw.setSoTimeout(readMs);
            }

            SSLSocket ssl = (SSLSocket) tls.context().getSocketFactory().createSocket(raw, host, port, true);
            SSLParameters params = ssl.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            if (!isIpLiteral(host)) {
                params.setServerNames(List.of(new SNIHostName(host)));
            }
            ssl.setSSLParameters(params);
            try {
                ssl.startHandshake();
                if ("TLSv1.3".equals(ssl.getSession().getProtocol())) {
                    // TLS 1.3: the server judges the client certificate after our Finished; its alert (if any) is
                    // the first thing it sends then. Its first other record (a session ticket) means it accepted
                    // us: the watch ends the read there instead of waiting out the timeout. A server that sends
                    // nothing at all is taken as accepting after the timeout.
                    raw.watchFromNow();
                    ssl.setSoTimeout(1000);
                    try {
                        int b = ssl.getInputStream().read();
                        if (b < 0) {
                            return clientRejected(Msg.of("core.providers.what.closedAfter"),
                                    config, clock);
                        }
                    } catch (SocketTimeoutException ok) {
                        // accepted (a post-handshake record was read without an alert, or silence)
                    }
                }
                return null;
            } catch (SSLException | SocketException | EOFException e) {
                return tlsFailure(e, tls, config, clock);
            } finally {
                try {
                    ssl.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        } catch (SocketTimeoutException e) {
            return ConnectionReport.bad(STEP_TLS, Diagnosis.REQUEST_TIMEOUT,
                    Msg.of("core.providers.diag.REQUEST_TIMEOUT", host,
                            String.valueOf(config.requestTimeout().toSeconds())), clock.instant());
        } catch (IOException e) {
            return ConnectionReport.bad(STEP_TLS, Diagnosis.TLS_FAILED,
                    Msg.of("core.providers.diag.TLS_FAILED.2", host, String.valueOf(port),
                            AtlasClient.describe(e)), clock.instant());
        } finally {
            try {
                raw.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    /**
     * The header line {@code Proxy-Authorization: Basic ...\r\n} as bytes, built without the password ever being a
     * String: user:password encoded straight from the char[] to UTF-8 bytes, Base64 to bytes; every intermediate
     * array is wiped, the caller wipes the result after writing it.
     */
    static byte[] proxyAuthorization(ProxySettings proxy) {
        char[] pw = proxy.password() == null ? new char[0] : proxy.password();
        String user = proxy.user() == null ? "" : proxy.user();
        char[] userPass = new char[user.length() + 1 + pw.length];
        user.getChars(0, user.length(), userPass, 0);
        userPass[user.length()] = ':';
        System.arraycopy(pw, 0, userPass, user.length() + 1, pw.length);
        java.nio.ByteBuffer utf8 = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(userPass));
        java.util.Arrays.fill(userPass, '\0');
        byte[] plain = new byte[utf8.remaining()];
        utf8.get(plain);
        if (utf8.hasArray()) {
            java.util.Arrays.fill(utf8.array(), (byte) 0);
        }
        byte[] b64 = Base64.getEncoder().encode(plain);
        java.util.Arrays.fill(plain, (byte) 0);
        byte[] prefix = "Proxy-Authorization: Basic ".getBytes(StandardCharsets.ISO_8859_1);
        byte[] line = new byte[prefix.length + b64.length + 2];
        System.arraycopy(prefix, 0, line, 0, prefix.length);
        System.arraycopy(b64, 0, line, prefix.length, b64.length);
        line[line.length - 2] = '\r';
        line[line.length - 1] = '\n';
        java.util.Arrays.fill(b64, (byte) 0);
        return line;
    }

    private static ConnectionReport connectTunnel(Socket raw, ProxySettings proxy, String host, int port,
            AtlasConnectionConfig config, Clock clock) throws IOException {
        String authority = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        StringBuilder req = new StringBuilder();
        req.append("CONNECT ").append(authority).append(" HTTP/1.1\r\nHost: ").append(authority).append("\r\n");
        byte[] auth = null;
        if (proxy.hasCredentials()) {
            auth = proxyAuthorization(proxy);
        }
        OutputStream out = raw.getOutputStream();
        out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (auth != null) {
            out.write(auth);
            java.util.Arrays.fill(auth, (byte) 0);
        }
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String head;
        try {
            head = readHead(raw.getInputStream());
        } catch (SocketTimeoutException e) {
            return ConnectionReport.bad(STEP_TLS, Diagnosis.PROXY_REFUSED_TUNNEL,
                    Msg.of("core.providers.diag.PROXY_REFUSED_TUNNEL", proxy.host(), String.valueOf(proxy.port()),
                            String.valueOf(config.requestTimeout().toSeconds())), clock.instant());
        } catch (IOException e) {
            return ConnectionReport.bad(STEP_TLS, Diagnosis.PROXY_REFUSED_TUNNEL,
                    Msg.of("core.providers.diag.PROXY_REFUSED_TUNNEL.2", proxy.host(), String.valueOf(proxy.port()),
                            AtlasClient.describe(e)), clock.instant());
        }
        String statusLine = head.lines().findFirst().orElse("");
        String[] parts = statusLine.split(" ", 3);
        int code = -1;
        if (parts.length >= 2 && parts[0].startsWith("HTTP/")) {
            try {
                code = Integer.parseInt(parts[1]);
            } catch (NumberFormatException ignored) {
                // stays -1
            }
        }
        if (code >= 200 && code < 300) {
            return null;
        }
        Msg said = statusLine.isBlank() ? Msg.of("core.providers.said.empty")
                : Msg.of("core.providers.quoted", statusLine.trim());
        // 407 is the standard answer; tinyproxy answers 401 to wrong Basic credentials on CONNECT
        if (code == 407 || code == 401) {
            if (proxy.hasCredentials()) {
                return ConnectionReport.bad(STEP_TLS, Diagnosis.PROXY_AUTH_REFUSED,
                        Msg.of("core.providers.diag.PROXY_AUTH_REFUSED", proxy.host(),
                                String.valueOf(proxy.port())), clock.instant());
            }
            return ConnectionReport.bad(STEP_TLS, Diagnosis.PROXY_AUTH_REFUSED,
                    Msg.of("core.providers.diag.PROXY_AUTH_REFUSED.2", proxy.host(),
                            String.valueOf(proxy.port())), clock.instant());
        }
        boolean resolvesHere = !new InetSocketAddress(host, port).isUnresolved();
        if (!resolvesHere && code >= 400) {
            return ConnectionReport.bad(STEP_TLS, Diagnosis.HOST_NOT_FOUND,
                    Msg.of("core.providers.diag.HOST_NOT_FOUND.2", authority, said), clock.instant());
        }
        if (code >= 500) {
            return ConnectionReport.bad(STEP_TLS, Diagnosis.PROXY_REFUSED_TUNNEL,
                    Msg.of("core.providers.diag.PROXY_REFUSED_TUNNEL.3", proxy.host(), String.valueOf(proxy.port()),
                            authority, said), clock.instant());
        }
        return ConnectionReport.bad(STEP_TLS, Diagnosis.PROXY_REFUSED_TUNNEL,
                Msg.of("core.providers.diag.PROXY_REFUSED_TUNNEL.4", proxy.host(), String.valueOf(proxy.port()),
                        authority, said, String.valueOf(port)), clock.instant());
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int state = 0;
        while (buf.size() < 16384) {
            int b = in.read();
            if (b < 0) {
                if (buf.size() == 0) {
                    throw new EOFException("no answer");
                }
                break;
            }
            buf.write(b);
            state = switch (state) {
                case 0 -> b == '\r' ? 1 : 0;
                case 1 -> b == '\n' ? 2 : (b == '\r' ? 1 : 0);
                case 2 -> b == '\r' ? 3 : 0;
                case 3 -> b == '\n' ? 4 : 0;
                default -> 0;
            };
            if (state == 4) {
                break;
            }
        }
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    private static ConnectionReport tlsFailure(IOException e, AtlasTls tls, AtlasConnectionConfig config,
            Clock clock) {
        Throwable c = e;
        while (c != null) {
            if (c instanceof CertPathValidatorException
                    || c.getClass().getName().endsWith("SunCertPathBuilderException")
                    || c.getClass().getName().endsWith("ValidatorException")) {
                return untrusted(tls, config, clock);
            }
            if (c instanceof CertificateException && String.valueOf(c.getMessage()).contains("No subject alternative")
                    || String.valueOf(c.getMessage()).contains("No name matching")) {
                return ConnectionReport.bad(STEP_TLS, Diagnosis.SERVER_NAME_MISMATCH,
                        Msg.of("core.providers.diag.SERVER_NAME_MISMATCH", config.host(),
                                c.getMessage()), clock.instant());
            }
            c = c.getCause() == c ? null : c.getCause();
        }
        if (AtlasClient.isNotTls(e)) { // before the alert words: plain HTTP is not a rejected client certificate
            return ConnectionReport.bad(STEP_TLS, Diagnosis.TLS_FAILED,
                    Msg.of("core.providers.diag.TLS_FAILED.3", config.host(), AtlasClient.notTls(config)),
                    clock.instant());
        }
        String msg = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        for (String alert : List.of("bad_certificate", "certificate_required", "certificate_expired",
                "certificate_revoked", "unknown_ca", "certificate_unknown", "access_denied", "handshake_failure",
                "unsupported_certificate", "decrypt_error")) {
            if (msg.contains(alert)) {
                return clientRejected(Msg.of("core.providers.what.alert", alert), config, clock);
            }
        }
        if (e instanceof SocketException || e instanceof EOFException || msg.contains("remote host terminated")
                || msg.contains("connection reset")) {
            return clientRejected(Msg.of("core.providers.what.closedDuring"), config, clock);
        }
        return ConnectionReport.bad(STEP_TLS, Diagnosis.TLS_FAILED,
                Msg.of("core.providers.diag.TLS_FAILED.3", config.host(), AtlasClient.describe(e)), clock.instant());
    }

    private static ConnectionReport untrusted(AtlasTls tls, AtlasConnectionConfig config, Clock clock) {
        X509Certificate[] chain = tls.lastServerChain();
        Msg issuer = Msg.of("core.providers.issuer.unknown");
        Object subject = config.host();
        if (chain != null && chain.length > 0) {
            X509Certificate top = chain[chain.length - 1];
            issuer = Msg.of("core.providers.quoted", top.getIssuerX500Principal().getName());
            subject = Msg.of("core.providers.quoted", chain[0].getSubjectX500Principal().getName());
        }
        return ConnectionReport.bad(STEP_TLS, Diagnosis.SERVER_CERT_UNTRUSTED,
                Msg.of("core.providers.diag.SERVER_CERT_UNTRUSTED", subject, issuer), clock.instant());
    }

    private static ConnectionReport clientRejected(Msg what, AtlasConnectionConfig config, Clock clock) {
        return clientRejected(what, config, clock, STEP_TLS);
    }

    private static ConnectionReport clientRejected(Msg what, AtlasConnectionConfig config, Clock clock,
            String step) {
        Msg hint;
        if (config.identity() == null) {
            hint = Msg.of("core.providers.hint.noClientCert");
        } else if (what.english().contains("certificate_expired")) {
            hint = Msg.of("core.providers.hint.certExpired");
        } else if (what.english().contains("unknown_ca")) {
            hint = Msg.of("core.providers.hint.unknownCa");
        } else {
            hint = Msg.of("core.providers.hint.refused");
        }
        return ConnectionReport.bad(step, Diagnosis.CLIENT_CERT_REJECTED,
                Msg.of("core.providers.diag.CLIENT_CERT_REJECTED", what, hint), clock.instant());
    }

    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    // ------------------------------------------------------------------ API steps

    private static ConnectionReport api(String step, AtlasApiException e, AtlasConnectionConfig config, Clock clock) {
        String desc = e.description() == null ? "" : e.description();
        Msg said = e.id() != null ? Msg.of("core.providers.said.server.id", desc, String.valueOf(e.id()))
                : Msg.of("core.providers.said.server", desc);
        return switch (e.status()) {
            case 401 -> {
                if (step.equals(STEP_LOGIN) && mentionsCertificateBinding(desc)) {
                    yield ConnectionReport.bad(step, Diagnosis.CLIENT_CERT_NOT_LINKED,
                            Msg.of("core.providers.diag.CLIENT_CERT_NOT_LINKED", said), clock.instant());
                }
                if (step.equals(STEP_LOGIN)) {
                    yield ConnectionReport.bad(step, Diagnosis.CREDENTIALS_REFUSED,
                            Msg.of("core.providers.diag.CREDENTIALS_REFUSED", said), clock.instant());
                }
                yield ConnectionReport.bad(step, Diagnosis.CREDENTIALS_REFUSED,
                        Msg.of("core.providers.diag.CREDENTIALS_REFUSED.2", said), clock.instant());
            }
            case 400, 403 -> {
                if (desc.toLowerCase(Locale.ROOT).contains("certificate")) {
                    // nginx-style "No required SSL certificate was sent": the TLS front end took no certificate
                    yield clientRejected(Msg.of("core.providers.what.serverSays", desc), config, clock, step);
                }
                yield ConnectionReport.bad(step, Diagnosis.API_ERROR,
                        Msg.of("core.providers.diag.API_ERROR", String.valueOf(e.status()), said), clock.instant());
            }
            case 429 -> ConnectionReport.bad(step, Diagnosis.RATE_LIMITED,
                    Msg.of("core.providers.diag.RATE_LIMITED", String.valueOf(config.maxRetries()),
                            said), clock.instant());
            case 503 -> ConnectionReport.bad(step, Diagnosis.SERVICE_BUSY,
                    Msg.of("core.providers.diag.SERVICE_BUSY", String.valueOf(config.maxRetries()),
                            said), clock.instant());
            case 407 -> proxyAuthRefused(step, config, clock);
            default -> ConnectionReport.bad(step, Diagnosis.API_ERROR,
                    Msg.of("core.providers.diag.API_ERROR", String.valueOf(e.status()), said), clock.instant());
        };
    }

    private static ConnectionReport proxyAuthRefused(String step, AtlasConnectionConfig config, Clock clock) {
        ProxySettings p = config.proxy();
        if (p != null && p.hasCredentials() && !ProxyTunnelAuth.basicAllowedForTunnels()) {
            return ConnectionReport.bad(step, Diagnosis.PROXY_AUTH_REFUSED,
                    Msg.of("core.providers.diag.PROXY_AUTH_REFUSED.3", ProxyTunnelAuth.PROPERTY), clock.instant());
        }
        return ConnectionReport.bad(step, Diagnosis.PROXY_AUTH_REFUSED,
                Msg.of("core.providers.diag.PROXY_AUTH_REFUSED.4"), clock.instant());
    }

    static boolean mentionsCertificateBinding(String description) {
        String d = description.toLowerCase(Locale.ROOT);
        return d.contains("certificate") || d.contains("serial") || d.contains("mtls") || d.contains("not linked")
                || d.contains("not bound");
    }

    private static ConnectionReport transport(String step, AtlasTransportException e, AtlasConnectionConfig config,
            Clock clock) {
        Throwable c = e.getCause();
        while (c != null) {
            if (c instanceof HttpConnectTimeoutException) {
                return ConnectionReport.bad(step, Diagnosis.CONNECT_TIMEOUT,
                        Msg.of("core.providers.diag.CONNECT_TIMEOUT.2",
                                String.valueOf(config.connectTimeout().toSeconds())), clock.instant());
            }
            if (c instanceof HttpTimeoutException) {
                return ConnectionReport.bad(step, Diagnosis.REQUEST_TIMEOUT,
                        Msg.of("core.providers.diag.REQUEST_TIMEOUT.2",
                                String.valueOf(config.requestTimeout().toSeconds())), clock.instant());
            }
            if (c instanceof UnknownHostException || c instanceof UnresolvedAddressException) {
                return ConnectionReport.bad(step, Diagnosis.HOST_NOT_FOUND,
                        Msg.of("core.providers.diag.HOST_NOT_FOUND.3"), clock.instant());
            }
            if (c instanceof ConnectException) {
                return ConnectionReport.bad(step, config.proxy() != null ? Diagnosis.PROXY_UNREACHABLE
                        : Diagnosis.CONNECTION_REFUSED,
                        Msg.of("core.providers.diag.CONNECTION_REFUSED.2"), clock.instant());
            }
            String m = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
            if (config.proxy() != null && (m.contains("authentication attempts") || m.contains("407")
                    || m.contains("tunnel failed, got: 401"))) {
                return proxyAuthRefused(step, config, clock);
            }
            c = c.getCause() == c ? null : c.getCause();
        }
        return ConnectionReport.bad(step, Diagnosis.API_ERROR,
                Msg.of("core.providers.diag.API_ERROR.2", e.getMessage()), clock.instant());
    }

}
