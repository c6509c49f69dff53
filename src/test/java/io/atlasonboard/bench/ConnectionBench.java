package io.atlasonboard.bench;

import io.atlasonboard.core.providers.ConnectionListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.atlasonboard.core.atlas.AtlasConnectionConfig;
import io.atlasonboard.core.providers.ConnectionReport;
import io.atlasonboard.core.providers.ConnectionTester;
import io.atlasonboard.core.tasks.ProgressSink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole connection test (local checks, TLS handshake step, login, policy, quota) against the running sandbox
 * that bench/run started; its URL, keystore and credentials come in as system properties {@code bench.*}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ConnectionBench {

    private AtlasConnectionConfig config;
    private String apiKey;
    private char[] apiSecret;

    @Setup
    public void setup() throws Exception {
        byte[] p12 = Files.readAllBytes(Path.of(System.getProperty("bench.p12")));
        char[] p12pw = firstLine(System.getProperty("bench.p12pw")).toCharArray();
        X509Certificate ca;
        try (var in = Files.newInputStream(Path.of(System.getProperty("bench.ca")))) {
            ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        config = AtlasConnectionConfig.builder(System.getProperty("bench.url")).pkcs12(p12, p12pw)
                .trust(List.of(ca)).build();
        apiKey = System.getProperty("bench.key");
        apiSecret = firstLine(System.getProperty("bench.secret")).toCharArray();
        ConnectionReport r = test();
        if (!r.good()) {
            throw new IllegalStateException("the sandbox connection test is not good: " + r.toText());
        }
    }

    private static String firstLine(String file) throws IOException {
        return Files.readAllLines(Path.of(file)).get(0);
    }

    @Benchmark
    public ConnectionReport test() {
        return ConnectionTester.test(config, apiKey, apiSecret.clone(), ProgressSink.NONE, ConnectionListener.NONE);
    }
}
