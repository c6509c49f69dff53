package io.atlasonboard.sim;

import static io.atlasonboard.sim.AtlasSimulatorLoginTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Claim assertion through a real DNS query (dnsjava's SimpleResolver in the simulator, UDP on loopback) against a
 * tiny authoritative responder written here with dnsjava's Message classes. A BIND-backed test is the lead's.
 */
class DnsServerModeTest {
    /** Minimal UDP DNS responder: TXT records and CNAMEs from maps, NXDOMAIN otherwise; counts queries. */
    static final class TinyDns implements AutoCloseable {
        final DatagramSocket socket;
        final Map<Name, List<List<String>>> txt = new ConcurrentHashMap<>();
        final Map<Name, Name> cname = new ConcurrentHashMap<>();
        final AtomicInteger queries = new AtomicInteger();
        final Thread thread;

        TinyDns() throws Exception {
            socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            thread = new Thread(this::serve, "tiny-dns");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            byte[] buf = new byte[4096];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    socket.receive(p);
                    queries.incrementAndGet();
                    Message q = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
                    Record question = q.getQuestion();
                    Message r = new Message(q.getHeader().getID());
                    r.getHeader().setFlag(Flags.QR);
                    r.getHeader().setFlag(Flags.AA);
                    r.addRecord(question, Section.QUESTION);
                    Name n = question.getName();
                    if (cname.containsKey(n)) {
                        r.addRecord(new CNAMERecord(n, DClass.IN, 60, cname.get(n)), Section.ANSWER);
                    } else if (txt.containsKey(n)) {
                        if (question.getType() == Type.TXT) {
                            for (List<String> strings : txt.get(n)) {
                                r.addRecord(new TXTRecord(n, DClass.IN, 60, strings), Section.ANSWER);
                            }
                        }
                    } else {
                        r.getHeader().setRcode(Rcode.NXDOMAIN);
                    }
                    byte[] out = r.toWire(512);
                    socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
                } catch (SocketException e) {
                    return;
                } catch (Exception e) {
                    // malformed query: ignore, like a real server that drops it
                }
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    static TinyDns dns;
    static AtlasSimulator sim;
    static SimAccount account;
    static SimTls.Client client;

    @BeforeAll
    static void start() throws Exception {
        dns = new TinyDns();
        sim = AtlasSimulator.start(SimulatorConfig.defaults().dnsServer("127.0.0.1:" + dns.port())
                .dnsTimeout(Duration.ofSeconds(2)));
        account = sim.createAccount(10);
        KeyPair kp = SimTls.ec();
        client = new SimTls.Client(sim, kp, SimTls.parseCert(
                sim.issueMtlsCertificate(account.apiKey(), SimTls.csr(kp, "CN=dns"), Duration.ofDays(1))));
        assertThat(client.login(account).statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        sim.close();
        dns.close();
    }

    static String[] claim(String domain) throws Exception {
        HttpResponse<String> c = client.send("POST", "/claims/domains/" + domain, null);
        assertThat(c.statusCode()).isEqualTo(201);
        return new String[] {AtlasSimulatorIssuanceTest.lastSegment(c), SimTls.json(c).get("token").getAsString()};
    }

    @Test
    void verifiesThroughTheConfiguredDnsServerNotTheSandboxZone() throws Exception {
        String[] c = claim("dns-mode.example");
        sim.sandboxZone().publish("dns-mode.example", c[1]); // ignored in DNS-server mode
        int before = dns.queries.get();
        HttpResponse<String> miss = client.send("POST", "/claims/domains/" + c[0] + "/dns", null);
        assertProblem(miss, 422, "error verifying domain claim");
        assertThat(SimTls.json(miss).getAsJsonObject("errors").get("dns").getAsString())
                .contains("DNS server 127.0.0.1:" + dns.port());
        assertThat(dns.queries.get()).isGreaterThan(before);

        // token split into two character-strings in one TXT record, next to an unrelated record
        dns.txt.put(Name.fromString("dns-mode.example."), List.of(List.of("v=spf1 -all"),
                List.of(c[1].substring(0, 20), c[1].substring(20))));
        assertThat(client.send("POST", "/claims/domains/" + c[0] + "/dns", null).statusCode()).isEqualTo(204);
        assertThat(SimTls.json(client.get("/claims/domains/" + c[0])).get("status").getAsString()).isEqualTo("VERIFIED");
    }

    @Test
    void followsACnameToTheRecord() throws Exception {
        String[] c = claim("www.cname-mode.example");
        dns.cname.put(Name.fromString("www.cname-mode.example."), Name.fromString("validation.dns-host.example."));
        dns.txt.put(Name.fromString("validation.dns-host.example."), List.of(List.of(c[1])));
        assertThat(client.send("POST", "/claims/domains/" + c[0] + "/dns", null).statusCode()).isEqualTo(204);
    }

    @Test
    void aServerThatDoesNotAnswerIsAnErrorLogEntryNotAHang() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                AtlasSimulator quiet = AtlasSimulator.start(SimulatorConfig.defaults()
                        .dnsServer("127.0.0.1:" + silent.getLocalPort()).dnsTimeout(Duration.ofSeconds(1)))) {
            SimAccount a = quiet.createAccount(1);
            KeyPair kp = SimTls.ec();
            SimTls.Client c = new SimTls.Client(quiet, kp, SimTls.parseCert(
                    quiet.issueMtlsCertificate(a.apiKey(), SimTls.csr(kp, "CN=q"), Duration.ofDays(1))));
            assertThat(c.login(a).statusCode()).isEqualTo(200);
            HttpResponse<String> cl = c.send("POST", "/claims/domains/silent.example", null);
            String id = AtlasSimulatorIssuanceTest.lastSegment(cl);
            HttpResponse<String> r = c.send("POST", "/claims/domains/" + id + "/dns", null);
            assertProblem(r, 422, "error verifying domain claim");
            assertThat(SimTls.json(r).getAsJsonObject("errors").get("dns").getAsString()).contains("failed");
            var log = SimTls.json(c.get("/claims/domains/" + id)).getAsJsonArray("log");
            assertThat(log.get(log.size() - 1).getAsJsonObject().get("status").getAsString()).isEqualTo("ERROR");
        }
    }
}
