package io.atlasonboard.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real tinyproxy (Debian's {@code /usr/bin/tinyproxy}) on a free loopback port, run in the foreground as a child
 * process with its own config: {@code Listen 127.0.0.1}, {@code Allow 127.0.0.1}, optional {@code BasicAuth}. Without
 * {@code ConnectPort} lines tinyproxy allows CONNECT to every port. The log (LogLevel Connect) shows every CONNECT,
 * so tests can prove their traffic went through the proxy. Fails (never skips) when tinyproxy is missing.
 */
public final class TinyProxy implements AutoCloseable {
    public static final String BINARY = "/usr/bin/tinyproxy";

    private final Process process;
    private final int port;
    private final Path dir;
    private final Path log;

    private TinyProxy(Process process, int port, Path dir, Path log) {
        this.process = process;
        this.port = port;
        this.dir = dir;
        this.log = log;
    }

    /** Without authentication. */
    public static TinyProxy start() {
        return start(null, null);
    }

    /** With {@code BasicAuth user password} when {@code user} is not null. */
    public static TinyProxy start(String user, String password) {
        if (!Files.isExecutable(Path.of(BINARY))) {
            throw new AssertionError(BINARY + " is missing: install Debian's tinyproxy-bin (apt-get install -y "
                    + "tinyproxy-bin); the proxy tests need a real proxy");
        }
        try {
            Path dir = Files.createTempDirectory("tinyproxy");
            Path log = dir.resolve("tinyproxy.log");
            int port = freePort();
            StringBuilder conf = new StringBuilder()
                    .append("Port ").append(port).append('\n')
                    .append("Listen 127.0.0.1\n")
                    .append("Allow 127.0.0.1\n")
                    .append("Timeout 60\n")
                    .append("MaxClients 50\n")
                    .append("LogLevel Connect\n")
                    .append("LogFile \"").append(log).append("\"\n");
            if (user != null) {
                conf.append("BasicAuth ").append(user).append(' ').append(password).append('\n');
            }
            Path confFile = dir.resolve("tinyproxy.conf");
            Files.writeString(confFile, conf);
            Process p = new ProcessBuilder(BINARY, "-d", "-c", confFile.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.txt").toFile())
                    .start();
            TinyProxy proxy = new TinyProxy(p, port, dir, log);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    throw new AssertionError("tinyproxy exited with " + p.exitValue() + ": "
                            + Files.readString(dir.resolve("stdout.txt")));
                }
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return proxy;
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
            proxy.close();
            throw new AssertionError("tinyproxy did not listen on 127.0.0.1:" + port + " within 10 s");
        } catch (IOException e) {
            throw new AssertionError("could not start tinyproxy", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** The proxy's log so far (CONNECT lines name each tunnel's target). */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        TempDirs.deleteQuietly(dir);
    }
}
