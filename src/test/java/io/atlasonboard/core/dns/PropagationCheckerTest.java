package io.atlasonboard.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.atlasonboard.core.tasks.ProgressSink;
import io.atlasonboard.testing.BindServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The propagation check against two real BIND instances serving the same throw-away zones as ns1 (127.0.0.1) and
 * ns2 (127.0.0.2), updated independently. Each test uses its own names.
 */
class PropagationCheckerTest {

    static final String TOKEN = "globalsign-domain-verification=2044275D87CE4115047E08E9B4076586";
    static BindServer ns1;
    static BindServer ns2;
    static int port;

    @BeforeAll
    static void startBind() {
        port = BindServer.freePort("127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4");
        ns1 = BindServer.builder().address("127.0.0.1").port(port)
                .zone("atlas.test").zone("other.test").zone("dead.test")
                .nameServer("ns1.atlas.test", "127.0.0.1").nameServer("ns2.atlas.test", "127.0.0.2")
                // dead.test has two more name servers: nothing listens on ns3, ns4 swallows queries
                .record("dead.test. IN NS ns3.atlas.test.").record("dead.test. IN NS ns4.atlas.test.")
                .record("ns3.atlas.test. IN A 127.0.0.3").record("ns4.atlas.test. IN A 127.0.0.4")
                .start();
        ns2 = ns1.twinOn("127.0.0.2");
    }

    @AfterAll
    static void stopBind() {
        if (ns2 != null) {
            ns2.stop();
        }
        if (ns1 != null) {
            ns1.stop();
        }
    }

    PropagationChecker checker() {
        return PropagationChecker.builder().bootstrap(ResolverSpec.parse(ns1.hostPort())).authoritativePort(port)
                .timeout(Duration.ofMillis(700)).retries(1).build();
    }

    @Test
    void reportsZeroThenOneThenTwoOfTwo() {
        String name = "propagate.atlas.test";
        PropagationReport r0 = checker().check(name, TOKEN, List.of());
        assertThat(r0.zone()).isEqualTo("atlas.test.");
        assertThat(r0.total()).as(r0.describe()).isEqualTo(2);
        assertThat(r0.seen()).isZero();
        assertThat(r0.results()).extracting(ServerResult::outcome).containsOnly(CheckOutcome.NOT_FOUND);
        assertThat(r0.results()).extracting(ServerResult::kind).containsOnly(ServerKind.AUTHORITATIVE);
        assertThat(r0.results()).extracting(ServerResult::address)
                .containsExactlyInAnyOrder("127.0.0.1:" + port, "127.0.0.2:" + port);
        assertThat(r0.summary()).isEqualTo("0 of 2 servers see the record");

        ns1.setTxt(name, TOKEN, "v=spf1 -all");
        PropagationReport r1 = checker().check(name + ".", TOKEN, List.of());
        assertThat(r1.seen()).as(r1.describe()).isEqualTo(1);
        assertThat(r1.total()).isEqualTo(2);
        assertThat(r1.allSee()).isFalse();
        ServerResult on1 = byServer(r1, "ns1.atlas.test.");
        ServerResult on2 = byServer(r1, "ns2.atlas.test.");
        assertThat(on1.outcome()).isEqualTo(CheckOutcome.FOUND);
        assertThat(on1.values()).containsExactlyInAnyOrder(TOKEN, "v=spf1 -all");
        assertThat(on2.outcome()).isEqualTo(CheckOutcome.NOT_FOUND);
        assertThat(r1.summary()).isEqualTo("1 of 2 servers see the record");

        ns2.setTxt(name, TOKEN);
        PropagationReport r2 = checker().check(name, TOKEN, List.of());
        assertThat(r2.seen()).as(r2.describe()).isEqualTo(2);
        assertThat(r2.allSee()).isTrue();
        assertThat(r2.summary()).isEqualTo("2 of 2 servers see the record");
    }

