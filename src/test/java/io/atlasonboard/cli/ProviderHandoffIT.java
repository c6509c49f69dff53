package io.atlasonboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonParser;

import io.atlasonboard.core.pki.CsrRequest;
import io.atlasonboard.core.pki.Csrs;
import io.atlasonboard.core.pki.Pkcs12;
import io.atlasonboard.core.pki.Pkcs12Profile;
import io.atlasonboard.core.pki.PkiInputs;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.core.store.ProviderSecrets;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.sim.SimulatorConfig;
import io.atlasonboard.sim.ValidationPolicies;
import io.atlasonboard.testing.ProcessRun;
import io.atlasonboard.testing.Secrets;
import io.atlasonboard.testing.SimProviderFixture;

/**
 * {@code provider export}, {@code provider list} (mTLS expiry), {@code provider renew-mtls} and {@code provider log}
 * run as the product jar against a provider stored for the real simulator.
 */
class ProviderHandoffIT {
    @TempDir
    Path dir;

    @Test
    void exportListRenewAndLogFromTheCommandLine() throws Exception {
        try (SimProviderFixture fx = SimProviderFixture.start(SimulatorConfig.defaults(), ValidationPolicies.tls(),
                IntendedUse.TLS, "GS Handoff", dir)) {
            Store store = fx.store();
            long id = fx.provider.id();
            String apiSecret = new String(store.providers().apiSecret(id));
            // an mTLS certificate that expires in 20 days
            KeyPair key = Csrs.generateKey(2048);
            String csr = Csrs.toPem(Csrs.create(key, new CsrRequest("handoff.test", "DE", "Handoff Org", List.of())));
            var cert = PkiInputs.parse(fx.sim.issueMtlsCertificate(fx.account.apiKey(), csr, Duration.ofDays(20))
                    .getBytes(StandardCharsets.US_ASCII)).certificates().get(0);
            char[] pw = "handoff-ks-pass".toCharArray();
            try (ProviderSecrets s = store.providers().secrets(id);
                 ProviderSecrets next = ProviderSecrets.of(s.apiSecret(), pw, null)) {
                store.providers().update(store.providers().get(id).toBuilder().keystore(Pkcs12.write(key.getPrivate(),
                        List.of(cert), pw.clone(), "mtls", Pkcs12Profile.MODERN)).build(), next);
            }
            fx.closeStore();
            List<String> all = new ArrayList<>();

            // export: hvclient bundle, refused again without --force, replaced with it
            Path out = dir.resolve("hvclient-bundle");
            ProcessRun ex = atlas(fx, all, "provider", "export", "GS Handoff", "--format", "hvclient", "--out",
                    out.toString());
            assertThat(ex.exit).as(ex.toString()).isZero();
            assertThat(ex.out).contains("hvclient.json").contains("SECRET").contains("Checked: key.pem decrypts");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rwx------");
            assertThat(JsonParser.parseString(Files.readString(out.resolve("hvclient.json"))).getAsJsonObject()
                    .get("url").getAsString()).isEqualTo(fx.provider.apiUrl());
            ProcessRun again = atlas(fx, all, "provider", "export", "GS Handoff", "--format", "hvclient", "--out",
                    out.toString());
            assertThat(again.exit).as(again.toString()).isEqualTo(1);
            assertThat(again.err).contains("already holds").contains("--force");
            ProcessRun forced = atlas(fx, all, "provider", "export", "GS Handoff", "--format", "hvclient", "--out",
                    out.toString(), "--force");
            assertThat(forced.exit).as(forced.toString()).isZero();
            ProcessRun badFormat = atlas(fx, all, "provider", "export", "GS Handoff", "--format", "pkcs99", "--out",
                    dir.resolve("x").toString());
            assertThat(badFormat.exit).isEqualTo(1);
            assertThat(badFormat.err).contains("Unknown export format 'pkcs99'");

            // list: expiry, days left, red warning
            ProcessRun list = atlas(fx, all, "provider", "list");
            assertThat(list.exit).as(list.toString()).isZero();
            assertThat(list.out).contains("MTLS UNTIL").containsPattern("GS Handoff.*\\s(19|20) RED\\s")
                    .contains("Warning: The mTLS certificate of 'GS Handoff' expires on");

            // renewal: start, refuse a certificate for another key, complete with the portal's certificate
            Path renewCsr = dir.resolve("renew.csr");
            ProcessRun start = atlas(fx, all, "provider", "renew-mtls", "GS Handoff", "--csr-out", renewCsr.toString());
            assertThat(start.exit).as(start.toString()).isZero();
            assertThat(start.out).contains("Renewal started").contains("Atlas portal");
            KeyPair other = Csrs.generateKey(2048);
            Path otherCert = write(dir.resolve("other.pem"), fx.sim.issueMtlsCertificate(fx.account.apiKey(),
                    Csrs.toPem(Csrs.create(other, new CsrRequest("handoff.test", "DE", "Handoff Org", List.of()))),
                    Duration.ofDays(365)));
            ProcessRun refused = atlas(fx, all, "provider", "renew-mtls", "GS Handoff", "--cert", otherCert.toString());
            assertThat(refused.exit).as(refused.toString()).isEqualTo(1);
            assertThat(refused.err).contains("does not belong to the renewal's new key");
            String issued = fx.sim.issueMtlsCertificate(fx.account.apiKey(), Files.readString(renewCsr),
                    Duration.ofDays(365));
            var fresh = PkiInputs.parse(issued.getBytes(StandardCharsets.US_ASCII)).certificates().get(0);
            Path freshFile = write(dir.resolve("fresh.pem"), issued);
            ProcessRun done = atlas(fx, all, "provider", "renew-mtls", "GS Handoff", "--cert", freshFile.toString());
            assertThat(done.exit).as(done.toString()).isZero();
            assertThat(done.out).contains("Switched 'GS Handoff' to the new mTLS certificate, serial "
                    + fresh.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT))
                    .contains("Connection Status: Good");
            ProcessRun list2 = atlas(fx, all, "provider", "list");
            assertThat(list2.out).doesNotContain("Warning:").doesNotContain(" RED ");

            // audit log: the calls of the renewal test and the connection tests, as CSV, without secrets
            ProcessRun log = atlas(fx, all, "provider", "log", "GS Handoff", "--since", "1h", "--csv");
            assertThat(log.exit).as(log.toString()).isZero();
            assertThat(log.out).startsWith("time,method,path,status,duration_ms,problem_id,transport_error")
                    .contains(",POST,/login,200,").contains(",GET,/validationpolicy,200,");
            ProcessRun table = atlas(fx, all, "provider", "log", "GS Handoff");
            assertThat(table.out).contains("METHOD").contains("/quotas/issuance");
            Secrets.assertAbsent(String.join("\n", all), "command output", apiSecret, "handoff-ks-pass");
        }
    }

    private static ProcessRun atlas(SimProviderFixture fx, List<String> all, String... args) {
        List<String> a = new ArrayList<>(List.of("--home", fx.home.toString(), "--passphrase-file",
                fx.passphraseFile.toString()));
        a.addAll(List.of(args));
        ProcessRun r = ProcessRun.atlas(a.toArray(String[]::new));
        all.add(r.out);
        all.add(r.err);
        return r;
    }

    private static Path write(Path p, String text) throws Exception {
        Files.writeString(p, text);
        return p;
    }
}
