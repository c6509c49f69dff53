package io.atlasonboard.core.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;

import io.atlasonboard.core.atlas.ApproverEmails;
import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.store.DomainClaimRecord;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.sim.SimulatorConfig;
import io.atlasonboard.sim.ValidationPolicies;
import io.atlasonboard.testing.SimProviderFixture;

/**
 * HTTP validation against a loopback web server (JDK HttpServer) the simulator fetches from: the pre-check from
 * this machine and GlobalSign's check both fail on wrong content and pass on the token; e-mail validation: the
 * approver addresses with their sources, the mail sent to one, approved in the sandbox mailbox while the claim is
 * polled, VERIFIED; an address GlobalSign does not list is refused before sending.
 */
class AlternativeValidationSimTest {
    @TempDir
    static Path dir;
    static HttpServer web;
    static final AtomicReference<String> served = new AtomicReference<>("");
    static SimProviderFixture fx;
    static AtlasClient client;

    @BeforeAll
    static void start() throws Exception {
        web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        web.createContext(AlternativeValidation.HTTP_PATH, ex -> {
            byte[] b = served.get().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length == 0 ? -1 : b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        web.start();
        fx = SimProviderFixture.start(SimulatorConfig.defaults()
                        .httpValidationTarget("127.0.0.1:" + web.getAddress().getPort()),
                ValidationPolicies.tls(), IntendedUse.TLS, "methods", dir);
        client = fx.client(2, null);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (fx != null) {
            fx.close();
        }
        if (web != null) {
            web.stop(0);
        }
    }

    static URI local() {
        return URI.create("http://127.0.0.1:" + web.getAddress().getPort() + AlternativeValidation.HTTP_PATH);
    }

    @Test
    void httpValidationWrongContentThenToken() {
        ClaimService svc = new ClaimService(fx.store(), fx.provider, client);
        DomainClaimRecord rec = svc.claim("www.http.test").claim();
        AlternativeValidation alt = new AlternativeValidation(svc, client).sleeper(d -> Thread.sleep(10))
                .pollInterval(Duration.ofMillis(50));
        AlternativeValidation.HttpFile f = AlternativeValidation.httpFile(rec, "http.test", "http");
        assertThat(f.url()).hasToString("http://http.test/.well-known/pki-validation/gsdv.txt");
        assertThat(f.content()).isEqualTo(rec.token());

        served.set("globalsign-domain-verification=WRONG");
        AlternativeValidation.Precheck bad = AlternativeValidation.precheck(f, local(), Duration.ofSeconds(5));
        assertThat(bad.ok()).isFalse();
        assertThat(bad.detail()).contains("serves other content").contains("WRONG");
        VerifyResult refused = alt.verifyHttp(rec, "http.test", "http", Duration.ofSeconds(5));
        assertThat(refused.state()).as(refused.describe()).isEqualTo(VerifyResult.State.ERROR);
        assertThat(client.getClaim(rec.claimId()).verified()).isFalse();

        served.set(rec.token() + "\n");
        AlternativeValidation.Precheck good = AlternativeValidation.precheck(f, local(), Duration.ofSeconds(5));
        assertThat(good.ok()).as(good.detail()).isTrue();
        VerifyResult ok = alt.verifyHttp(rec, "http.test", "http", Duration.ofSeconds(5));
        assertThat(ok.state()).as(ok.describe()).isEqualTo(VerifyResult.State.VERIFIED);
        assertThat(client.getClaim(rec.claimId()).lastVerificationMethod()).containsIgnoringCase("http");
        assertThat(svc.current("www.http.test").orElseThrow().status()).isEqualTo("VERIFIED");
    }

    @Test
    void emailValidationApprovedInTheSandboxMailbox() throws Exception {
        ClaimService svc = new ClaimService(fx.store(), fx.provider, client);
        DomainClaimRecord rec = svc.claim("www.mail.test").claim();
        AtomicInteger approvals = new AtomicInteger();
        AlternativeValidation alt = new AlternativeValidation(svc, client).pollInterval(Duration.ofMillis(50))
                .sleeper(d -> {
                    if (approvals.get() == 0) {
                        approvals.incrementAndGet();
                        approve("admin@www.mail.test"); // the recipient clicks "Approve" while we poll
                    }
                    Thread.sleep(10);
                });
        List<ApproverEmails.Address> addrs = alt.approverAddresses(rec);
        assertThat(addrs).contains(new ApproverEmails.Address("admin@www.mail.test", "constructed"),
                new ApproverEmails.Address("postmaster@mail.test", "constructed"));

        VerifyResult unknown = alt.verifyEmail(rec, "someone@else.test", Duration.ofSeconds(5));
        assertThat(unknown.state()).isEqualTo(VerifyResult.State.ERROR);
        assertThat(unknown.reason()).contains("is not an approver address").contains("admin@www.mail.test");
        assertThat(mails("admin@www.mail.test").size()).isZero();

        VerifyResult r = alt.verifyEmail(rec, "admin@www.mail.test", Duration.ofSeconds(30));
        assertThat(r.state()).as(r.describe()).isEqualTo(VerifyResult.State.VERIFIED);
        assertThat(approvals.get()).isEqualTo(1);
        assertThat(client.getClaim(rec.claimId()).verified()).isTrue();
    }

    static HttpClient portal() throws Exception {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("sim", CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(fx.sim.serverCaPem().getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ctx).proxy(HttpClient.Builder.NO_PROXY).build();
    }

    static JsonArray mails(String to) throws Exception {
        HttpResponse<String> r = portal().send(HttpRequest.newBuilder(URI.create(fx.sim.portalUrl()
                + "/sandbox-mail?to=" + to)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JsonParser.parseString(r.body()).getAsJsonArray();
    }

    static void approve(String to) {
        try {
            JsonArray box = mails(to);
            assertThat(box.size()).isEqualTo(1);
            String url = box.get(0).getAsJsonObject().get("approve_url").getAsString();
            URI u = URI.create(fx.sim.portalUrl()).resolve(url);
            HttpResponse<String> r = portal().send(HttpRequest.newBuilder(u)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
