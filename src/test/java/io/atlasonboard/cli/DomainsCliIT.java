package io.atlasonboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atlasonboard.testing.SimProviderFixture;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.sim.SimClock;
import io.atlasonboard.sim.SimulatorConfig;
import io.atlasonboard.sim.ValidationPolicies;
import io.atlasonboard.testing.ProcessRun;

/**
 * {@code dns claim/status/verify} and {@code cert issue/list/revoke} run as the product jar against a simulator
 * started by the test (real mTLS on loopback); the provider is written into the store of the {@code --home} the CLI
 * uses. Files are checked with openssl.
 */
class DomainsCliIT {
    static final Pattern VALUE = Pattern.compile("Value:\\s+(\\S+)");
    static final Pattern SERIAL = Pattern.compile("Serial: ([0-9A-F]+)");

    @TempDir
    Path dir;

    SimProviderFixture fx;

    ProcessRun atlas(String... args) {
        List<String> all = new ArrayList<>(List.of("--home", fx.home.toString(), "--passphrase-file",
                fx.passphraseFile.toString()));
        all.addAll(List.of(args));
        return ProcessRun.atlas(all.toArray(String[]::new));
    }

    static List<String> values(String out) {
        List<String> v = new ArrayList<>();
        Matcher m = VALUE.matcher(out);
        while (m.find()) {
            v.add(m.group(1));
        }
        return v;
    }

