package io.atlasonboard.core.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.atlasonboard.core.dns.CaaLookup;
import io.atlasonboard.core.dns.DelegationCheck;
import io.atlasonboard.core.dns.DnsAsk;
import io.atlasonboard.core.dns.DnssecCheck;
import io.atlasonboard.core.dns.ResolverSpec;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.testing.BindServer;

/**
 * Preflight verdicts against real BIND servers on loopback: {@code auth} serves zones with CAA records (allowing
 * globalsign.com, only another CA, issuewild only, a CAA on the parent, a CNAME to a name with CAA, none, issuemail),
 * a DNSSEC-signed zone and the same zone with broken signatures; {@code lame} serves a zone whose NS set names a
 * server that does not serve it and an address where nothing answers; {@code resolver} is a validating BIND with
 * trust anchors for the signed zones, forwarding {@code test.} to {@code auth} and {@code lame.test.} to {@code lame}.
 */
class PreflightBindTest {
    static BindServer auth;
    static BindServer lame;
    static BindServer resolver;
    static int port;

    @BeforeAll
    static void start() {
        port = BindServer.freePort("127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4");
        String signedZone = """
                $TTL 60
                %1$s IN SOA ns1.ok.test. hostmaster.%1$s 1 60 60 600 30
                %1$s IN NS ns1.ok.test.
                %1$s IN CAA 0 issue "globalsign.com"
                www.%1$s IN A 127.0.0.9
                """;
        BindServer.SignedZone good = BindServer.signZone("dnssec.test", signedZone.formatted("dnssec.test."));
        BindServer.SignedZone bad = BindServer.signZone("bogus.test", signedZone.formatted("bogus.test."));
        auth = BindServer.builder().address("127.0.0.1").port(port)
                .zone("test").zone("ok.test").zone("other.test").zone("wild.test").zone("parent.test")
                .zone("cname.test").zone("none.test").zone("mail.test")
                .nameServer("ns1.ok.test", "127.0.0.1")
                .record("ok.test. 60 IN CAA 0 issue \"globalsign.com\"")
                .record("ok.test. 60 IN CAA 0 iodef \"mailto:security@ok.test\"")
                .record("www.ok.test. 60 IN A 127.0.0.10")
                .record("cdn.ok.test. 60 IN CAA 0 issue \"sectigo.com\"")
                .record("other.test. 60 IN CAA 0 issue \"letsencrypt.org\"")
                .record("wild.test. 60 IN CAA 0 issuewild \"letsencrypt.org\"")
                .record("parent.test. 60 IN CAA 0 issue \"digicert.com\"")
                .record("www.parent.test. 60 IN A 127.0.0.11")
                .record("www.cname.test. 60 IN CNAME cdn.ok.test.")
                .record("mail.test. 60 IN CAA 0 issue \"globalsign.com\"")
                .record("mail.test. 60 IN CAA 0 issuemail \"otherca.example\"")
                .zoneText("dnssec.test", good.signedText())
                .zoneText("bogus.test", bad.brokenText())
                .start();
        lame = BindServer.builder().address("127.0.0.2").port(port).zone("lame.test")
                .nameServer("ns1.lame.test", "127.0.0.2")
                .nameServer("ns2.lame.test", "127.0.0.1")   // auth: does not serve lame.test
                .nameServer("ns3.lame.test", "127.0.0.4")   // nothing listens there
                .start();
        resolver = BindServer.builder().address("127.0.0.3").port(port)
                .forwardZone("test", auth.hostPort()).forwardZone("lame.test", lame.hostPort())
                .trustAnchor("dnssec.test", good.dnskey()).trustAnchor("bogus.test", bad.dnskey())
                .start();
    }

    @AfterAll
    static void stop() {
        for (BindServer b : new BindServer[] {resolver, lame, auth}) {
            if (b != null) {
                b.close();
            }
        }
    }

    static DnsAsk via(BindServer b) {
        return new DnsAsk(List.of(new ResolverSpec(b.address(), b.port())), Duration.ofMillis(1500), 0);
    }

