package io.atlasonboard.core.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.atlasonboard.core.Msg;
import io.atlasonboard.core.dns.CaaLookup;
import io.atlasonboard.core.dns.ResolverSpec;
import io.atlasonboard.testing.BindServer;

/**
 * The preflight's sentences (issue 11): every finding, CAA verdict, DNSSEC and delegation text carries a {@link Msg}
 * whose English is exactly the finding's English text (what the command line prints) and which renders in German.
 * CAA verdicts are evaluated on record sets as the lookup returns them; the findings come from a real preflight
 * against BIND on loopback (a zone allowing GlobalSign, one allowing another CA, a signed and a broken signed zone,
 * a zone with a lame and an unreachable name server) and against an address where nothing answers DNS.
 */
class PreflightMessagesGermanTest {
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
                www.%1$s IN A 127.0.0.9
                """;
        BindServer.SignedZone good = BindServer.signZone("dnssec.test", signedZone.formatted("dnssec.test."));
        BindServer.SignedZone bad = BindServer.signZone("bogus.test", signedZone.formatted("bogus.test."));
        auth = BindServer.builder().address("127.0.0.1").port(port)
                .zone("test").zone("ok.test").zone("other.test").zone("wild.test")
                .nameServer("ns1.ok.test", "127.0.0.1")
                .record("ok.test. 60 IN CAA 0 issue \"globalsign.com\"")
                .record("www.ok.test. 60 IN A 127.0.0.10")
                .record("other.test. 60 IN CAA 0 issue \"letsencrypt.org\"")
                .record("wild.test. 60 IN CAA 0 issue \"globalsign.com\"")
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

    private static String de(Msg m) {
        return m.render(Locale.GERMAN);
    }

    private static CaaLookup.Verdict verdict(String owner, CaaLookup.Kind kind, CaaLookup.Entry... entries) {
        return new CaaLookup.RecordSet("www." + owner, owner, List.of(entries), List.of(owner), null)
                .evaluate("globalsign.com", kind);
    }

    /** Checks the verdict's English (unchanged) and German, and that both come from the same Msg. */
    private static void caa(CaaLookup.Verdict v, String english, String german) {
        assertThat(v.reason()).isEqualTo(english);
        assertThat(v.reasonMsg().english()).isEqualTo(english);
        assertThat(de(v.reasonMsg())).isEqualTo(german);
    }

    @Test
    void everyCaaVerdictInEnglishAndGerman() {
        caa(new CaaLookup.RecordSet("www.none.test", null, List.of(), List.of(), null)
                        .evaluate("globalsign.com", CaaLookup.Kind.SERVER),
                "no CAA record at www.none.test or any parent domain: every CA may issue",
                "kein CAA-Eintrag bei www.none.test oder einer übergeordneten Domäne: jede Zertifizierungsstelle darf "
                        + "ausstellen");
        caa(new CaaLookup.RecordSet("www.x.test", null, List.of(), List.of(), "CNAME loop at a.x.test.",
                        Msg.of("core.dns.problem.cnameLoop", "a.x.test.")).evaluate("globalsign.com",
                        CaaLookup.Kind.SERVER),
                "the CAA records could not be read: CNAME loop at a.x.test.",
                "die CAA-Einträge konnten nicht gelesen werden: CNAME-Schleife bei a.x.test.");
        assertThat(de(Msg.of("core.dns.caa.answered", "www.x.test.", "SERVFAIL")))
                .isEqualTo("die CAA-Abfrage für www.x.test. wurde mit SERVFAIL beantwortet");
        assertThat(Msg.of("core.dns.caa.answered", "www.x.test.", "SERVFAIL").english())
                .isEqualTo("CAA www.x.test. answered SERVFAIL");
        caa(verdict("x.test", CaaLookup.Kind.SERVER, new CaaLookup.Entry(128, "tbs", "unknown")),
                "the record at x.test has the critical property 'tbs' that CAs do not know, so no CA may issue",
                "der Eintrag bei x.test hat die kritische Eigenschaft „tbs“, die Zertifizierungsstellen nicht kennen; "
                        + "daher darf keine Zertifizierungsstelle ausstellen");
        CaaLookup.Entry iodef = new CaaLookup.Entry(0, "iodef", "mailto:sec@x.test");
        caa(verdict("x.test", CaaLookup.Kind.SERVER, iodef),
                "the CAA records at x.test do not restrict issuance (no issue property)",
                "die CAA-Einträge bei x.test schränken die Ausstellung nicht ein (keine issue-Eigenschaft)");
        caa(verdict("x.test", CaaLookup.Kind.WILDCARD, iodef),
                "the CAA records at x.test do not restrict wildcard issuance (no issuewild or issue)",
                "die CAA-Einträge bei x.test schränken die Ausstellung für Platzhalter nicht ein (weder issuewild noch "
                        + "issue)");
        caa(verdict("x.test", CaaLookup.Kind.EMAIL, iodef),
                "the CAA records at x.test do not restrict S/MIME issuance (no issuemail)",
                "die CAA-Einträge bei x.test schränken die S/MIME-Ausstellung nicht ein (kein issuemail)");
        caa(verdict("x.test", CaaLookup.Kind.SERVER, new CaaLookup.Entry(0, "issue", "globalsign.com")),
                "the issue records at x.test allow globalsign.com",
                "die issue-Einträge bei x.test erlauben globalsign.com");
        caa(verdict("x.test", CaaLookup.Kind.SERVER, new CaaLookup.Entry(0, "issue", ";")),
                "the record at x.test allows only no CA at all (0 issue \";\") (issue)",
                "der Eintrag bei x.test erlaubt überhaupt keine Zertifizierungsstelle (0 issue \";\") (issue)");
        caa(verdict("x.test", CaaLookup.Kind.WILDCARD, new CaaLookup.Entry(0, "issuewild", "letsencrypt.org"),
                        new CaaLookup.Entry(0, "issuewild", "sectigo.com")),
                "the record at x.test allows only letsencrypt.org, sectigo.com (issuewild)",
                "der Eintrag bei x.test erlaubt nur letsencrypt.org, sectigo.com (issuewild)");
    }

    private static Preflight preflight(String resolverAddress) {
        return Preflight.builder().resolvers(List.of(new ResolverSpec(resolverAddress, port)))
                .timeout(Duration.ofMillis(1500)).retries(0).authoritativePort(port).build();
    }

    private static PreflightFinding find(PreflightReport r, String domain, PreflightFinding.Check check,
            String englishStart) {
        return r.of(domain).stream().filter(f -> f.check() == check && f.message().startsWith(englishStart))
                .findFirst().orElseThrow(() -> new AssertionError("no " + check + " finding starting with '"
                        + englishStart + "' in\n" + r.describe()));
    }

    @Test
    void everyFindingOfARealPreflightHasItsEnglishAndAGermanSentence() {
        PreflightReport r = preflight(resolver.address()).run(List.of("www.ok.test", "other.test", "www.dnssec.test",
                "www.bogus.test", "*.wild.test", "www.lame.test"));
        for (PreflightFinding f : r.findings()) {
            // the CLI's text is the Msg's English, byte for byte; German is another sentence
            assertThat(f.msg().english()).isEqualTo(f.message());
            assertThat(de(f.msg())).as(f.describe()).isNotEqualTo(f.message());
        }

        PreflightFinding ok = find(r, "www.ok.test", PreflightFinding.Check.CAA, "GlobalSign may issue");
        assertThat(ok.message()).isEqualTo("GlobalSign may issue: the issue records at ok.test allow globalsign.com");
        assertThat(de(ok.msg())).isEqualTo("GlobalSign darf ausstellen: die issue-Einträge bei ok.test erlauben "
                + "globalsign.com");
        assertThat(de(ok.detailMsg())).isEqualTo("die issue-Einträge bei ok.test erlauben globalsign.com");

        PreflightFinding no = find(r, "other.test", PreflightFinding.Check.CAA, "GlobalSign may NOT issue");
        assertThat(no.message()).isEqualTo("GlobalSign may NOT issue: the record at other.test allows only "
                + "letsencrypt.org (issue)");
        assertThat(de(no.msg())).isEqualTo("GlobalSign darf NICHT ausstellen: der Eintrag bei other.test erlaubt nur "
                + "letsencrypt.org (issue)");
        assertThat(no.fix()).isEqualTo("other.test. IN CAA 0 issue \"globalsign.com\"");

        PreflightFinding unsigned = find(r, "www.ok.test", PreflightFinding.Check.DNSSEC, "DNSSEC");
        assertThat(unsigned.message()).isEqualTo("DNSSEC unsigned: not signed (no DNSSEC); nothing to validate");
        assertThat(de(unsigned.msg())).isEqualTo("DNSSEC nicht signiert: nicht signiert (kein DNSSEC); es gibt nichts "
                + "zu validieren");

        PreflightFinding valid = find(r, "www.dnssec.test", PreflightFinding.Check.DNSSEC, "DNSSEC");
        assertThat(valid.message()).startsWith("DNSSEC signed and valid: signed, and the signatures validate (")
                .endsWith(" sets Authenticated Data)");
        assertThat(de(valid.msg())).startsWith("DNSSEC signiert und gültig: signiert, und die Signaturen sind gültig (")
                .endsWith(" setzt Authenticated Data)");

        PreflightFinding bogus = find(r, "www.bogus.test", PreflightFinding.Check.DNSSEC, "DNSSEC");
        assertThat(bogus.message()).startsWith("DNSSEC bogus: DNSSEC validation fails (bogus): ")
                .contains(" answers SERVFAIL, but answers ").endsWith(" with checking disabled; the zone's signatures "
                        + "or keys are broken (expired or wrong RRSIG, DS not matching the DNSKEY)");
        assertThat(de(bogus.msg())).startsWith("DNSSEC fehlerhaft (bogus): die DNSSEC-Validierung schlägt fehl (bogus): ")
                .contains(" antwortet mit SERVFAIL, bei deaktivierter Prüfung (Checking Disabled) aber mit ")
                .endsWith("; die Signaturen oder Schlüssel der Zone sind fehlerhaft (abgelaufene oder falsche RRSIG, "
                        + "DS passt nicht zum DNSKEY)");

        PreflightFinding healthy = find(r, "www.ok.test", PreflightFinding.Check.DELEGATION, "zone");
        assertThat(healthy.message()).isEqualTo("zone ok.test: all 1 name server addresses answer authoritatively");
        assertThat(de(healthy.msg())).isEqualTo("Zone ok.test: die einzige Nameserver-Adresse antwortet autoritativ");

        PreflightFinding wildcard = find(r, "*.wild.test", PreflightFinding.Check.WILDCARD, "a wildcard");
        assertThat(wildcard.message()).isEqualTo("a wildcard name can only be validated by DNS (TXT record); HTTP and "
                + "e-mail validation do not cover it");
        assertThat(de(wildcard.msg())).isEqualTo("ein Platzhaltername kann nur per DNS (TXT-Eintrag) validiert werden; "
                + "HTTP- und E-Mail-Validierung decken ihn nicht ab");

        PreflightFinding lameNs = find(r, "www.lame.test", PreflightFinding.Check.DELEGATION,
                "zone lame.test: name server ns2.lame.test");
        assertThat(lameNs.message()).startsWith("zone lame.test: name server ns2.lame.test (127.0.0.1:" + port
                + "): lame: answers ").endsWith(" for lame.test (it does not serve the zone)");
        assertThat(de(lameNs.msg())).startsWith("Zone lame.test: Nameserver ns2.lame.test (127.0.0.1:" + port
                + "): fehlerhafte Delegierung (lame): antwortet mit ").endsWith(" für lame.test (bedient die Zone nicht)");
        PreflightFinding unreachable = find(r, "www.lame.test", PreflightFinding.Check.DELEGATION,
                "zone lame.test: name server ns3.lame.test");
        assertThat(unreachable.message()).startsWith("zone lame.test: name server ns3.lame.test (127.0.0.4:" + port
                + "): unreachable: ");
        assertThat(de(unreachable.msg())).startsWith("Zone lame.test: Nameserver ns3.lame.test (127.0.0.4:" + port
                + "): nicht erreichbar: ");
        PreflightFinding count = find(r, "www.lame.test", PreflightFinding.Check.DELEGATION, "zone lame.test: 1 of");
        assertThat(count.message()).isEqualTo("zone lame.test: 1 of 3 name server addresses answer authoritatively");
        assertThat(de(count.msg())).isEqualTo("Zone lame.test: 1 von 3 Nameserver-Adressen antworten autoritativ");
    }

    @Test
    void aResolverThatDoesNotAnswerGivesGermanUnknownVerdicts() {
        // nothing listens on 127.0.0.4 at this port: every lookup fails
        PreflightReport r = preflight("127.0.0.4").run(List.of("www.ok.test"));
        PreflightFinding caa = find(r, "www.ok.test", PreflightFinding.Check.CAA, "unknown whether");
        assertThat(caa.message()).startsWith("unknown whether GlobalSign may issue: the CAA records could not be read: ")
                .endsWith("; GlobalSign does not issue while the CAA lookup fails");
        assertThat(de(caa.msg())).startsWith("unklar, ob GlobalSign ausstellen darf: die CAA-Einträge konnten nicht "
                + "gelesen werden: ").endsWith("; GlobalSign stellt nicht aus, solange die CAA-Abfrage fehlschlägt");
        assertThat(de(caa.detailMsg())).startsWith("die CAA-Einträge konnten nicht gelesen werden: ");
        PreflightFinding dnssec = find(r, "www.ok.test", PreflightFinding.Check.DNSSEC, "DNSSEC");
        assertThat(dnssec.message()).startsWith("DNSSEC unknown: the resolver gave no answer: ");
        assertThat(de(dnssec.msg())).startsWith("DNSSEC unbekannt: der Resolver hat nicht geantwortet: ");
        PreflightFinding delegation = find(r, "www.ok.test", PreflightFinding.Check.DELEGATION, "delegation");
        assertThat(delegation.message()).startsWith("delegation could not be checked: ");
        assertThat(de(delegation.msg())).startsWith("die Delegierung konnte nicht geprüft werden: ");
        for (PreflightFinding f : r.findings()) {
            assertThat(f.msg().english()).isEqualTo(f.message());
        }
    }

    @Test
    void theServerAndZoneSentencesWithoutABindSetupRenderInGerman() {
        // answers that this loopback setup does not produce; each bundle entry rendered as the check builds it
        assertThat(de(Msg.of("core.dns.delegation.server.NO_ADDRESS", "ns9.x.test",
                Msg.of("core.dns.delegation.noAddressRecord"))))
                .isEqualTo("ns9.x.test: keine Adresse: der Name hat keinen A- oder AAAA-Eintrag");
        assertThat(de(Msg.of("core.dns.delegation.noAuthority", "x.test"))).isEqualTo("antwortet ohne Autorität für "
                + "x.test");
        assertThat(de(Msg.of("core.dns.delegation.noSoa", "x.test")))
                .isEqualTo("antwortet autoritativ, aber ohne den SOA-Eintrag von x.test");
        assertThat(de(Msg.of("core.dns.delegation.nsUnreadable", "x.test", "timeout")))
                .isEqualTo("die NS-Einträge von x.test konnten nicht gelesen werden: timeout");
        assertThat(de(Msg.of("core.dns.delegation.noNs", "x.test"))).isEqualTo("die Zone x.test hat keine NS-Einträge");
        assertThat(de(Msg.of("core.dns.dnssec.servfailAlways", "[127.0.0.1:53]")))
                .isEqualTo("[127.0.0.1:53] antwortet auch bei deaktivierter Prüfung (Checking Disabled) mit SERVFAIL: "
                        + "die Nameserver der Zone antworten nicht ordnungsgemäß");
        assertThat(de(Msg.of("core.dns.dnssec.servfailNoAnswer", "[127.0.0.1:53]", "timeout")))
                .isEqualTo("SERVFAIL von [127.0.0.1:53] und auch bei deaktivierter Prüfung (Checking Disabled) keine "
                        + "Antwort: timeout");
        assertThat(de(Msg.of("core.dns.dnssec.answered", "[127.0.0.1:53]", "REFUSED")))
                .isEqualTo("[127.0.0.1:53] antwortete mit REFUSED");
        assertThat(de(Msg.of("core.dns.dnssec.notValidated", "[127.0.0.1:53]"))).startsWith("signiert, aber "
                + "[127.0.0.1:53] hat die Signaturen nicht validiert");
        assertThat(de(Msg.of("core.claims.preflight.dnssec.SIGNED_NOT_VALIDATED", "x")))
                .isEqualTo("DNSSEC signiert, nicht validiert: x");
    }
}
