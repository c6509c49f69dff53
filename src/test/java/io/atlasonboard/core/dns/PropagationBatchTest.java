package io.atlasonboard.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.atlasonboard.core.tasks.ProgressSink;
import io.atlasonboard.testing.BindServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Many names in one check against two real BIND instances (ns1 on 127.0.0.1, ns2 on 127.0.0.2) serving the zone
 * {@code batch.test}, a child zone {@code sub.batch.test} on the same servers, and {@code far.test} reached by CNAME.
 * 200 names × 2 servers; every name has its own token so a mix-up between names shows.
 */
class PropagationBatchTest {

    static final int N = 200;
    static BindServer ns1;
    static BindServer ns2;
    static int port;

    static String name(int i) {
        return (i % 7 == 3 ? "n" + i + ".sub.batch.test" : "n" + i + ".batch.test");
    }

    static String token(int i) {
        return String.format("globalsign-domain-verification=%032X", 0xA000 + i);
    }

    /** i%5: 0,1 both see it; 2 both have another token; 3 nothing there; 4 a CNAME into far.test seen on both. */
    static CheckOutcome expected(int i, boolean onNs2) {
        int k = i % 5;
        if (i % 40 == 1 && onNs2) {
            return CheckOutcome.NOT_FOUND; // removed on ns2 only
        }
        return switch (k) {
            case 0, 1, 4 -> CheckOutcome.FOUND;
            case 2 -> CheckOutcome.WRONG_VALUE;
            default -> CheckOutcome.NOT_FOUND;
        };
    }

    @BeforeAll
    static void startBind() {
        port = BindServer.freePort("127.0.0.1", "127.0.0.2");
        BindServer.Builder b = BindServer.builder().address("127.0.0.1").port(port)
                .zone("batch.test").zone("sub.batch.test").zone("far.test").zone("atlas.test")
                .nameServer("ns1.atlas.test", "127.0.0.1").nameServer("ns2.atlas.test", "127.0.0.2");
        for (int i = 0; i < N; i++) {
            String n = name(i) + ".";
            switch (i % 5) {
                case 0, 1 -> b.record(n + " IN TXT \"" + token(i) + "\"");
                case 2 -> b.record(n + " IN TXT \"" + token(i + 1000) + "\"");
                case 4 -> {
                    b.record(n + " IN CNAME t" + i + ".far.test.");
                    b.record("t" + i + ".far.test. IN TXT \"" + token(i) + "\"");
                }
                default -> {
                    // nothing at the name
                }
            }
        }
        ns1 = b.start();
        ns2 = ns1.twinOn("127.0.0.2");
        for (int i = 1; i < N; i += 40) {
            ns2.setTxt(name(i)); // ns2 has not got these yet
        }
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
                .timeout(Duration.ofMillis(1500)).retries(2).build();
    }

