package io.atlasonboard.sim;

import io.atlasonboard.core.providers.ConnectionListener;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atlasonboard.core.pki.CsrRequest;
import io.atlasonboard.core.pki.Csrs;
import io.atlasonboard.core.pki.Pkcs12;
import io.atlasonboard.core.pki.Pkcs12Profile;
import io.atlasonboard.core.providers.ConnectionReport;
import io.atlasonboard.core.providers.ProviderService;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.ProviderSecrets;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.core.tasks.ProgressSink;

/**
 * Issue 7's resume at the core level: a sandbox provider saved against a persistent sandbox (credentials from the
 * sandbox, mTLS certificate from its portal role, PKCS#12 from the product's own code) tests Good after the sandbox
 * restarts on its port; when the port is taken, the sandbox moves, the stored provider follows it through the
 * provider service, and it tests Good again without any step redone.
 */
class SandboxResumeProviderTest {
    static final String PASSPHRASE = "resume the sandbox 4 correct horse";

    @TempDir
    Path tmp;

    @Test
    void aStoredSandboxProviderTestsGoodAfterARestartAndFollowsAMovedPort() throws Exception {
        Path data = tmp.resolve("sandbox");
        char[] p12Password = "resume-p12-pw".toCharArray();
        long providerId;
        int firstPort;
        try (Store store = Store.create(tmp.resolve("home"), PASSPHRASE.toCharArray())) {
            try (Sandbox sb = Sandbox.open(data)) {
                firstPort = sb.simulator().port();
                Sandbox.Credentials creds = sb.createCredentials();
                KeyPair kp = Csrs.generateKey(2048);
                String csr = Csrs.toPem(Csrs.create(kp, new CsrRequest("resume.atlas.test", "DE", "Resume Org",
                        List.of())));
                X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                        new ByteArrayInputStream(sb.issueMtlsCertificate(creds.apiKey(), csr)
                                .getBytes(StandardCharsets.US_ASCII)));
                byte[] p12 = Pkcs12.write(kp.getPrivate(), List.of(cert), p12Password.clone(), "atlas-client",
                        Pkcs12Profile.MODERN);
                ProviderRecord rec = ProviderRecord.builder().name(Sandbox.PROVIDER_NAME).apiUrl(sb.baseUrl())
                        .intendedUse(IntendedUse.TLS).apiKey(creds.apiKey()).keystore(p12)
                        .keystoreFileName("client.p12").extraTrustPem(sb.serverCaPem()).sandbox(true).build();
                try (ProviderSecrets s = ProviderSecrets.of(creds.apiSecret().toCharArray(), p12Password.clone(),
                        null)) {
                    providerId = store.providers().save(rec, s).id();
                }
                assertThat(new ProviderService(store.providers()).test(providerId, ProgressSink.NONE,
                        ConnectionListener.NONE).good())
                        .isTrue();
            }

            ProviderService service = new ProviderService(store.providers());
            // restarted: same port, the stored provider works as it is
            try (Sandbox again = Sandbox.open(data)) {
                assertThat(again.simulator().port()).isEqualTo(firstPort);
                ConnectionReport r = service.test(providerId, ProgressSink.NONE, ConnectionListener.NONE);
                assertThat(r.good()).as(r.toText()).isTrue();
            }

            // port taken: the sandbox moves, the provider follows and tests Good
            try (ServerSocket squatter = new ServerSocket()) {
                squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), firstPort));
                try (Sandbox moved = Sandbox.open(data)) {
                    Sandbox.BaseUrlChange change = moved.baseUrlChange().orElseThrow();
                    ConnectionReport before = service.test(providerId, ProgressSink.NONE, ConnectionListener.NONE);
                    assertThat(before.good()).as("still pointing at the old port").isFalse();
                    List<ProviderRecord> followed = service.followMovedSandbox(change.from(), change.to());
                    assertThat(followed).extracting(ProviderRecord::id).containsExactly(providerId);
                    assertThat(store.providers().get(providerId).apiUrl()).isEqualTo(moved.baseUrl());
                    ConnectionReport after = service.test(providerId, ProgressSink.NONE, ConnectionListener.NONE);
                    assertThat(after.good()).as(after.toText()).isTrue();
                    // nothing else moves: a second call finds no provider at the old URL
                    assertThat(service.followMovedSandbox(change.from(), change.to())).isEmpty();
                }
            }
        }
    }
}
