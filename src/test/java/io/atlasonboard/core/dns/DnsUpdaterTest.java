package io.atlasonboard.core.dns;

import io.atlasonboard.testing.Secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Base64;
import java.util.List;

import io.atlasonboard.testing.BindServer;
import io.atlasonboard.testing.ProcessRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFC 2136 updates with TSIG against a real BIND whose key comes from a real {@code tsig-keygen}. */
class DnsUpdaterTest {

    static final String TOKEN = "globalsign-domain-verification=2044275D87CE4115047E08E9B4076586";
    static BindServer bind;
    static TsigKey key;
    static String keyFileText;
    static final BindServer.Key READ_ONLY = BindServer.Key.generate("read-only", "hmac-sha256");

    @BeforeAll
    static void start() {
        ProcessRun gen = ProcessRun.of("tsig-keygen", "-a", "hmac-sha512", "atlas-update");
        assertThat(gen.exit).as("tsig-keygen (install bind9-utils; .ci/run does): " + gen.err).isZero();
        keyFileText = gen.out;
        key = TsigKeyFile.parse(keyFileText);
        assertThat(key.name()).isEqualTo("atlas-update");
        assertThat(key.algorithm()).isEqualTo("hmac-sha512");
        bind = BindServer.builder().address("127.0.0.1").zone("upd.test")
                .key(new BindServer.Key(key.name(), key.algorithm(), Base64.getEncoder().encodeToString(key.secret())))
                .knownKeyWithoutUpdateRights(READ_ONLY).start();
    }

    @AfterAll
    static void stop() {
        if (bind != null) {
            bind.stop();
        }
    }

    ResolverSpec server() {
        return ResolverSpec.parse(bind.hostPort());
    }

    List<String> dig(String name) {
        ProcessRun d = ProcessRun.of("dig", "+short", "+norec", "+time=2", "+tries=1", "-p",
                Integer.toString(bind.port()), "@" + bind.address(), name, "TXT");
        assertThat(d.exit).as(d.toString()).isZero();
        return d.out.lines().filter(l -> !l.isBlank()).sorted().toList();
    }

    PropagationReport check(String name, String value) {
        return PropagationChecker.builder().bootstrap(server()).authoritativePort(bind.port())
                .timeout(Duration.ofSeconds(1)).build().check(name, value, List.of());
    }

    @Test
    void publishesAndRemovesOnlyThatValue() throws Exception {
        String name = "www.upd.test";
        bind.setTxt(name, "v=spf1 -all");
        DnsUpdater u = new DnsUpdater(Duration.ofSeconds(3), 0);

        DnsUpdater.Result r = u.publishTxt(server(), null, name, TOKEN, 300, key);
        assertThat(r.zone()).isEqualTo("upd.test.");
        assertThat(r.name()).isEqualTo("www.upd.test.");
        assertThat(dig(name)).containsExactly("\"" + TOKEN + "\"", "\"v=spf1 -all\"");
        assertThat(check(name, TOKEN).allSee()).isTrue();

        // publishing the same value again is harmless (no duplicate)
        u.publishTxt(server(), "upd.test", name, TOKEN, 300, key);
        assertThat(dig(name)).hasSize(2);

        DnsUpdater.Result rm = u.removeTxt(server(), null, name, TOKEN, key);
        assertThat(rm.removed()).isTrue();
        assertThat(dig(name)).containsExactly("\"v=spf1 -all\"");
        PropagationReport after = check(name, TOKEN);
        assertThat(after.seen()).isZero();
        assertThat(after.results().get(0).outcome()).isEqualTo(CheckOutcome.NOT_FOUND);
    }

