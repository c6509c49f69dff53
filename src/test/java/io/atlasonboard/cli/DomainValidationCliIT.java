package io.atlasonboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.sim.SimulatorConfig;
import io.atlasonboard.sim.ValidationPolicies;
import io.atlasonboard.testing.BindServer;
import io.atlasonboard.testing.ProcessRun;
import io.atlasonboard.testing.SimProviderFixture;

/**
 * Issue 9 from the command line (the product jar as a process): {@code dns preflight} against a real BIND (exit 0
 * when clear, 1 with the blocking CAA finding and the line to add), {@code dns claim/verify --auth-domain} through a
 * parent domain in the simulator, {@code dns status} with the re-validation date, {@code dns handoff} (HTML parsed,
 * plain text), and {@code cert rekey} (new serial, key matching the certificate, checked with openssl).
 */
class DomainValidationCliIT {
    static final Pattern NEW_SERIAL = Pattern.compile("New serial: ([0-9A-F]+)");
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

    @Test
    void preflightAuthDomainHandoffRekey() throws Exception {
        int port = BindServer.freePort("127.0.0.1");
        try (BindServer ns = BindServer.builder().address("127.0.0.1").port(port).zone("test").zone("ok.test")
                .zone("other.test").nameServer("ns1.ok.test", "127.0.0.1")
                .record("ok.test. 60 IN CAA 0 issue \"globalsign.com\"")
                .record("other.test. 60 IN CAA 0 issue \"letsencrypt.org\"").start()) {
            String[] dnsOpts = {"--resolver", ns.hostPort(), "--auth-port", Integer.toString(port), "--timeout-ms",
                    "1500", "--retries", "0"};
            List<String> clear = new ArrayList<>(List.of("dns", "preflight"));
            clear.addAll(List.of(dnsOpts));
            clear.add("www.ok.test");
            ProcessRun ok = ProcessRun.atlas(clear.toArray(String[]::new));
            assertThat(ok.exit).as(ok.toString()).isZero();
            assertThat(ok.out).contains("www.ok.test: OK CAA: GlobalSign may issue")
                    .contains("www.ok.test: OK DNSSEC: DNSSEC unsigned")
                    .contains("www.ok.test: OK DELEGATION: zone ok.test: all 1 name server addresses answer");
            List<String> blocked = new ArrayList<>(List.of("dns", "preflight"));
            blocked.addAll(List.of(dnsOpts));
            blocked.addAll(List.of("www.ok.test", "www.other.test"));
            ProcessRun no = ProcessRun.atlas(blocked.toArray(String[]::new));
            assertThat(no.exit).as(no.toString()).isEqualTo(1);
            assertThat(no.out).contains("www.other.test: BLOCKING CAA: GlobalSign may NOT issue: the record at "
                    + "other.test allows only letsencrypt.org (issue)")
                    .contains("  other.test. IN CAA 0 issue \"globalsign.com\"");
            assertThat(no.err).contains("1 finding(s) block issuance");

            fx = SimProviderFixture.start(SimulatorConfig.defaults(), ValidationPolicies.tls(), IntendedUse.TLS,
                    "sim", dir);
            try (SimProviderFixture f = fx) {
                fx.closeStore();
                ProcessRun claim = atlas("dns", "claim", "--provider", "sim", "--auth-domain", "example.test",
                        "www.example.test", "www.ok.test");
                assertThat(claim.exit).as(claim.toString()).isEqualTo(1); // www.ok.test has no such ADN
                assertThat(claim.out).contains("Authorization domains: www.example.test, example.test")
                        .contains("Authorization domain: example.test (one record there covers www.example.test)")
                        .contains("Host:     example.test.");
                assertThat(claim.err).contains("example.test is not an authorization domain of the claim for "
                        + "www.ok.test");
                Matcher v = Pattern.compile("Value:\\s+(\\S+)").matcher(claim.out);
                assertThat(v.find()).isTrue();
                fx.sim.sandboxZone().publish("example.test.", v.group(1));

                ProcessRun verify = atlas("dns", "verify", "--provider", "sim", "--auth-domain", "example.test",
                        "www.example.test", "--wait", "10");
                assertThat(verify.exit).as(verify.toString()).isZero();
                assertThat(verify.out).contains("www.example.test: VERIFIED");
                ProcessRun status = atlas("dns", "status", "--provider", "sim", "www.example.test");
                assertThat(status.exit).as(status.toString()).isZero();
                assertThat(status.out).containsPattern("www\\.example\\.test\\s+VERIFIED")
                        .contains("last verified ").contains("re-validation due ").contains("(reuse period now ");

                Path html = dir.resolve("sheet.html");
                ProcessRun handoff = atlas("dns", "handoff", "--provider", "sim", "www.ok.test", "--out",
                        html.toString(), "--text", "-", "--bootstrap", ns.hostPort(), "--auth-port",
                        Integer.toString(port), "--timeout-ms", "1500", "--retries", "0");
                assertThat(handoff.exit).as(handoff.toString()).isZero();
                String dig = "dig @127.0.0.1 -p " + port + " www.ok.test. TXT +short   # ns1.ok.test";
                assertThat(handoff.out).contains("   Name:  www.ok.test.").contains(dig).contains("Please answer with:");
                DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
                Document doc = dbf.newDocumentBuilder().parse(html.toFile());
                String page = doc.getDocumentElement().getTextContent();
                assertThat(page).contains("www.ok.test.").contains(dig).contains("globalsign-domain-verification=");

                Path kp = Files.writeString(dir.resolve("kp.txt"), "key-password-123\n");
                ProcessRun issue = atlas("cert", "issue", "--provider", "sim", "--cn", "www.example.test", "--dns",
                        "www.example.test", "--key-out", dir.resolve("k1.pem").toString(), "--key-password-file",
                        kp.toString(), "--out", dir.resolve("c1.pem").toString());
                assertThat(issue.exit).as(issue.toString()).isZero();
                Matcher sm = SERIAL.matcher(issue.out);
                assertThat(sm.find()).isTrue();
                String oldSerial = sm.group(1);
                Path k2 = dir.resolve("k2.pem");
                Path c2 = dir.resolve("c2.pem");
                ProcessRun rekey = atlas("cert", "rekey", "--provider", "sim", oldSerial, "--key-out", k2.toString(),
                        "--key-password-file", kp.toString(), "--out", c2.toString());
                assertThat(rekey.exit).as(rekey.toString()).isZero();
                Matcher nm = NEW_SERIAL.matcher(rekey.out);
                assertThat(nm.find()).as(rekey.out).isTrue();
                assertThat(nm.group(1)).isNotEqualTo(oldSerial);
                ProcessRun certKey = ProcessRun.of("openssl", "x509", "-in", c2.toString(), "-noout", "-pubkey");
                ProcessRun privKey = ProcessRun.of("openssl", "pkey", "-in", k2.toString(), "-passin", "file:" + kp,
                        "-pubout");
                assertThat(privKey.exit).as(privKey.toString()).isZero();
                assertThat(privKey.out).isEqualTo(certKey.out);
                ProcessRun oldKey = ProcessRun.of("openssl", "x509", "-in", dir.resolve("c1.pem").toString(),
                        "-noout", "-pubkey");
                assertThat(oldKey.out).isNotEqualTo(certKey.out);
                ProcessRun subj = ProcessRun.of("openssl", "x509", "-in", c2.toString(), "-noout", "-serial", "-ext",
                        "subjectAltName");
                assertThat(subj.out).contains("serial=" + nm.group(1)).contains("DNS:www.example.test");
            }
        }
    }
}
