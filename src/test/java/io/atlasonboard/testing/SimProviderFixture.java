package io.atlasonboard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.core.providers.ProviderClients;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import com.google.gson.JsonObject;

import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.issuance.IssuanceService;
import io.atlasonboard.core.claims.VerifyResult;
import io.atlasonboard.core.claims.ClaimService;
import io.atlasonboard.core.atlas.AtlasConnectionConfig;
import io.atlasonboard.core.pki.CsrRequest;
import io.atlasonboard.core.pki.Csrs;
import io.atlasonboard.core.pki.Pkcs12;
import io.atlasonboard.core.pki.Pkcs12Profile;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.ProviderSecrets;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.sim.AtlasSimulator;
import io.atlasonboard.sim.SimAccount;
import io.atlasonboard.sim.SimulatorConfig;

/**
 * A real simulator (HTTPS + mTLS on loopback), an account on it, and a store in a temp home holding a provider for
 * that account (keystore from an mTLS certificate the simulator issued for a locally made CSR). Used by the service
 * tests and by the CLI integration tests (which run the jar against the same home).
 */
public final class SimProviderFixture implements AutoCloseable {
    public static final String PASSPHRASE = "correct horse battery staple 42";
    private static final char[] P12_PASSWORD = "p12-pass-for-tests".toCharArray();
    private static KeyPair clientKey;

    public final AtlasSimulator sim;
    public final SimAccount account;
    public final Path home;
    public final Path passphraseFile;
    public final ProviderRecord provider;
    private Store store;

    private SimProviderFixture(AtlasSimulator sim, SimAccount account, Path home, Path passphraseFile,
            ProviderRecord provider, Store store) {
        this.sim = sim;
        this.account = account;
        this.home = home;
        this.passphraseFile = passphraseFile;
        this.provider = provider;
        this.store = store;
    }

    static synchronized KeyPair clientKey() {
        if (clientKey == null) {
            clientKey = Csrs.generateKey(2048);
        }
        return clientKey;
    }

    /** Starts the simulator, creates an account with {@code policy} and a store with provider {@code name}. */
    public static SimProviderFixture start(SimulatorConfig config, JsonObject policy, IntendedUse use, String name,
            Path dir) throws Exception {
        AtlasSimulator sim = AtlasSimulator.start(config);
        try {
            SimAccount acc = sim.createAccount(policy, 1000);
            KeyPair kp = clientKey();
            String csr = Csrs.toPem(Csrs.create(kp, new CsrRequest("client.atlas.test", "DE", "Test Org",
                    List.of())));
            String certPem = sim.issueMtlsCertificate(acc.apiKey(), csr, Duration.ofDays(400));
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certPem.getBytes(StandardCharsets.US_ASCII)));
            byte[] p12 = Pkcs12.write(kp.getPrivate(), List.of(cert), P12_PASSWORD.clone(), "atlas-client",
                    Pkcs12Profile.MODERN);
            Path home = dir.resolve("home");
            Path pass = dir.resolve("passphrase.txt");
            Files.writeString(pass, PASSPHRASE + "\n");
            Store store = Store.create(home, PASSPHRASE.toCharArray());
            ProviderRecord rec = ProviderRecord.builder().name(name).apiUrl(sim.baseUrl()).intendedUse(use)
                    .apiKey(acc.apiKey()).keystore(p12).keystoreFileName("client.p12")
                    .extraTrustPem(sim.serverCaPem()).sandbox(true).build();
            ProviderRecord saved;
            try (ProviderSecrets s = ProviderSecrets.of(acc.apiSecret().toCharArray(), P12_PASSWORD.clone(), null)) {
                saved = store.providers().save(rec, s);
            }
            return new SimProviderFixture(sim, acc, home, pass, saved, store);
        } catch (Exception | Error e) {
            sim.close();
            throw e;
        }
    }

    public Store store() {
        if (store == null) {
            store = Store.open(home, PASSPHRASE.toCharArray());
        }
        return store;
    }

    /** Closes the store so that another process (the CLI) can open it. */
    public void closeStore() {
        if (store != null) {
            store.close();
            store = null;
        }
    }

    /** A client for the provider with fast retries (the given number) unless customised further. */
    public AtlasClient client(int maxRetries, Consumer<AtlasConnectionConfig.Builder> more) {
        return ProviderClients.open(store(), provider, b -> {
            b.maxRetries(maxRetries).initialBackoff(Duration.ofMillis(5)).sleeper(d -> Thread.sleep(Math.min(
                    d.toMillis(), 20)));
            if (more != null) {
                more.accept(b);
            }
        });
    }


    /** Claims {@code domain}, publishes its token in the sandbox zone and verifies it; fails unless VERIFIED. */
    public void verifyDomain(AtlasClient client, String domain) {
        ClaimService claims = new ClaimService(store(),
                provider, client);
        var c = claims.claim(domain).claim();
        sim.sandboxZone().publish(c.domain(), c.token());
        assertThat(claims.verify(List.of(domain), null, null).get(domain).state())
                .as("claim for " + domain).isEqualTo(VerifyResult.State.VERIFIED);
    }

    /** An issuance service for tests: short pickup polls and backoff sleeps (at most 20 ms each). */
    public IssuanceService issuance(AtlasClient client) {
        return new IssuanceService(store(), provider, client)
                .sleeper(d -> Thread.sleep(Math.min(d.toMillis(), 20)))
                .pickup(Duration.ofSeconds(30), Duration.ofMillis(50));
    }
    @Override
    public void close() {
        closeStore();
        sim.close();
    }
}
