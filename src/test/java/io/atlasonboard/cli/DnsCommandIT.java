package io.atlasonboard.cli;

import io.atlasonboard.testing.Secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.claims.ClaimService;
import io.atlasonboard.testing.SimProviderFixture;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.sim.SimulatorConfig;
import io.atlasonboard.sim.ValidationPolicies;
import io.atlasonboard.testing.BindServer;
import io.atlasonboard.testing.ProcessRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dns check} and {@code dns publish} run as the product jar against two real BIND name servers: with the value
 * given on the command line, and with {@code --provider} taking it from the provider's claim in the {@code --home}
 * store (simulator started by the test, resolving claims through the same BIND).
 */
class DnsCommandIT {

    static final String TOKEN = "globalsign-domain-verification=2044275D87CE4115047E08E9B4076586";
    static BindServer ns1;
    static BindServer ns2;
    static int port;
    static BindServer.Key key = BindServer.Key.generate("atlas-cli", "hmac-sha256");

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        port = BindServer.freePort("127.0.0.1", "127.0.0.2");
        ns1 = BindServer.builder().address("127.0.0.1").port(port).key(key).zone("cli.test")
                .nameServer("ns1.cli.test", "127.0.0.1").nameServer("ns2.cli.test", "127.0.0.2").start();
        ns2 = ns1.twinOn("127.0.0.2");
    }

    @AfterAll
    static void stop() {
        if (ns2 != null) {
            ns2.stop();
        }
        if (ns1 != null) {
            ns1.stop();
        }
    }

    ProcessRun check(String domain, String... extra) {
        String[] base = {"dns", "check", domain, "--expect", TOKEN, "--bootstrap", ns1.hostPort(),
                "--auth-port", Integer.toString(port), "--timeout-ms", "700"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return ProcessRun.atlas(all);
    }

    @Test
    void checkPrintsPerServerResultsAndExitsZeroOnlyWhenAllSeeIt() {
        String name = "www.cli.test";
        ProcessRun r0 = check(name);
        assertThat(r0.exit).as(r0.toString()).isEqualTo(1);
        assertThat(r0.out).contains("ns1.cli.test. (127.0.0.1:" + port + "): NOT FOUND")
                .contains("ns2.cli.test. (127.0.0.2:" + port + "): NOT FOUND").contains("0/2");
        assertThat(r0.err).contains("only 0 of 2 servers see the record");

        ns1.setTxt(name, TOKEN);
        ProcessRun r1 = check(name, "--server", "127.0.0.2:" + port);
        assertThat(r1.exit).as(r1.toString()).isEqualTo(1);
        assertThat(r1.out).contains("ns1.cli.test. (127.0.0.1:" + port + "): FOUND")
                .contains("resolver      127.0.0.2:" + port + ": NOT FOUND").contains("1/3");

        ns2.setTxt(name, "globalsign-domain-verification=FFFF");
        ProcessRun wrong = check(name);
        assertThat(wrong.exit).isEqualTo(1);
        assertThat(wrong.out).contains("ns2.cli.test. (127.0.0.2:" + port + "): WRONG VALUE")
                .contains("globalsign-domain-verification=FFFF");

        ns2.setTxt(name, TOKEN);
        ProcessRun r2 = check(name, "--server", "127.0.0.2:" + port);
        assertThat(r2.exit).as(r2.toString()).isZero();
        assertThat(r2.out).contains("3/3: 3 of 3 servers see the record");
    }

    @Test
    void manyNamesInOneRunEachGetTheirOwnReport() {
        List<String> args = new ArrayList<>(List.of("dns", "check"));
        for (int i = 0; i < 30; i++) {
            String n = "m" + i + ".cli.test";
            args.add(n);
            if (i != 17) {
                ns1.setTxt(n, TOKEN);
                ns2.setTxt(n, TOKEN);
            } else {
                ns1.setTxt(n, TOKEN); // ns2 has not got this one
            }
        }
        args.addAll(List.of("--expect", TOKEN, "--bootstrap", ns1.hostPort(), "--auth-port", Integer.toString(port),
                "--timeout-ms", "700"));
        ProcessRun r = ProcessRun.atlas(args.toArray(String[]::new));
        assertThat(r.exit).as(r.toString()).isEqualTo(1);
        assertThat(r.out).contains("TXT m0.cli.test.\n").contains("TXT m29.cli.test.\n")
                .contains("29 of 30 names are seen by every server");
        assertThat(r.out.split("2/2: 2 of 2 servers see the record", -1)).hasSize(30);
        assertThat(r.out).contains("TXT m17.cli.test.\nzone cli.test.\n");
        assertThat(r.err).contains("1 of 30 names are not seen by every server: m17.cli.test.");

        ns2.setTxt("m17.cli.test", TOKEN);
        ProcessRun ok = ProcessRun.atlas(args.toArray(String[]::new));
        assertThat(ok.exit).as(ok.toString()).isZero();
        assertThat(ok.out).contains("30 of 30 names are seen by every server");
    }

    @Test
    void deadResolverIsAnErrorLine() {
        ns1.setTxt("dead.cli.test", TOKEN);
        ns2.setTxt("dead.cli.test", TOKEN);
        int deadPort = BindServer.freePort("127.0.0.1");
        ProcessRun r = check("dead.cli.test", "--server", "127.0.0.1:" + deadPort);
        assertThat(r.exit).as(r.toString()).isEqualTo(1);
        assertThat(r.out).contains("127.0.0.1:" + deadPort + ": ERROR").contains("2/3");
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        ProcessRun noExpect = ProcessRun.atlas("dns", "check", "x.cli.test");
        assertThat(noExpect.exit).as(noExpect.toString()).isEqualTo(2);
        assertThat(noExpect.err).contains("--expect").contains("--provider");
        ProcessRun noValue = ProcessRun.atlas("dns", "publish", "x.cli.test", "--server", ns1.hostPort(),
                "--tsig-key", key.writeTo(tmp.resolve("k.key")).toString());
        assertThat(noValue.exit).as(noValue.toString()).isEqualTo(2);
        assertThat(noValue.err).contains("--value").contains("--provider");
        ProcessRun badServer = ProcessRun.atlas("dns", "check", "x.cli.test", "--expect", "v", "--server", "h:notaport");
        assertThat(badServer.exit).isEqualTo(2);
        ProcessRun both = ProcessRun.atlas("dns", "check", "x.cli.test", "--expect", "v", "--provider", "p");
        assertThat(both.exit).as(both.toString()).isEqualTo(2);
        assertThat(both.err).contains("--expect and --provider exclude each other");
    }

    /** A command that needs a store refuses a data folder without one, and does not create one. */
    @Test
    void providerOnAFolderWithoutAStoreSaysRunProviderAdd() {
        Path empty = tmp.resolve("empty-home");
        ProcessRun r = ProcessRun.atlas("--home", empty.toString(), "dns", "check", "x.cli.test", "--provider", "p");
        assertThat(r.exit).as(r.toString()).isEqualTo(1);
        assertThat(r.err).contains("There is no store in " + empty).contains("provider add");
        assertThat(Store.exists(empty)).isFalse();
    }

    /**
     * {@code --provider}: the value comes from the provider's stored claim and the provider's configured resolvers
     * are asked too; publish takes the same value; a domain without a claim says to run {@code dns claim}. (One jar
     * run per behaviour: each opens the store, which costs an Argon2id derivation.)
     */
    @Test
    void providerClaimGivesTheValueAndTheResolvers() throws Exception {
        Path keyFile = key.writeTo(tmp.resolve("atlas-cli.key"));
        String name = "prov.cli.test";
        String token;
        SimProviderFixture fx = SimProviderFixture.start(SimulatorConfig.defaults().dnsServer(ns1.hostPort()),
                ValidationPolicies.tls(), IntendedUse.TLS, "sim", tmp);
        try (fx) {
            try (AtlasClient c = fx.client(0, null)) {
                token = new ClaimService(fx.store(), fx.provider, c).claim(name).claim().token();
            }
            fx.store().dnsSettings().setResolvers(fx.provider.id(), List.of("127.0.0.2:" + port));
            fx.closeStore();
            assertThat(token).startsWith("globalsign-domain-verification=");
            String resolverLine = "resolver      127.0.0.2:" + port + ": ";

            ProcessRun pub = providerRun(fx, "dns", "publish", "--provider", "sim", name, "--server", ns1.hostPort(),
                    "--tsig-key", keyFile.toString());
            assertThat(pub.exit).as(pub.toString()).isZero();
            assertThat(pub.out).contains("Published TXT prov.cli.test.")
                    .contains("Confirmed: 127.0.0.1:" + port + " answers the value");
            ProcessRun dig = ProcessRun.of("dig", "+short", "+norec", "-p", Integer.toString(port), "@127.0.0.1",
                    name, "TXT");
            assertThat(dig.out.strip()).isEqualTo("\"" + token + "\"");

            ns2.setTxt(name, token);
            ProcessRun after = providerCheck(fx, name, "--server", "127.0.0.1:" + port);
            assertThat(after.exit).as(after.toString()).isZero();
            assertThat(after.out).contains(resolverLine + "FOUND").contains("resolver      127.0.0.1:" + port
                    + ": FOUND").contains("4/4: 4 of 4 servers see the record");

            ProcessRun noClaim = providerCheck(fx, "none.cli.test");
            assertThat(noClaim.exit).as(noClaim.toString()).isEqualTo(1);
            assertThat(noClaim.err).contains("Provider 'sim' has no claim for none.cli.test")
                    .contains("dns claim --provider sim none.cli.test");
        }
    }

    private ProcessRun providerCheck(SimProviderFixture fx, String domain, String... extra) {
        List<String> a = new ArrayList<>(List.of("dns", "check", "--provider", "sim", domain, "--bootstrap",
                ns1.hostPort(), "--auth-port", Integer.toString(port), "--timeout-ms", "700"));
        a.addAll(List.of(extra));
        return providerRun(fx, a.toArray(String[]::new));
    }

    private static ProcessRun providerRun(SimProviderFixture fx, String... args) {
        List<String> all = new ArrayList<>(List.of("--home", fx.home.toString(), "--passphrase-file",
                fx.passphraseFile.toString()));
        all.addAll(List.of(args));
        return ProcessRun.atlas(all.toArray(String[]::new));
    }

    @Test
    void publishAndRemoveWithTsig() throws Exception {
        Path keyFile = key.writeTo(tmp.resolve("atlas-cli.key"));
        String name = "pub.cli.test";
        ns1.setTxt(name, "keep=me");
        ProcessRun pub = ProcessRun.atlas("dns", "publish", name, "--value", TOKEN, "--server", ns1.hostPort(),
                "--tsig-key", keyFile.toString());
        assertThat(pub.exit).as(pub.toString()).isZero();
        assertThat(pub.out).contains("Published TXT pub.cli.test.").contains("in zone cli.test.")
                .contains("Confirmed: 127.0.0.1:" + port + " answers the value");

        ProcessRun dig = ProcessRun.of("dig", "+short", "+norec", "-p", Integer.toString(port), "@127.0.0.1", name,
                "TXT");
        assertThat(dig.out.lines().sorted().toList()).containsExactly("\"" + TOKEN + "\"", "\"keep=me\"");

        ProcessRun rm = ProcessRun.atlas("dns", "publish", name, "--value", TOKEN, "--server", ns1.hostPort(),
                "--tsig-key", keyFile.toString(), "--zone", "cli.test", "--remove");
        assertThat(rm.exit).as(rm.toString()).isZero();
        assertThat(rm.out).contains("Removed TXT pub.cli.test.");
        ProcessRun dig2 = ProcessRun.of("dig", "+short", "+norec", "-p", Integer.toString(port), "@127.0.0.1", name,
                "TXT");
        assertThat(dig2.out.strip()).isEqualTo("\"keep=me\"");
    }

    @Test
    void wrongTsigKeyIsRefusedClearly() throws Exception {
        BindServer.Key wrong = BindServer.Key.generate("atlas-cli", "hmac-sha256");
        Path keyFile = wrong.writeTo(tmp.resolve("wrong.key"));
        ProcessRun r = ProcessRun.atlas("dns", "publish", "bad.cli.test", "--value", TOKEN, "--server",
                ns1.hostPort(), "--tsig-key", keyFile.toString());
        assertThat(r.exit).as("exit").isEqualTo(1);
        assertThat(r.err).contains("Error: the DNS server refused the TSIG key 'atlas-cli'");
        Secrets.assertAbsent(r.out + r.err, "CLI output of dns publish with a wrong TSIG key", wrong.secretBase64(),
                key.secretBase64());

        Files.writeString(tmp.resolve("garbage.key"), "not a key");
        ProcessRun g = ProcessRun.atlas("dns", "publish", "bad.cli.test", "--value", TOKEN, "--server",
                ns1.hostPort(), "--tsig-key", tmp.resolve("garbage.key").toString());
        assertThat(g.exit).isEqualTo(1);
        assertThat(g.err).contains("no TSIG key found");
    }
}