    @Test
    void claimStatusVerifyIssueListRevoke() throws Exception {
        SimClock clock = new SimClock(Instant.now());
        fx = SimProviderFixture.start(SimulatorConfig.defaults().clock(clock), ValidationPolicies.tls(),
                IntendedUse.TLS, "sim", dir);
        try (SimProviderFixture f = fx) {
            fx.closeStore();

            // old.cli.test is claimed here too and left unpublished: its deadline passes at the end (fewer jar runs,
            // each of which unlocks the store with Argon2id)
            ProcessRun claim = atlas("dns", "claim", "--provider", "sim", "www.cli.test", "API.cli.test.",
                    "old.cli.test");
            assertThat(claim.exit).as(claim.toString()).isZero();
            assertThat(claim.out).contains("www.cli.test: claim ").contains("Host:     www.cli.test.")
                    .contains("Host:     api.cli.test.").contains("Host:     old.cli.test.").contains("Deadline: ")
                    .contains("(in 29 d");
            List<String> tokens = values(claim.out);
            assertThat(tokens).hasSize(3).allMatch(t -> t.startsWith("globalsign-domain-verification="))
                    .doesNotHaveDuplicates();
            assertThat(fx.account.claimIds()).hasSize(3);

            ProcessRun status = atlas("dns", "status", "--provider", "sim");
            assertThat(status.exit).as(status.toString()).isZero();
            assertThat(status.out).containsPattern("www\\.cli\\.test\\s+PENDING").containsPattern(
                    "api\\.cli\\.test\\s+PENDING");

            ProcessRun early = atlas("dns", "verify", "--provider", "sim", "www.cli.test", "--wait", "0");
            assertThat(early.exit).as(early.toString()).isEqualTo(1);
            assertThat(early.out).contains("www.cli.test: ERROR").contains("no TXT record found");

            fx.sim.sandboxZone().publish("www.cli.test", tokens.get(0));
            fx.sim.sandboxZone().publish("api.cli.test", tokens.get(1));
            ProcessRun verify = atlas("dns", "verify", "--provider", "sim", "www.cli.test", "api.cli.test",
                    "--wait", "10");
            assertThat(verify.exit).as(verify.toString()).isZero();
            assertThat(verify.out).contains("www.cli.test: VERIFIED").contains("api.cli.test: VERIFIED")
                    .contains("2 of 2 domain(s) verified");
            ProcessRun status2 = atlas("dns", "status", "--provider", "sim", "www.cli.test");
            assertThat(status2.out).containsPattern("www\\.cli\\.test\\s+VERIFIED").contains("SUCCESS");

            // issue with a key generated here
            Path kp = dir.resolve("key-pass.txt");
            Files.writeString(kp, "key-password-123\n");
            Path key = dir.resolve("www.key.pem");
            Path out = dir.resolve("www.pem");
            ProcessRun issue = atlas("cert", "issue", "--provider", "sim", "--cn", "www.cli.test", "--dns",
                    "api.cli.test", "--key-out", key.toString(), "--key-password-file", kp.toString(), "--out",
                    out.toString(), "--p12-out", dir.resolve("www.p12").toString(), "--p12-password-file",
                    kp.toString());
            assertThat(issue.exit).as(issue.toString()).isZero();
            Matcher sm = SERIAL.matcher(issue.out);
            assertThat(sm.find()).as(issue.out).isTrue();
            String serial = sm.group(1);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
            String pem = Files.readString(out);
            assertThat(pem.split("-----BEGIN CERTIFICATE-----", -1)).hasSize(4); // leaf, issuing CA, root
            String[] parts = pem.split("(?=-----BEGIN CERTIFICATE-----)");
            Path leaf = Files.writeString(dir.resolve("leaf.pem"), parts[0]);
            Path ca = Files.writeString(dir.resolve("ca.pem"), parts[1]);
            Path root = Files.writeString(dir.resolve("root.pem"), parts[2]);
            ProcessRun ver = ProcessRun.of("openssl", "verify", "-CAfile", root.toString(), "-untrusted",
                    ca.toString(), leaf.toString());
            assertThat(ver.exit).as(ver.toString()).isZero();
            ProcessRun text = ProcessRun.of("openssl", "x509", "-in", leaf.toString(), "-noout", "-serial", "-ext",
                    "subjectAltName");
            assertThat(text.out).contains("serial=" + serial).contains("DNS:www.cli.test").contains("DNS:api.cli.test");
            ProcessRun certKey = ProcessRun.of("openssl", "x509", "-in", leaf.toString(), "-noout", "-pubkey");
            ProcessRun privKey = ProcessRun.of("openssl", "pkey", "-in", key.toString(), "-passin",
                    "file:" + kp, "-pubout");
            assertThat(privKey.exit).as(privKey.toString()).isZero();
            assertThat(privKey.out).isEqualTo(certKey.out);

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("www.p12"))))
                    .isEqualTo("rw-------");
            ProcessRun p12 = ProcessRun.of("openssl", "pkcs12", "-in", dir.resolve("www.p12").toString(), "-info",
                    "-noout", "-passin", "file:" + kp);
            assertThat(p12.exit).as(p12.toString()).isZero();
            ProcessRun p12certs = ProcessRun.of("openssl", "pkcs12", "-in", dir.resolve("www.p12").toString(),
                    "-nokeys", "-passin", "file:" + kp);
            assertThat(p12certs.out.split("-----BEGIN CERTIFICATE-----", -1)).hasSize(4);

            // never overwrite without --force
            ProcessRun again = atlas("cert", "issue", "--provider", "sim", "--cn", "www.cli.test", "--key-out",
                    dir.resolve("other.key").toString(), "--key-password-file", kp.toString(), "--out",
                    out.toString());
            assertThat(again.exit).isEqualTo(1);
            assertThat(again.err).contains("already exists").contains("--force");

            // a CSR made by openssl
            Path csr = dir.resolve("api.csr");
            ProcessRun req = ProcessRun.of("openssl", "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout",
                    dir.resolve("api.key").toString(), "-subj", "/CN=api.cli.test", "-out", csr.toString());
            assertThat(req.exit).as(req.toString()).isZero();
            ProcessRun issueCsr = atlas("cert", "issue", "--provider", "sim", "--cn", "api.cli.test", "--csr",
                    csr.toString(), "--out", dir.resolve("api.pem").toString());
            assertThat(issueCsr.exit).as(issueCsr.toString()).isZero();
            ProcessRun match = ProcessRun.of("openssl", "x509", "-in", dir.resolve("api.pem").toString(), "-noout",
                    "-pubkey");
            ProcessRun csrKey = ProcessRun.of("openssl", "req", "-in", csr.toString(), "-noout", "-pubkey");
            assertThat(match.out).isEqualTo(csrKey.out);

            // a name without a verified claim: the API's 422 message is shown
            ProcessRun refused = atlas("cert", "issue", "--provider", "sim", "--cn", "www.cli.test", "--dns",
                    "other.example", "--csr", csr.toString(), "--out", dir.resolve("no.pem").toString());
            assertThat(refused.exit).isEqualTo(1);
            assertThat(refused.err).contains("HTTP 422")
                    .contains("san.dns_names: other.example is not covered by a verified domain claim");
            assertThat(dir.resolve("no.pem")).doesNotExist();

            ProcessRun list = atlas("cert", "list", "--provider", "sim");
            assertThat(list.exit).as(list.toString()).isZero();
            assertThat(list.out).containsPattern(serial + "\\s+ISSUED\\s+.*www\\.cli\\.test");

            ProcessRun revoke = atlas("cert", "revoke", "--provider", "sim", serial, "--reason", "superseded");
            assertThat(revoke.exit).as(revoke.toString()).isZero();
            assertThat(revoke.out).contains("Revoked certificate " + serial + " (CN www.cli.test")
                    .contains("reason superseded");
            ProcessRun twice = atlas("cert", "revoke", "--provider", "sim", serial, "--reason", "superseded");
            assertThat(twice.exit).isEqualTo(1);
            assertThat(twice.err).contains("409").contains("Cannot revoke a REVOKED certificate");
            ProcessRun list2 = atlas("cert", "list", "--provider", "sim");
            assertThat(list2.out).containsPattern(serial + "\\s+REVOKED");

            ProcessRun badReason = atlas("cert", "revoke", "--provider", "sim", serial, "--reason", "bored");
            assertThat(badReason.exit).isEqualTo(2);
            ProcessRun badDomain = atlas("dns", "claim", "--provider", "sim", "http://x y");
            assertThat(badDomain.exit).isEqualTo(2);
            ProcessRun noProvider = atlas("dns", "claim", "--provider", "nope", "x.cli.test");
            assertThat(noProvider.exit).isEqualTo(1);
            assertThat(noProvider.err).contains("There is no provider named 'nope'").contains("sim");

            // expired claim: 424 tells the user to reassert; --reassert gives a new token; then it verifies
            String oldToken = tokens.get(2);
            clock.advance(Duration.ofDays(31));
            ProcessRun expired = atlas("dns", "verify", "--provider", "sim", "old.cli.test", "--wait", "0");
            assertThat(expired.exit).isEqualTo(1);
            assertThat(expired.out).contains("Claim expired. Reassert first").contains("--reassert old.cli.test");
            ProcessRun re = atlas("dns", "claim", "--provider", "sim", "--reassert", "old.cli.test");
            assertThat(re.exit).as(re.toString()).isZero();
            assertThat(re.out).contains("new token replaces the old one");
            String newToken = values(re.out).get(0);
            assertThat(newToken).isNotEqualTo(oldToken);
            fx.sim.sandboxZone().publish("old.cli.test", newToken);
            ProcessRun ok = atlas("dns", "verify", "--provider", "sim", "old.cli.test", "--wait", "5");
            assertThat(ok.exit).as(ok.toString()).isZero();
        }
    }
}