    static List<TxtCheck> all() {
        List<TxtCheck> l = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            l.add(new TxtCheck(name(i), token(i)));
        }
        return l;
    }

    @Test
    void twoHundredNamesOnTwoServersEachGetTheirOwnAnswers() {
        Map<Integer, PropagationReport> told = new ConcurrentHashMap<>();
        AtomicInteger calls = new AtomicInteger();
        List<PropagationReport> reports = assertTimeoutPreemptively(Duration.ofSeconds(120),
                () -> checker().checkAll(all(), List.of(), (i, r) -> {
                    calls.incrementAndGet();
                    told.put(i, r);
                }, null));

        assertThat(reports).hasSize(N);
        assertThat(calls.get()).isEqualTo(N);
        for (int i = 0; i < N; i++) {
            PropagationReport r = reports.get(i);
            String why = "name " + i + ":\n" + r.describe();
            assertThat(told.get(i)).as(why).isSameAs(r);
            assertThat(r.domain()).as(why).isEqualTo(name(i) + ".");
            assertThat(r.expectedValue()).isEqualTo(token(i));
            assertThat(r.problems()).as(why).isEmpty();
            assertThat(r.total()).as(why).isEqualTo(2);
            assertThat(r.results()).extracting(ServerResult::address).as(why)
                    .containsExactlyInAnyOrder("127.0.0.1:" + port, "127.0.0.2:" + port);
            if (i % 5 == 4) {
                assertThat(r.cnameChain()).as(why).containsExactly(name(i) + ". -> t" + i + ".far.test.");
                assertThat(r.zone()).as(why).isEqualTo("far.test.");
            } else {
                assertThat(r.cnameChain()).as(why).isEmpty();
                assertThat(r.zone()).as(why).isEqualTo(i % 7 == 3 ? "sub.batch.test." : "batch.test.");
            }
            assertThat(outcome(r, "ns1.atlas.test.")).as(why).isEqualTo(expected(i, false));
            assertThat(outcome(r, "ns2.atlas.test.")).as(why).isEqualTo(expected(i, true));
        }
    }

    @Test
    void batchAgreesWithOneNameAtATime() {
        List<TxtCheck> some = all().subList(0, 25);
        List<PropagationReport> batch = checker().checkAll(some, List.of(), null, null);
        for (int i = 0; i < some.size(); i++) {
            PropagationReport one = checker().check(some.get(i).domain(), some.get(i).expectedValue(), List.of());
            PropagationReport b = batch.get(i);
            assertThat(b.zone()).as(b.describe()).isEqualTo(one.zone());
            assertThat(b.checkedName()).isEqualTo(one.checkedName());
            assertThat(b.cnameChain()).isEqualTo(one.cnameChain());
            assertThat(b.results()).as(b.describe()).isEqualTo(one.results());
        }
    }

    @Test
    void resolversAreAskedForEveryNameAndSilentServersEndAsErrors() {
        List<TxtCheck> some = all().subList(0, 10);
        int deadPort = BindServer.freePort("127.0.0.1");
        List<PropagationReport> r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> PropagationChecker
                .builder().bootstrap(ResolverSpec.parse(ns1.hostPort())).authoritativePort(port)
                .timeout(Duration.ofMillis(400)).retries(1).build()
                .checkAll(some, List.of(ResolverSpec.parse("127.0.0.2:" + port),
                        ResolverSpec.parse("127.0.0.1:" + deadPort)), null, null));
        for (int i = 0; i < some.size(); i++) {
            List<ServerResult> resolvers = r.get(i).results().stream()
                    .filter(x -> x.kind() == ServerKind.RESOLVER).toList();
            assertThat(resolvers).extracting(ServerResult::server).as(r.get(i).describe())
                    .containsExactly("127.0.0.2:" + port, "127.0.0.1:" + deadPort);
            assertThat(resolvers.get(1).outcome()).isEqualTo(CheckOutcome.ERROR);
            if (i % 5 != 4) { // a resolver without recursion does not follow the CNAME
                assertThat(resolvers.get(0).outcome()).as(r.get(i).describe()).isEqualTo(expected(i, true));
            }
        }
    }

    @Test
    void cancelledCheckStopsAndPollRechecksOnlyWhatIsMissing() {
        assertThatThrownBy(() -> checker().checkAll(all(), List.of(), null, () -> true))
                .isInstanceOf(CancellationException.class);

        String late = "late.batch.test";
        List<TxtCheck> two = List.of(new TxtCheck(name(0), token(0)), new TxtCheck(late, token(999)));
        ns1.setTxt(late, token(999));
        AtomicInteger rounds = new AtomicInteger();
        List<Integer> toldIndices = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        ProgressSink sink = new ProgressSink() {
            @Override
            public void update(double fraction, String message) {
                messages.add(message);
                if (rounds.incrementAndGet() == 1) {
                    ns2.setTxt(late, token(999));
                }
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
        List<PropagationReport> last = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> checker().pollAll(
                two, List.of(), Duration.ofMillis(300), Instant.now().plusSeconds(30), sink,
                (i, r) -> {
                    synchronized (toldIndices) {
                        toldIndices.add(i);
                    }
                }));
        assertThat(last).allMatch(PropagationReport::allSee);
        assertThat(messages.get(0)).startsWith("1 of 2 names are seen by every server");
        assertThat(messages.get(messages.size() - 1)).isEqualTo("2 of 2 names are seen by every server");
        // round 1 asked both names, later rounds only the late one
        assertThat(toldIndices.stream().filter(i -> i == 0).count()).isEqualTo(1);
        assertThat(toldIndices.stream().filter(i -> i == 1).count()).isGreaterThanOrEqualTo(2);
    }

    private static CheckOutcome outcome(PropagationReport r, String server) {
        return r.results().stream().filter(x -> x.server().equals(server)).findFirst()
                .map(ServerResult::outcome)
                .orElseThrow(() -> new AssertionError("no result for " + server + " in\n" + r.describe()));
    }
}
