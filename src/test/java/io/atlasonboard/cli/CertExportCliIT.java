package io.atlasonboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.claims.ClaimService;
import io.atlasonboard.core.claims.VerifyResult;
import io.atlasonboard.core.issuance.IssuanceService;
import io.atlasonboard.core.issuance.IssueRequest;
import io.atlasonboard.core.issuance.IssuedCertificate;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.sim.SimulatorConfig;
import io.atlasonboard.sim.ValidationPolicies;
import io.atlasonboard.testing.ProcessRun;
import io.atlasonboard.testing.Secrets;
import io.atlasonboard.testing.SimProviderFixture;

/**
 * The jar as a user runs it: {@code provider test} prints each check as it starts and passes, {@code cert export}
 * writes a certificate issued earlier (key kept in the store) as PEM chain and PKCS#12 that openssl opens, and refuses
 * a short keystore password naming its option.
 */
class CertExportCliIT {
    @TempDir
    Path dir;

    @Test
    void providerTestPrintsTheChecksAndCertExportWritesPemAndPkcs12() throws Exception {
        try (SimProviderFixture fx = SimProviderFixture.start(SimulatorConfig.defaults(), ValidationPolicies.tls(),
                IntendedUse.TLS, "sim", dir)) {
            IssuedCertificate issued;
            try (AtlasClient client = fx.client(2, null)) {
                ClaimService claims = new ClaimService(fx.store(), fx.provider, client);
                var c = claims.claim("www.export-cli.test").claim();
                fx.sim.sandboxZone().publish(c.domain(), c.token());
                assertThat(claims.verify(List.of("www.export-cli.test"), null, null).get("www.export-cli.test")
                        .state()).isEqualTo(VerifyResult.State.VERIFIED);
                issued = new IssuanceService(fx.store(), fx.provider, client)
                        .pickup(Duration.ofSeconds(30), Duration.ofMillis(50))
                        .issue(IssueRequest.of("www.export-cli.test", List.of(), List.of()), null);
            }
            fx.closeStore();

            ProcessRun test = atlas(fx, "provider", "test", "sim");
            assertThat(test.exit).as(test.toString()).isZero();
            assertThat(test.out).contains("Connection Status: Good");
            assertThat(test.err).containsSubsequence("... Local checks: ", "    passed: Local checks",
                    "... TLS handshake: TLS handshake with 127.0.0.1:", "    passed: TLS handshake",
                    "... Login: ", "    passed: Login", "... Validation policy: ", "    passed: Validation policy",
                    "... Issuance quota: ", "    passed: Issuance quota");

            Path pw = Files.writeString(dir.resolve("p12-pass.txt"), "p12-export-pass-9\n");
            Path shortPw = Files.writeString(dir.resolve("short-pass.txt"), "short\n");
            Path pem = dir.resolve("out.pem");
            Path p12 = dir.resolve("out.p12");
            ProcessRun refused = atlas(fx, "cert", "export", "--provider", "sim", issued.serial(), "--p12-out",
                    p12.toString(), "--p12-password-file", shortPw.toString());
            assertThat(refused.exit).as(refused.toString()).isNotZero();
            assertThat(refused.err).contains("--p12-password-file: Enter a keystore password of at least 8");
            assertThat(p12).doesNotExist();

            ProcessRun export = atlas(fx, "cert", "export", "--provider", "sim", issued.serial().toLowerCase(),
                    "--out", pem.toString(), "--p12-out", p12.toString(), "--p12-password-file", pw.toString());
            assertThat(export.exit).as(export.toString()).isZero();
            assertThat(export.out).contains("Certificate and chain (PEM): " + pem, "PKCS#12: " + p12);
            Secrets.assertAbsent(export.out + export.err, "cert export output", "p12-export-pass-9");
            assertThat(Files.readString(pem)).isEqualTo(issued.pemWithChain());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p12))).isEqualTo("rw-------");
            ProcessRun info = ProcessRun.of("openssl", "pkcs12", "-in", p12.toString(), "-passin", "file:" + pw,
                    "-nokeys");
            assertThat(info.exit).as(info.err).isZero();
            assertThat(info.out.split("-----BEGIN CERTIFICATE-----", -1)).hasSize(4);
            Path key = dir.resolve("key.pem");
            ProcessRun keyOut = ProcessRun.of("openssl", "pkcs12", "-in", p12.toString(), "-passin", "file:" + pw,
                    "-nocerts", "-nodes", "-out", key.toString());
            assertThat(keyOut.exit).as(keyOut.err).isZero();
            ProcessRun keyPub = ProcessRun.of("openssl", "pkey", "-in", key.toString(), "-pubout");
            ProcessRun certPub = ProcessRun.of("openssl", "x509", "-in", pem.toString(), "-noout", "-pubkey");
            assertThat(keyPub.out).startsWith("-----BEGIN PUBLIC KEY-----").isEqualTo(certPub.out);

            ProcessRun again = atlas(fx, "cert", "export", "--provider", "sim", issued.serial(), "--out",
                    pem.toString());
            assertThat(again.exit).isNotZero();
            assertThat(again.err).contains("already exists");
            ProcessRun unknown = atlas(fx, "cert", "export", "--provider", "sim", "0A0B0C", "--out",
                    dir.resolve("none.pem").toString());
            assertThat(unknown.exit).isNotZero();
            assertThat(unknown.err).contains("No certificate 0A0B0C is stored for provider 'sim'");
        }
    }

    private static ProcessRun atlas(SimProviderFixture fx, String... args) {
        List<String> all = new ArrayList<>(List.of("--home", fx.home.toString(), "--passphrase-file",
                fx.passphraseFile.toString()));
        all.addAll(List.of(args));
        return ProcessRun.atlas(all.toArray(String[]::new));
    }
}
