package io.atlasonboard.core.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.atlasonboard.core.dns.DnsAsk;
import io.atlasonboard.core.dns.PropagationChecker;
import io.atlasonboard.core.dns.ResolverSpec;
import io.atlasonboard.core.store.DomainClaimRecord;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.testing.BindServer;

/**
 * The hand-off sheet built against two real BIND servers of a zone whose CAA allows only another CA: the HTML page
 * is parsed as XML and must hold every record (name, type, value, TTL), a dig line per authoritative server, the CAA
 * line and the deadline; values that look like markup come out as text, never as elements.
 */
class HandoffSheetBindTest {
    static BindServer ns1;
    static BindServer ns2;
    static int port;

    @BeforeAll
    static void start() {
        port = BindServer.freePort("127.0.0.1", "127.0.0.2");
        ns1 = BindServer.builder().address("127.0.0.1").port(port).zone("handoff.test")
                .nameServer("ns1.handoff.test", "127.0.0.1").nameServer("ns2.handoff.test", "127.0.0.2")
                .record("handoff.test. 60 IN CAA 0 issue \"letsencrypt.org\"")
                .start();
        ns2 = ns1.twinOn("127.0.0.2");
    }

    @AfterAll
    static void stop() {
        if (ns2 != null) {
            ns2.close();
        }
        if (ns1 != null) {
            ns1.close();
        }
    }

    @Test
    void everyRecordDigLineAndCaaLineOnTheParsedPage() throws Exception {
        Instant deadline = Instant.parse("2026-12-31T10:00:00Z");
        String evil = "globalsign-domain-verification=<script>alert('x')</script>&\"";
        DomainClaimRecord www = DomainClaimRecord.of(1, "A1", "www.handoff.test", "PENDING",
                "globalsign-domain-verification=0123456789ABCDEF0123456789ABCDEF", deadline, null);
        DomainClaimRecord api = DomainClaimRecord.of(1, "A2", "api.handoff.test", "PENDING", evil,
                deadline.minus(Duration.ofDays(2)), null);
        ResolverSpec boot = new ResolverSpec("127.0.0.1", port);
        PropagationChecker checker = PropagationChecker.builder().bootstrap(boot).authoritativePort(port)
                .timeout(Duration.ofSeconds(2)).retries(0).build();
        HandoffSheet sheet = new HandoffSheets(checker, new DnsAsk(List.of(boot), Duration.ofSeconds(2), 0),
                IntendedUse.TLS).build("Acme <b>TLS</b> & co", List.of(www, api), Map.of(), Instant.now());

        String html = sheet.html();
        assertThat(html).doesNotContain("<script>").doesNotContain("<b>TLS");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getElementsByTagName("script").getLength()).isZero();
        assertThat(doc.getElementsByTagName("b").getLength()).isZero();
        assertThat(doc.getDocumentElement().getTextContent()).contains("Acme <b>TLS</b> & co");

        assertThat(byClass(doc, "code", "name")).containsExactly("www.handoff.test.", "api.handoff.test.");
        assertThat(byClass(doc, "code", "type")).containsExactly("TXT", "TXT");
        assertThat(byClass(doc, "code", "value")).containsExactly(www.token(), evil);
        assertThat(byClass(doc, "code", "ttl")).containsExactly("300", "300");
        assertThat(byClass(doc, "code", "caa-line")).containsExactly(
                "handoff.test. IN CAA 0 issue \"globalsign.com\"", "handoff.test. IN CAA 0 issue \"globalsign.com\"");
        List<String> digs = byClass(doc, "pre", "dig");
        assertThat(digs).hasSize(2);
        for (String name : List.of("www.handoff.test.", "api.handoff.test.")) {
            String block = digs.get(name.startsWith("www") ? 0 : 1);
            assertThat(block.lines()).containsExactly(
                    "dig @127.0.0.1 -p " + port + " " + name + " TXT +short   # ns1.handoff.test",
                    "dig @127.0.0.2 -p " + port + " " + name + " TXT +short   # ns2.handoff.test");
        }
        assertThat(byId(doc, "p", "deadline")).contains("2026-12-29 10:00 UTC"); // the earlier of the two
        assertThat(doc.getElementsByTagName("li").getLength()).isEqualTo(3);

        String text = sheet.text();
        assertThat(text).contains("Deadline: 2026-12-29 10:00 UTC").contains("   Value: " + evil)
                .contains("dig @127.0.0.2 -p " + port + " www.handoff.test. TXT +short")
                .contains("CAA record to add (GlobalSign is not allowed yet): handoff.test. IN CAA 0 issue "
                        + "\"globalsign.com\"")
                .contains("Please answer with:");
    }

    static List<String> byClass(Document doc, String tag, String cls) {
        List<String> out = new ArrayList<>();
        NodeList nl = doc.getElementsByTagName(tag);
        for (int i = 0; i < nl.getLength(); i++) {
            Element e = (Element) nl.item(i);
            if (cls.equals(e.getAttribute("class"))) {
                out.add(e.getTextContent());
            }
        }
        return out;
    }

    static String byId(Document doc, String tag, String id) {
        NodeList nl = doc.getElementsByTagName(tag);
        for (int i = 0; i < nl.getLength(); i++) {
            Element e = (Element) nl.item(i);
            if (id.equals(e.getAttribute("id"))) {
                return e.getTextContent();
            }
        }
        throw new AssertionError("no <" + tag + " id=\"" + id + "\">");
    }
}