    static CaaLookup.Verdict caa(String name, CaaLookup.Kind kind) {
        return new CaaLookup(via(resolver)).find(name).evaluate("globalsign.com", kind);
    }

    @Test
    void caaAllowingGlobalSign() {
        CaaLookup.Verdict v = caa("www.ok.test", CaaLookup.Kind.SERVER);
        assertThat(v.mayIssue()).as(v.reason()).isTrue();
        assertThat(v.owner()).isEqualTo("ok.test"); // climbed from www.ok.test (no CAA there)
        assertThat(v.allowed()).containsExactly("globalsign.com");
    }

    @Test
    void caaAllowingOnlyAnotherCa() {
        CaaLookup.Verdict v = caa("other.test", CaaLookup.Kind.SERVER);
        assertThat(v.mayIssue()).isFalse();
        assertThat(v.unknown()).isFalse();
        assertThat(v.reason()).isEqualTo("the record at other.test allows only letsencrypt.org (issue)");
        assertThat(CaaLookup.lineToAdd(v.owner(), "globalsign.com", CaaLookup.Kind.SERVER))
                .isEqualTo("other.test. IN CAA 0 issue \"globalsign.com\"");
    }

    @Test
    void issuewildOnlyRestrictsWildcardsNotPlainNames() {
        CaaLookup.Verdict plain = caa("www.wild.test", CaaLookup.Kind.SERVER);
        assertThat(plain.mayIssue()).as(plain.reason()).isTrue();
        CaaLookup.Verdict wild = caa("*.wild.test", CaaLookup.Kind.WILDCARD);
        assertThat(wild.mayIssue()).isFalse();
        assertThat(wild.reason()).contains("allows only letsencrypt.org (issuewild)");
    }

    @Test
    void caaOnTheParentApplies() {
        CaaLookup.RecordSet set = new CaaLookup(via(resolver)).find("shop.www.parent.test");
        assertThat(set.owner()).isEqualTo("parent.test");
        assertThat(set.path()).containsExactly("shop.www.parent.test", "www.parent.test", "parent.test");
        assertThat(set.evaluate("globalsign.com", CaaLookup.Kind.SERVER).mayIssue()).isFalse();
    }

    @Test
    void cnameIsFollowedToTheTargetsCaa() {
        CaaLookup.RecordSet set = new CaaLookup(via(resolver)).find("www.cname.test");
        assertThat(set.owner()).isEqualTo("cdn.ok.test");
        assertThat(set.path()).contains("www.cname.test -> CNAME cdn.ok.test");
        CaaLookup.Verdict v = set.evaluate("globalsign.com", CaaLookup.Kind.SERVER);
        assertThat(v.mayIssue()).isFalse();
        assertThat(v.reason()).contains("allows only sectigo.com");
    }

    @Test
    void noCaaAnywhere() {
        CaaLookup.Verdict v = caa("www.none.test", CaaLookup.Kind.SERVER);
        assertThat(v.mayIssue()).isTrue();
        assertThat(v.owner()).isNull();
        assertThat(v.reason()).contains("no CAA record at www.none.test or any parent domain");
    }

    @Test
    void issuemailDecidesForSmimeOnly() {
        assertThat(caa("mail.test", CaaLookup.Kind.SERVER).mayIssue()).isTrue();
        CaaLookup.Verdict v = caa("mail.test", CaaLookup.Kind.EMAIL);
        assertThat(v.mayIssue()).isFalse();
        assertThat(v.reason()).contains("allows only otherca.example (issuemail)");
    }

