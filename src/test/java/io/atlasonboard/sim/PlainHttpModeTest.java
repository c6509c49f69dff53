package io.atlasonboard.sim;

import static io.atlasonboard.sim.AtlasSimulatorLoginTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Checklist item 1: the test-only plain-HTTP listener takes the client serial from X-SSL-Client-Serial. */
class PlainHttpModeTest {
    @Test
    void loginChecksTheForwardedSerial() throws Exception {
        try (AtlasSimulator sim = AtlasSimulator.start(SimulatorConfig.defaults().plainHttpForTests(true))) {
            assertThat(sim.baseUrl()).startsWith("http://127.0.0.1:");
            SimAccount a = sim.createAccount(1);
            SimAccount other = sim.createAccount(1);
            String serial = SimPki.serialHex(SimTls.parseCert(sim.issueMtlsCertificate(a.apiKey(),
                    SimTls.csr(SimTls.ec(), "CN=plain"), Duration.ofDays(1))).getSerialNumber());
            HttpClient http = HttpClient.newHttpClient();
            String body = "{\"api_key\":\"" + a.apiKey() + "\",\"api_secret\":\"" + a.apiSecret() + "\"}";
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/login"))
                    .header("Content-Type", "application/json;charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> none = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            assertProblem(none, 400, "No required SSL certificate was sent");
            HttpResponse<String> ok = http.send(b.copy().header("X-SSL-Client-Serial", serial).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            String otherBody = "{\"api_key\":\"" + other.apiKey() + "\",\"api_secret\":\"" + other.apiSecret() + "\"}";
            HttpResponse<String> unbound = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/login"))
                    .header("Content-Type", "application/json;charset=utf-8").header("X-SSL-Client-Serial", serial)
                    .POST(HttpRequest.BodyPublishers.ofString(otherBody)).build(), HttpResponse.BodyHandlers.ofString());
            assertProblem(unbound, 401, "client certificate is not linked to this API key");
        }
    }
}