    @Test
    void wrongValueIsReportedAsWrongNotMissing() {
        String name = "wrong.atlas.test";
        String other = "globalsign-domain-verification=0000000000000000000000000000FFFF";
        ns1.setTxt(name, other);
        ns2.setTxt(name, "\"" + TOKEN + "\"");
        PropagationReport r = checker().check(name, TOKEN, List.of());
        assertThat(r.seen()).as(r.describe()).isZero();
        ServerResult on1 = byServer(r, "ns1.atlas.test.");
        assertThat(on1.outcome()).isEqualTo(CheckOutcome.WRONG_VALUE);
        assertThat(on1.values()).containsExactly(other);
        ServerResult on2 = byServer(r, "ns2.atlas.test.");
        assertThat(on2.outcome()).isEqualTo(CheckOutcome.WRONG_VALUE);
        assertThat(on2.detail()).contains("extra quotes");
        assertThat(on1.describe()).contains("WRONG VALUE").contains(other);
    }

    @Test
    void unrelatedTxtAndMissingNameAreNotFound() {
        ns1.setTxt("spf.atlas.test", "v=spf1 -all");
        ns2.setTxt("spf.atlas.test", "v=spf1 -all");
        PropagationReport r = checker().check("spf.atlas.test", TOKEN, List.of());
        assertThat(r.results()).extracting(ServerResult::outcome).containsOnly(CheckOutcome.NOT_FOUND);
        assertThat(r.results().get(0).values()).containsExactly("v=spf1 -all");

        PropagationReport nx = checker().check("nothing-here.atlas.test", TOKEN, List.of());
        assertThat(nx.results()).extracting(ServerResult::outcome).containsOnly(CheckOutcome.NOT_FOUND);
        assertThat(nx.results().get(0).detail()).contains("NXDOMAIN");
    }

    @Test
    void followsCnameIntoAnotherZone() {
        ns1.setCname("alias.atlas.test", "target.other.test");
        ns2.setCname("alias.atlas.test", "target.other.test");
        ns1.setTxt("target.other.test", TOKEN);
        PropagationReport r = checker().check("alias.atlas.test", TOKEN, List.of());
        assertThat(r.followedCname()).isTrue();
        assertThat(r.cnameChain()).containsExactly("alias.atlas.test. -> target.other.test.");
        assertThat(r.checkedName()).isEqualTo("target.other.test.");
        assertThat(r.zone()).isEqualTo("other.test.");
        assertThat(r.seen()).as(r.describe()).isEqualTo(1);
        assertThat(r.describe()).contains("CNAME").contains("target.other.test.");

        ns2.setTxt("target.other.test", TOKEN);
        assertThat(checker().check("alias.atlas.test", TOKEN, List.of()).allSee()).isTrue();
    }

