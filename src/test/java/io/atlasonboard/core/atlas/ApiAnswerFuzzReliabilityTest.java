package io.atlasonboard.core.atlas;

import io.atlasonboard.reliability.Figures;
import io.atlasonboard.reliability.Fuzzer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Fuzzed API answers through the real client over mutual TLS on loopback: every answer body (policy, claims, claim
 * token, certificate, chain, counters, stats) mutated; the client must end with an {@link AtlasException} in words or
 * a result, never another exception. Figures printed.
 */
class ApiAnswerFuzzReliabilityTest {
    @Test
    void everyApiAnswerParserRefusesDamageInWords() throws Exception {
        AtlasFixture fx = AtlasFixture.get();
        String chainPem = TestPki.pem(fx.serverCa.cert()).replace("\n", "\\n");
        record Call(String seed, Fuzzer.Parser call) {
        }
        try (HostilePeer peer = new HostilePeer(HostilePeer.Mode.SCRIPTED, fx);
             AtlasClient client = new AtlasClient(AtlasConnectionConfig.builder(peer.url())
                     .trust(List.of(fx.serverCa.cert())).pkcs12(fx.p12A, AtlasFixture.P12_PASSWORD.clone())
                     .requestTimeout(Duration.ofSeconds(20)).maxRetries(0).build(),
                     AtlasFixture.KEY_A, AtlasFixture.SECRET_A.toCharArray())) {
            List<Call> calls = List.of(
                    new Call(LoopbackHvca.POLICY, in -> client.validationPolicy()),
                    new Call("[{\"id\":\"C1\",\"status\":\"PENDING\",\"domain\":\"example.com\",\"created_at\":1,"
                            + "\"expires_at\":2,\"assert_by\":3,\"log\":[{\"status\":\"ok\",\"description\":\"d\","
                            + "\"timestamp\":4}]}]", in -> client.listClaims(null, 1, 100)),
                    new Call("{\"id\":\"C1\",\"token\":\"tok\",\"assert_by\":1700000000}",
                            in -> client.createClaim("example.com")),
                    new Call("{\"status\":\"ISSUED\",\"certificate\":\"" + chainPem + "\",\"updated_at\":1}",
                            in -> client.getCertificate("ABC123")),
                    new Call("[\"" + chainPem + "\"]", in -> client.trustChain()),
                    new Call("{\"value\":42}", in -> client.quotaIssuance()),
                    new Call("[{\"serial_number\":\"01\",\"not_before\":1,\"not_after\":2}]",
                            in -> client.stats(StatsEntry.Kind.ISSUED, null, null, 1, 10)),
                    new Call("[\"example.com\",\"_validation.example.com\"]",
                            in -> client.claimAuthorizationDomains("C1")));
            Fuzzer fz = new Fuzzer(Duration.ofSeconds(30), 512L * 1024 * 1024, 8L);
            List<Fuzzer.Result> results = new ArrayList<>();
            for (Call c : calls) {
                byte[] seed = c.seed().getBytes(StandardCharsets.UTF_8);
                results.add(fz.run("API " + c.seed().substring(0, Math.min(12, c.seed().length())), List.of(seed),
                        Figures.rounds(20, 150), in -> {
                            peer.answer = in;
                            c.call().parse(in);
                        }, Set.of(AtlasException.class)));
            }
            io.atlasonboard.reliability.FuzzReport.report("fuzz API JSON answers", results);
        }
    }
}