    @Test
    void publishesAtTheApexAndLongValuesAsSeveralStrings() throws Exception {
        String longValue = "globalsign-domain-verification=" + "A1b2\\C3d4".repeat(40); // 391 chars, a backslash
        DnsUpdater u = new DnsUpdater();
        u.publishTxt(server(), null, "upd.test.", longValue, 60, key);
        List<String> seen = dig("upd.test");
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)).startsWith("\"globalsign-domain-verification=").contains("\" \""); // two strings
        PropagationReport r = check("upd.test", longValue);
        assertThat(r.allSee()).as(r.describe()).isTrue();
        u.removeTxt(server(), null, "upd.test", longValue, key);
        assertThat(dig("upd.test")).isEmpty();
    }

    @Test
    void wrongSecretIsRefusedWithAClearMessageWithoutTheSecret() {
        byte[] wrong = new byte[64];
        wrong[0] = 7;
        TsigKey bad = new TsigKey(key.name(), key.algorithm(), wrong);
        DnsUpdateException e = catchThrowableOfType(DnsUpdateException.class,
                () -> new DnsUpdater().publishTxt(server(), "upd.test", "bad.upd.test", TOKEN, 300, bad));
        assertThat(e.reason()).isEqualTo(DnsUpdateException.Reason.TSIG_REFUSED);
        assertThat(e.getMessage()).contains("the DNS server refused the TSIG key 'atlas-update'").contains("BADSIG");
        Secrets.assertAbsent(e.getMessage(), "DnsUpdateException message", Base64.getEncoder().encodeToString(wrong),
                Base64.getEncoder().encodeToString(key.secret()));
        assertThat(dig("bad.upd.test")).isEmpty();
    }

    @Test
    void unknownKeyNameIsRefused() {
        TsigKey other = new TsigKey("someone-else", "hmac-sha256", new byte[32]);
        DnsUpdateException e = catchThrowableOfType(DnsUpdateException.class,
                () -> new DnsUpdater().publishTxt(server(), "upd.test", "bad.upd.test", TOKEN, 300, other));
        assertThat(e.reason()).isEqualTo(DnsUpdateException.Reason.TSIG_REFUSED);
        assertThat(e.getMessage()).contains("refused the TSIG key 'someone-else'").contains("BADKEY");
    }

    @Test
    void keyWithoutUpdateRightsIsRefused() {
        TsigKey ro = TsigKeyFile.parse(READ_ONLY.keyFileText());
        DnsUpdateException e = catchThrowableOfType(DnsUpdateException.class,
                () -> new DnsUpdater().publishTxt(server(), null, "ro.upd.test", TOKEN, 300, ro));
        assertThat(e.reason()).isEqualTo(DnsUpdateException.Reason.REFUSED);
        assertThat(e.getMessage()).contains("updates not allowed for this zone/key").contains("'read-only'");
        Secrets.assertAbsent(e.getMessage(), "DnsUpdateException message", READ_ONLY.secretBase64());
        assertThat(dig("ro.upd.test")).isEmpty();
    }

    @Test
    void zoneTheServerDoesNotServeIsReported() {
        DnsUpdateException e = catchThrowableOfType(DnsUpdateException.class,
                () -> new DnsUpdater().publishTxt(server(), "elsewhere.test", "x.elsewhere.test", TOKEN, 300, key));
        assertThat(e.reason()).isEqualTo(DnsUpdateException.Reason.NOT_AUTHORITATIVE);
        assertThat(e.getMessage()).contains("not authoritative for the zone elsewhere.test.");

        DnsUpdateException nz = catchThrowableOfType(DnsUpdateException.class,
                () -> new DnsUpdater().publishTxt(server(), "upd.test", "x.other.test", TOKEN, 300, key));
        assertThat(nz.reason()).isEqualTo(DnsUpdateException.Reason.NOTZONE);
        assertThat(nz.getMessage()).contains("NOTZONE");

        DnsUpdateException nf = catchThrowableOfType(DnsUpdateException.class,
                () -> new DnsUpdater().publishTxt(server(), null, "x.elsewhere.test", TOKEN, 300, key));
        assertThat(nf.reason()).isEqualTo(DnsUpdateException.Reason.ZONE_NOT_FOUND);
    }

    @Test
    void silentServerTimesOut() {
        int port = BindServer.freePort("127.0.0.5");
        try (BindServer.Blackhole hole = new BindServer.Blackhole("127.0.0.5", port)) {
            DnsUpdateException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> catchThrowableOfType(
                    DnsUpdateException.class, () -> new DnsUpdater(Duration.ofMillis(600), 0)
                            .publishTxt(ResolverSpec.parse("127.0.0.5:" + port), "upd.test", "t.upd.test", TOKEN, 60,
                                    key)));
            assertThat(e.reason()).isEqualTo(DnsUpdateException.Reason.TIMEOUT);
            assertThat(e.getMessage()).contains("no answer from 127.0.0.5:" + port);
        }
    }
}
