package io.atlasonboard.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.atlasonboard.core.dns.CheckOutcome;
import io.atlasonboard.core.dns.PropagationChecker;
import io.atlasonboard.core.dns.PropagationReport;
import io.atlasonboard.testing.ProcessRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * The sandbox's authoritative DNS server, asked over UDP and TCP on loopback by the application's
 * {@link PropagationChecker}, by dnsjava directly and by {@code dig} as a process; and the sandbox claim flow that
 * verifies through it.
 */
class SandboxDnsServerTest {
    static Sandbox sandbox;
    static PropagationChecker checker;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
        checker = sandbox.propagationChecker();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static PropagationReport check(String domain, String value) {
        return checker.check(domain, value, List.of());
    }

    @Test
    void propagationCheckSeesPublishWrongValueAndRemove() {
        String name = "propagation.example.com";
        String token = "_globalsign-domain-verification=0123456789abcdef0123456789abcdef";
        PropagationReport none = check(name, token);
        assertThat(none.problems()).isEmpty();
        assertThat(none.zone()).isEqualTo("example.com.");
        assertThat(none.total()).isEqualTo(1);
        assertThat(none.seen()).isZero();
        assertThat(none.results().get(0).outcome()).isEqualTo(CheckOutcome.NOT_FOUND);
        assertThat(none.results().get(0).server()).isEqualTo("ns1.sandbox.invalid.");
        assertThat(none.results().get(0).address()).isEqualTo(sandbox.dnsServer());
        assertThat(none.summary()).isEqualTo("0 of 1 server sees the record");

        sandbox.publishTxt(name, token);
        PropagationReport found = check(name, token);
        assertThat(found.allSee()).isTrue();
        assertThat(found.summary()).isEqualTo("1 of 1 server sees the record");
        assertThat(found.results().get(0).outcome()).isEqualTo(CheckOutcome.FOUND);

        String other = "_globalsign-domain-verification=ffffffffffffffffffffffffffffffff";
        PropagationReport wrong = check(name, other);
        assertThat(wrong.seen()).isZero();
        assertThat(wrong.results().get(0).outcome()).isEqualTo(CheckOutcome.WRONG_VALUE);
        assertThat(wrong.results().get(0).values()).containsExactly(token);

        assertThat(sandbox.removeTxt(name, token)).isTrue();
        PropagationReport removed = check(name, token);
        assertThat(removed.seen()).isZero();
        assertThat(removed.results().get(0).outcome()).isEqualTo(CheckOutcome.NOT_FOUND);
    }

    @Test
    void largeAnswersAreTruncatedOverUdpAndCompleteOverTcp() throws Exception {
        String name = "big.example.org";
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            values.add("filler-" + i + "-" + "x".repeat(60));
        }
        values.forEach(v -> sandbox.publishTxt(name, v));
        String token = "_globalsign-domain-verification=" + "a1".repeat(16);
        sandbox.publishTxt(name, token);