    @Test
    void deadAndSilentServersAreErrorsNotHangs() {
        String name = "x.dead.test";
        ns1.setTxt(name, TOKEN);
        ns2.setTxt(name, TOKEN);
        try (BindServer.Blackhole silent = new BindServer.Blackhole("127.0.0.4", port)) {
            PropagationReport r = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> checker().check(name, TOKEN, List.of()));
            assertThat(r.total()).as(r.describe()).isEqualTo(4);
            assertThat(r.seen()).isEqualTo(2);
            assertThat(r.summary()).isEqualTo("2 of 4 servers see the record");
            ServerResult ns3 = byServer(r, "ns3.atlas.test.");
            assertThat(ns3.outcome()).isEqualTo(CheckOutcome.ERROR);
            assertThat(ns3.address()).isEqualTo("127.0.0.3:" + port);
            assertThat(ns3.detail()).containsAnyOf("refused", "timeout");
            ServerResult ns4 = byServer(r, "ns4.atlas.test.");
            assertThat(ns4.outcome()).isEqualTo(CheckOutcome.ERROR);
            assertThat(ns4.detail()).startsWith("timeout").contains("700 ms").contains("2 tries");
        }
    }

    @Test
    void extraResolversWithPortsAreAsked() {
        String name = "resolvers.atlas.test";
        ns2.setTxt(name, TOKEN);
        int deadPort = BindServer.freePort("127.0.0.1");
        PropagationReport r = checker().check(name, TOKEN, List.of(
                ResolverSpec.parse("127.0.0.2:" + port), ResolverSpec.parse("127.0.0.1:" + port),
                ResolverSpec.parse("127.0.0.1:" + deadPort)));
        assertThat(r.total()).as(r.describe()).isEqualTo(5);
        List<ServerResult> resolvers = r.results().stream().filter(x -> x.kind() == ServerKind.RESOLVER).toList();
        assertThat(resolvers).extracting(ServerResult::server)
                .containsExactly("127.0.0.2:" + port, "127.0.0.1:" + port, "127.0.0.1:" + deadPort);
        assertThat(resolvers).extracting(ServerResult::outcome)
                .containsExactly(CheckOutcome.FOUND, CheckOutcome.NOT_FOUND, CheckOutcome.ERROR);
        assertThat(r.seen()).isEqualTo(2); // ns2 authoritative + ns2 as resolver
    }

    @Test
    void unreachableBootstrapIsAProblemNotAHang() {
        int deadPort = BindServer.freePort("127.0.0.1");
        PropagationChecker c = PropagationChecker.builder().bootstrap(ResolverSpec.parse("127.0.0.1:" + deadPort))
                .authoritativePort(port).timeout(Duration.ofMillis(500)).retries(0).build();
        PropagationReport r = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> c.check("a.atlas.test", TOKEN, List.of(ResolverSpec.parse(ns1.hostPort()))));
        assertThat(r.zone()).isNull();
        assertThat(r.problems()).isNotEmpty();
        assertThat(r.problems().get(0)).contains("127.0.0.1:" + deadPort);
        assertThat(r.total()).isEqualTo(1); // only the extra resolver
    }

    @Test
    void pollStopsWhenAllSeeIt() {
        String name = "poll.atlas.test";
        ns1.setTxt(name, TOKEN);
        List<String> messages = new ArrayList<>();
        AtomicInteger updates = new AtomicInteger();
        ProgressSink sink = new ProgressSink() {
            @Override
            public void update(double fraction, String message) {
                messages.add(message);
                if (updates.incrementAndGet() == 1) {
                    ns2.setTxt(name, TOKEN); // the DNS admin finishes while we wait
                }
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
        PropagationReport r = checker().poll(name, TOKEN, List.of(), Duration.ofMillis(300),
                Instant.now().plusSeconds(60), sink);
        assertThat(r.allSee()).isTrue();
        assertThat(messages.get(0)).startsWith("1 of 2 servers see the record");
        assertThat(messages.get(messages.size() - 1)).isEqualTo("2 of 2 servers see the record");
    }

    @Test
    void pollStopsOnCancelAndOnDeadline() {
        String name = "never.atlas.test";
        AtomicInteger rounds = new AtomicInteger();
        ProgressSink cancelAfterFirst = new ProgressSink() {
            @Override
            public void update(double fraction, String message) {
                rounds.incrementAndGet();
            }

            @Override
            public boolean isCancelled() {
                return rounds.get() >= 1;
            }
        };
        PropagationReport r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> checker().poll(name, TOKEN,
                List.of(), Duration.ofSeconds(10), null, cancelAfterFirst));
        assertThat(r.allSee()).isFalse();
        assertThat(rounds.get()).isEqualTo(1);

        List<String> msgs = new ArrayList<>();
        ProgressSink recording = new ProgressSink() {
            @Override
            public void update(double fraction, String message) {
                msgs.add(message);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
        PropagationReport d = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> checker().poll(name, TOKEN,
                List.of(), Duration.ofMillis(200), Instant.now().plusMillis(900), recording));
        assertThat(d.allSee()).isFalse();
        assertThat(msgs.get(msgs.size() - 1)).contains("deadline reached");
    }

    private static ServerResult byServer(PropagationReport r, String server) {
        return r.results().stream().filter(x -> x.server().equals(server)).findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + server + " in\n" + r.describe()));
    }
}