    @Test
    void dnssecVerdicts() {
        DnssecCheck validating = new DnssecCheck(via(resolver));
        assertThat(validating.check("www.ok.test").state()).isEqualTo(DnssecCheck.State.UNSIGNED);
        DnssecCheck.Result good = validating.check("www.dnssec.test");
        assertThat(good.state()).as(good.detail()).isEqualTo(DnssecCheck.State.SIGNED_VALID);
        DnssecCheck.Result bogus = validating.check("www.bogus.test");
        assertThat(bogus.state()).as(bogus.detail()).isEqualTo(DnssecCheck.State.BOGUS);
        assertThat(bogus.detail()).contains("SERVFAIL").contains("checking disabled");
        // the authoritative server itself does not validate: signatures seen, no AD
        assertThat(new DnssecCheck(via(auth)).check("www.dnssec.test").state())
                .isEqualTo(DnssecCheck.State.SIGNED_NOT_VALIDATED);
    }

    @Test
    void delegationNamesLameAndUnreachableServers() {
        DelegationCheck.Report r = new DelegationCheck(via(resolver), port).check("www.lame.test");
        assertThat(r.problem()).isNull();
        assertThat(r.zone()).isEqualTo("lame.test");
        assertThat(r.healthy()).isFalse();
        assertThat(r.servers()).extracting(DelegationCheck.Server::host, DelegationCheck.Server::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ns1.lame.test", DelegationCheck.State.OK),
                        org.assertj.core.groups.Tuple.tuple("ns2.lame.test", DelegationCheck.State.LAME),
                        org.assertj.core.groups.Tuple.tuple("ns3.lame.test", DelegationCheck.State.UNREACHABLE));
        DelegationCheck.Report ok = new DelegationCheck(via(resolver), port).check("www.ok.test");
        assertThat(ok.healthy()).as(ok.toString()).isTrue();
    }

    @Test
    void preflightReportOneFindingPerLineAndBlockingOnlyWhenSomethingBlocks() {
        Preflight.Builder b = Preflight.builder()
                .resolvers(List.of(new ResolverSpec(resolver.address(), resolver.port())))
                .timeout(Duration.ofMillis(1500)).retries(0).authoritativePort(port);
        PreflightReport clear = b.build().run(List.of("www.ok.test", "www.dnssec.test"));
        assertThat(clear.blocking()).as(clear.describe()).isFalse();
        assertThat(clear.describe()).contains("www.ok.test: OK CAA: GlobalSign may issue")
                .contains("www.dnssec.test: OK DNSSEC: DNSSEC signed and valid");

        PreflightReport blocked = b.build().run(List.of("other.test", "www.bogus.test", "*.wild.test",
                "www.lame.test"));
        assertThat(blocked.blocking()).isTrue();
        String text = blocked.describe();
        assertThat(text.lines()).allMatch(l -> l.matches("^[^:]+: (OK|NOTE|WARNING|BLOCKING) [A-Z]+: .*"));
        assertThat(text).contains("other.test: BLOCKING CAA: GlobalSign may NOT issue: the record at other.test "
                + "allows only letsencrypt.org (issue); fix: other.test. IN CAA 0 issue \"globalsign.com\"");
        assertThat(text).contains("www.bogus.test: BLOCKING DNSSEC: DNSSEC bogus");
        assertThat(text).contains("*.wild.test: BLOCKING CAA: GlobalSign may NOT issue")
                .contains("wild.test. IN CAA 0 issuewild \"globalsign.com\"")
                .contains("*.wild.test: NOTE WILDCARD: a wildcard name can only be validated by DNS");
        assertThat(text).contains("www.lame.test: WARNING DELEGATION: zone lame.test: name server ns2.lame.test")
                .contains("www.lame.test: WARNING DELEGATION: zone lame.test: name server ns3.lame.test")
                .contains("1 of 3 name server addresses answer authoritatively");
        assertThat(blocked.caaLinesToAdd()).containsExactly("other.test. IN CAA 0 issue \"globalsign.com\"",
                "wild.test. IN CAA 0 issuewild \"globalsign.com\"");

        PreflightReport smime = b.intendedUse(IntendedUse.SMIME).build().run(List.of("alice@mail.test"));
        assertThat(smime.blocking()).isTrue();
        assertThat(smime.caaLinesToAdd()).containsExactly("mail.test. IN CAA 0 issuemail \"globalsign.com\"");
    }
}
