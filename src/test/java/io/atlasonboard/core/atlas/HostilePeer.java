package io.atlasonboard.core.atlas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * A misbehaving API server on loopback, one behaviour per instance: real sockets (TLS with the fixture's server
 * certificate where the case needs TLS), so the client meets exactly what a hostile or broken peer sends.
 */
final class HostilePeer implements AutoCloseable {
    enum Mode {
        /** TCP accepted, nothing ever sent (not even a TLS handshake). */
        ACCEPT_AND_SILENCE(false),
        /** Random bytes instead of TLS. */
        GARBAGE(false),
        /** A plain HTTP server behind the https URL (answers 400 to anything, as nginx does to a ClientHello). */
        PLAIN_HTTP(false),
        /** TLS, then 200 with a chunked body that never ends. */
        ENDLESS_BODY(true),
        /** TLS, then 200 announcing 100 kB and sending one byte every 200 ms. */
        SLOW_BODY(true),
        /** TLS, then 429 with Retry-After: 3600 on every request. */
        RETRY_AFTER_HUGE(true),
        /** TLS, then 500 on every request. */
        ERROR_500_FOREVER(true),
        /** Not hostile by itself: TLS, a token for /login, and {@link #answer} (status 200) for anything else. */
        SCRIPTED(true);

        final boolean tls;

        Mode(boolean tls) {
            this.tls = tls;
        }
    }

    private final Mode mode;
    private final ServerSocket server;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;
    /** The body SCRIPTED answers with. */
    volatile byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);

    HostilePeer(Mode mode, AtlasFixture fx) throws Exception {
        this.mode = mode;
        InetAddress lo = InetAddress.getLoopbackAddress();
        if (mode.tls) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pw = "peer".toCharArray();
            ks.setKeyEntry("server", fx.serverKey.getPrivate(), pw,
                    new Certificate[] {fx.serverCert, fx.serverCa.cert()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            SSLServerSocket s = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 50, lo);
            s.setWantClientAuth(true);
            server = s;
        } else {
            server = new ServerSocket(0, 50, lo);
        }
        acceptor = new Thread(this::acceptLoop, "hostile-" + mode);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "https://localhost:" + server.getLocalPort() + "/v2";
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                open.add(s);
                Thread t = new Thread(() -> serve(s), "hostile-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            switch (mode) {
                case ACCEPT_AND_SILENCE -> sleepUntilClosed(s);
                case GARBAGE -> {
                    byte[] junk = new byte[512];
                    new Random(7).nextBytes(junk);
                    junk[0] = 0x7f; // never a TLS record type
                    out.write(junk);
                    out.flush();
                    sleepUntilClosed(s);
                }
                case PLAIN_HTTP -> {
                    // like nginx on a plain port: whatever arrives (a TLS ClientHello too) gets a 400 at once
                    if (in.read(new byte[4096]) < 0) {
                        return;
                    }
                    out.write(("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n"
                            + "Connection: close\r\n\r\nbad request").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                case ENDLESS_BODY -> {
                    readHead(in);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    byte[] chunk = ("4000\r\n" + "[".repeat(0x4000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                    while (!closed) {
                        out.write(chunk);
                    }
                }
                case SLOW_BODY -> {
                    readHead(in);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    while (!closed) {
                        out.write(' ');
                        out.flush();
                        Thread.sleep(200);
                    }
                }
                case RETRY_AFTER_HUGE -> answerForever(in, out, "429 Too Many Requests", "Retry-After: 3600\r\n");
                case ERROR_500_FOREVER -> answerForever(in, out, "500 Internal Server Error", "");
                case SCRIPTED -> {
                    String line;
                    while (!closed && (line = readRequest(in)) != null) {
                        byte[] body = line.contains("/login") ? "{\"access_token\":\"fuzz-token\"}"
                                .getBytes(StandardCharsets.US_ASCII) : answer;
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nLocation: /v2/x/ABC123\r\n"
                                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body);
                        out.flush();
                    }
                }
                default -> throw new IllegalStateException();
            }
        } catch (IOException | InterruptedException e) {
            // the client went away: that is the point
        } finally {
            open.remove(s);
        }
    }

    private void answerForever(InputStream in, OutputStream out, String status, String extra) throws IOException {
        String body = "{\"description\":\"no\"}";
        while (!closed && readHead(in)) {
            out.write(("HTTP/1.1 " + status + "\r\nContent-Type: application/problem+json\r\n" + extra
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    private static boolean readHead(InputStream in) throws IOException {
        return readRequest(in) != null;
    }

    /** Reads a request head and its Content-Length body; returns the request line, null at end of stream. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            state = (b == '\r' || b == '\n') ? state + 1 : 0;
            if (state == 4) {
                break;
            }
            if (head.size() > 65536) {
                return null;
            }
        }
        if (b < 0) {
            return null;
        }
        String[] lines = head.toString(StandardCharsets.US_ASCII).split("\r\n");
        for (String line : lines) {
            if (line.toLowerCase().startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(line.substring(15).trim()));
            }
        }
        return lines[0];
    }

    private void sleepUntilClosed(Socket s) throws InterruptedException {
        while (!closed && !s.isClosed()) {
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
