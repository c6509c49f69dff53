package io.atlasonboard.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;

/**
 * Issue 9's server side against real peers on loopback: an authorization domain (a claim for www.example.test proven
 * by the TXT at example.test), HTTP validation fetched from a JDK HttpServer the test runs, and e-mail validation
 * through the sandbox mailbox, all over raw mTLS HTTP. The sandbox's DNS server answers the SOA lookup.
 */
class ClaimMethodsTest {
    static Sandbox sandbox;
    static AtlasSimulator sim;
    static SimAccount account;
    static SimTls.Client client;
    static HttpServer web;
    static final AtomicReference<String> served = new AtomicReference<>("");
    static final List<String> hostsAsked = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        web.createContext(HttpEmailValidator.HTTP_PATH, ex -> {
            synchronized (hostsAsked) {
                hostsAsked.add(ex.getRequestURI().getPath());
            }
            byte[] b = served.get().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(b.length == 0 ? 404 : 200, b.length == 0 ? -1 : b.length);
            if (b.length > 0) {
                ex.getResponseBody().write(b);
            }
            ex.close();
        });
        web.start();
        sandbox = Sandbox.start(SimulatorConfig.defaults().port(0)
                .httpValidationTarget("127.0.0.1:" + web.getAddress().getPort()));
        sim = sandbox.simulator();
        account = sim.createAccount(10);
        KeyPair mtls = SimTls.ec();
        client = new SimTls.Client(sim, mtls, SimTls.parseCert(
                sim.issueMtlsCertificate(account.apiKey(), SimTls.csr(mtls, "CN=methods"), Duration.ofDays(1))));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        web.stop(0);
    }

    @BeforeEach
    void login() throws Exception {
        assertThat(client.login(account).statusCode()).isEqualTo(200);
    }

    static JsonObject create(String domain) throws Exception {
        HttpResponse<String> r = client.send("POST", "/claims/domains/" + domain, null);
        assertThat(r.statusCode()).isEqualTo(201);
        return SimTls.json(r);
    }

    static JsonObject claim(String id) throws Exception {
        return SimTls.json(client.get("/claims/domains/" + id));
    }

    @Test
    void aClaimForASubdomainIsProvenByTheTxtAtItsAuthorizationDomain() throws Exception {
        JsonObject c = create("www.example.test");
        String id = c.get("id").getAsString();
        JsonArray adns = JsonParser.parseString(client.get("/claims/domains/" + id + "/dns").body()).getAsJsonArray();
        assertThat(adns).extracting(JsonElement::getAsString).containsExactly("www.example.test.", "example.test.");

        sandbox.publishTxt("example.test", c.get("token").getAsString());
        // the token is at the ADN, not at the claimed name: the plain check fails, the ADN check verifies
        assertThat(client.send("POST", "/claims/domains/" + id + "/dns", null).statusCode()).isEqualTo(422);
        HttpResponse<String> ok = client.send("POST", "/claims/domains/" + id + "/dns",
                "{\"authorization_domain\":\"example.test.\"}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(204);
        assertThat(claim(id).get("status").getAsString()).isEqualTo("VERIFIED");

        JsonObject other = create("www.example.test");
        HttpResponse<String> notAdn = client.send("POST", "/claims/domains/" + other.get("id").getAsString()
                + "/dns", "{\"authorization_domain\":\"elsewhere.test\"}");
        assertThat(notAdn.statusCode()).isEqualTo(422);
        assertThat(notAdn.body()).contains("is not an authorization domain");
    }

    @Test
    void httpValidationFetchesTheWellKnownFileAndNeedsTheExactToken() throws Exception {
        JsonObject c = create("web.example.test");
        String id = c.get("id").getAsString();
        String token = c.get("token").getAsString();

        served.set("globalsign-domain-verification=0123456789ABCDEF0123456789ABCDEF\n");
        HttpResponse<String> wrong = client.send("POST", "/claims/domains/" + id + "/http",
                "{\"authorization_domain\":\"example.test\",\"scheme\":\"http\"}");
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(SimTls.json(wrong).getAsJsonObject("errors").get("http").getAsString())
                .contains("http://example.test/.well-known/pki-validation/gsdv.txt")
                .contains("does not contain the claim token");
        assertThat(claim(id).get("status").getAsString()).isEqualTo("PENDING");
        assertThat(claim(id).getAsJsonArray("log").toString()).contains("ERROR");

        served.set(token + "\n");
        HttpResponse<String> ok = client.send("POST", "/claims/domains/" + id + "/http",
                "{\"authorization_domain\":\"example.test\",\"scheme\":\"http\"}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(204);
        JsonObject verified = claim(id);
        assertThat(verified.get("status").getAsString()).isEqualTo("VERIFIED");
        assertThat(verified.get("last_verification_method").getAsString()).isEqualTo("HTTP");
        synchronized (hostsAsked) {
            assertThat(hostsAsked).contains(HttpEmailValidator.HTTP_PATH);
        }

        HttpResponse<String> badScheme = client.send("POST", "/claims/domains/" + id + "/http",
                "{\"authorization_domain\":\"example.test\",\"scheme\":\"ftp\"}");
        assertThat(badScheme.statusCode()).isEqualTo(422);
    }

    @Test
    void emailValidationListsAuthorisedAddressesSendsAndIsApprovedInTheSandboxMailbox() throws Exception {
        JsonObject c = create("mail.example.test");
        String id = c.get("id").getAsString();
        JsonObject emails = SimTls.json(client.get("/claims/domains/" + id + "/email"));
        assertThat(emails.getAsJsonArray("constructed")).extracting(JsonElement::getAsString)
                .contains("admin@mail.example.test", "postmaster@mail.example.test", "hostmaster@example.test");
        JsonObject soa = emails.getAsJsonObject("DNS").getAsJsonObject("SOA");
        assertThat(soa.getAsJsonArray("emails")).extracting(JsonElement::getAsString)
                .containsExactly("hostmaster@sandbox.invalid");

        HttpResponse<String> stranger = client.send("POST", "/claims/domains/" + id + "/email",
                "{\"email_address\":\"someone@else.test\"}");
        assertThat(stranger.statusCode()).isEqualTo(422);
        HttpResponse<String> sent = client.send("POST", "/claims/domains/" + id + "/email",
                "{\"email_address\":\"Admin@Example.Test\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        assertThat(claim(id).get("status").getAsString()).isEqualTo("PENDING");

        JsonArray box = JsonParser.parseString(client.get("/portal/sandbox-mail?to=admin@example.test").body())
                .getAsJsonArray();
        assertThat(box).hasSize(1);
        JsonObject mail = box.get(0).getAsJsonObject();
        assertThat(mail.get("claim_id").getAsString()).isEqualTo(id);
        assertThat(mail.get("approved_at").getAsLong()).isZero();
        String approve = mail.get("approve_url").getAsString();
        assertThat(client.send("POST", approve, null).statusCode()).isEqualTo(204);
        assertThat(client.send("POST", approve, null).statusCode()).isEqualTo(409);

        JsonObject verified = claim(id);
        assertThat(verified.get("status").getAsString()).isEqualTo("VERIFIED");
        assertThat(verified.get("last_verification_method").getAsString()).isEqualTo("EMAIL");
    }

    @Test
    void anApprovalForAReassertedClaimDoesNotVerifyIt() throws Exception {
        JsonObject c = create("late.example.test");
        String id = c.get("id").getAsString();
        assertThat(client.send("POST", "/claims/domains/" + id + "/email",
                "{\"email_address\":\"webmaster@late.example.test\"}").statusCode()).isEqualTo(201);
        assertThat(client.send("POST", "/claims/domains/" + id + "/reassert", null).statusCode()).isEqualTo(201);
        JsonArray box = JsonParser.parseString(client.get("/portal/sandbox-mail?to=webmaster@late.example.test")
                .body()).getAsJsonArray();
        HttpResponse<String> r = client.send("POST", box.get(0).getAsJsonObject().get("approve_url").getAsString(),
                null);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(claim(id).get("status").getAsString()).isEqualTo("PENDING");
    }
}