        InetSocketAddress addr = new InetSocketAddress("127.0.0.1", sandbox.dnsPort());
        Message q = Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.TXT, DClass.IN));
        byte[] udpAnswer = rawUdp(addr, q.toWire());
        Message udp = new Message(udpAnswer);
        assertThat(udp.getHeader().getFlag(Flags.TC)).as("UDP answer over 512 bytes is truncated").isTrue();

        SimpleResolver tcp = new SimpleResolver(addr);
        tcp.setTCP(true);
        Message t = tcp.send(q);
        assertThat(t.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(t.getSection(Section.ANSWER)).hasSize(13);

        // the checker's resolver retries over TCP after the truncated UDP answer
        PropagationReport r = check(name, token);
        assertThat(r.allSee()).isTrue();
        assertThat(r.results().get(0).values()).hasSize(13).contains(token);
    }

    private static byte[] rawUdp(InetSocketAddress addr, byte[] query) throws Exception {
        try (java.net.DatagramSocket s = new java.net.DatagramSocket()) {
            s.setSoTimeout(3000);
            s.send(new java.net.DatagramPacket(query, query.length, addr));
            byte[] buf = new byte[4096];
            java.net.DatagramPacket p = new java.net.DatagramPacket(buf, buf.length);
            s.receive(p);
            assertThat(p.getLength()).isLessThanOrEqualTo(512);
            return java.util.Arrays.copyOf(buf, p.getLength());
        }
    }

    @Test
    void answersSoaNsGlueNxdomainAndNodata() throws Exception {
        sandbox.publishTxt("_acme.deep.zone-test.example", "v1");
        SimpleResolver r = new SimpleResolver(new InetSocketAddress("127.0.0.1", sandbox.dnsPort()));
        r.setTimeout(Duration.ofSeconds(3));

        Message ns = r.send(Message.newQuery(Record.newRecord(Name.fromString("zone-test.example."), Type.NS,
                DClass.IN)));
        assertThat(ns.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(ns.getSection(Section.ANSWER)).singleElement().isInstanceOf(NSRecord.class);
        assertThat(ns.getSection(Section.ADDITIONAL)).anySatisfy(a -> {
            assertThat(a.getName().toString()).isEqualTo("ns1.sandbox.invalid.");
            assertThat(a.rdataToString()).isEqualTo("127.0.0.1");
        });

        Message soa = r.send(Message.newQuery(Record.newRecord(Name.fromString("zone-test.example."), Type.SOA,
                DClass.IN)));
        assertThat(soa.getSection(Section.ANSWER)).singleElement().isInstanceOf(SOARecord.class);

        Message nx = r.send(Message.newQuery(Record.newRecord(Name.fromString("nothing.zone-test.example."),
                Type.TXT, DClass.IN)));
        assertThat(nx.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(nx.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(nx.getSection(Section.AUTHORITY)).singleElement().satisfies(a -> {
            assertThat(a).isInstanceOf(SOARecord.class);
            assertThat(a.getName().toString()).isEqualTo("zone-test.example.");
        });

        // empty non-terminal and wrong type at an existing name: NODATA (NOERROR, no answer, SOA)
        for (Record question : List.of(Record.newRecord(Name.fromString("deep.zone-test.example."), Type.TXT,
                DClass.IN), Record.newRecord(Name.fromString("_acme.deep.zone-test.example."), Type.A, DClass.IN))) {
            Message nodata = r.send(Message.newQuery(question));
            assertThat(nodata.getRcode()).as(question.toString()).isEqualTo(Rcode.NOERROR);
            assertThat(nodata.getSection(Section.ANSWER)).isEmpty();
            assertThat(nodata.getSection(Section.AUTHORITY)).singleElement().isInstanceOf(SOARecord.class);
        }

        Message txt = r.send(Message.newQuery(Record.newRecord(Name.fromString("_ACME.Deep.Zone-Test.Example."),
                Type.TXT, DClass.IN)));
        assertThat(txt.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(txt.getSection(Section.ANSWER)).singleElement()
                .satisfies(a -> assertThat(((TXTRecord) a).getStrings()).containsExactly("v1"));
    }

    @Test
    void digSeesAPublishedRecordOverUdpAndTcp() {
        String value = "_globalsign-domain-verification=dig" + "0f".repeat(14);
        sandbox.publishTxt("dig.example.net", value);
        for (String transport : List.of("+notcp", "+tcp")) {
            ProcessRun dig = ProcessRun.of("dig", "@127.0.0.1", "-p", String.valueOf(sandbox.dnsPort()), transport,
                    "+norecurse", "TXT", "dig.example.net");
            assertThat(dig.exit).as("dig must be installed and answer: %s", dig).isZero();
            assertThat(dig.out).contains("status: NOERROR").contains(" aa")
                    .contains("dig.example.net.\t60\tIN\tTXT\t\"" + value + "\"");
        }
        ProcessRun nx = ProcessRun.of("dig", "@127.0.0.1", "-p", String.valueOf(sandbox.dnsPort()), "TXT",
                "missing.example.net");
        assertThat(nx.out).contains("status: NXDOMAIN");
    }

    @Test
    void sandboxClaimIsCheckedAndVerifiedThroughTheDnsServer() throws Exception {
        SimAccount account = sandbox.simulator().createAccount(10);
        KeyPair kp = SimTls.ec();
        SimTls.Client client = new SimTls.Client(sandbox.simulator(), kp, SimTls.parseCert(sandbox.simulator()
                .issueMtlsCertificate(account.apiKey(), SimTls.csr(kp, "CN=sbdns"), Duration.ofDays(1))));
        assertThat(client.login(account).statusCode()).isEqualTo(200);

        String domain = "claim-flow.example";
        HttpResponse<String> c = client.send("POST", "/claims/domains/" + domain, null);
        assertThat(c.statusCode()).isEqualTo(201);
        String id = AtlasSimulatorIssuanceTest.lastSegment(c);
        String token = SimTls.json(c).get("token").getAsString();

        assertThat(check(domain, token).summary()).isEqualTo("0 of 1 server sees the record");
        HttpResponse<String> early = client.send("POST", "/claims/domains/" + id + "/dns", null);
        assertThat(early.statusCode()).isEqualTo(422);
        assertThat(SimTls.json(early).getAsJsonObject("errors").get("dns").getAsString())
                .contains("DNS server " + sandbox.dnsServer());

        sandbox.publishTxt(domain, token);
        assertThat(check(domain, token).summary()).isEqualTo("1 of 1 server sees the record");
        assertThat(client.send("POST", "/claims/domains/" + id + "/dns", null).statusCode()).isEqualTo(204);
        assertThat(SimTls.json(client.get("/claims/domains/" + id)).get("status").getAsString())
                .isEqualTo("VERIFIED");
    }
}
