package io.atlasonboard.core.atlas;

import io.atlasonboard.core.providers.PolicySummary;

import io.atlasonboard.testing.Secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.Authenticator;
import java.net.ProxySelector;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

/** The client's protocol rules against a real HTTPS + client-certificate peer on loopback. */
class AtlasClientTest {
    private AtlasFixture fx;
    private LoopbackHvca server;
    private AtlasFixture.RecordingSleeper sleeper;
    private MutableClock clock;

    @BeforeEach
    void start() throws Exception {
        fx = AtlasFixture.get();
        server = fx.startServer();
        sleeper = new AtlasFixture.RecordingSleeper();
        clock = new MutableClock(Instant.now());
        server.clock = clock;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private AtlasClient client(String key, String secret) {
        return new AtlasClient(fx.config(server.baseUrl(), fx.p12A, sleeper).clock(clock).build(), key,
                secret.toCharArray());
    }

    @Test
    void apiUrlIsNormalisedWithOrWithoutV2AndTrailingSlash() {
        for (String s : List.of("https://emea.api.hvca.globalsign.com:8443", "https://emea.api.hvca.globalsign.com:8443/",
                "https://emea.api.hvca.globalsign.com:8443/v2", "https://emea.api.hvca.globalsign.com:8443/v2/",
                " https://emea.api.hvca.globalsign.com:8443/V2// ")) {
            assertThat(AtlasConnectionConfig.normaliseApiUrl(s).toString()).as(s)
                    .isEqualTo("https://emea.api.hvca.globalsign.com:8443/v2");
        }
        assertThat(AtlasConnectionConfig.normaliseApiUrl("https://h.example/prefix/").toString())
                .isEqualTo("https://h.example/prefix/v2");
        assertThatThrownBy(() -> AtlasConnectionConfig.normaliseApiUrl("http://h.example/v2"))
                .hasMessageContaining("https://");
        assertThatThrownBy(() -> AtlasConnectionConfig.normaliseApiUrl("")).hasMessageContaining("empty");
    }

    @Test
    void goodPathReadsPolicyQuotaCountersAndToleratesUnknownFields() {
        try (AtlasClient c = client(AtlasFixture.KEY_A, AtlasFixture.SECRET_A)) {
            ValidationPolicy p = c.validationPolicy();
            assertThat(c.loginCount()).isEqualTo(1);
            assertThat(p.publicKey().keyType()).isEqualTo("RSA");
            assertThat(p.publicKey().allowedLengths()).containsExactly(2048, 4096);
            assertThat(p.publicKey().keyFormat()).isEqualTo("PKCS10");
            assertThat(p.validity().secondsmax()).isEqualTo(7776000L);
            assertThat(p.san().dnsNames().maxcount()).isEqualTo(5);
            assertThat(p.extendedKeyUsages().ekus().isStatic()).isTrue();
            assertThat(p.subjectField("organization").format()).isEqualTo("Acme Retail Inc");
            assertThat(p.raw().has("a_field_from_the_future")).isTrue();
            assertThat(c.quotaIssuance()).isEqualTo(999881L);
            assertThat(c.countIssued()).isEqualTo(7L);
            assertThat(c.countRevoked()).isEqualTo(7L);
            assertThat(c.trustChain()).hasSize(1);
            assertThat(c.loginCount()).as("token reused").isEqualTo(1);
            String summary = PolicySummary.describe(p);
            assertThat(summary).contains("RSA 2048 or 4096 bits", "PKCS10", "DNS names: 0 to 5",
                    "E-mail addresses: not allowed", "clientAuth (1.3.6.1.5.5.7.3.2)", "Maximum validity: 90 days",
                    "organization = \"Acme Retail Inc\"");
        }
    }

    @Test
    void rateLimitIsRetriedWithBackoffThenSucceeds() {
        try (AtlasClient c = client(AtlasFixture.KEY_A, AtlasFixture.SECRET_A)) {
            c.login();
            server.fail(429, 429);
            assertThat(c.quotaIssuance()).isEqualTo(999881L);
            assertThat(server.count("GET /quotas/issuance")).isEqualTo(3);
            assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        }
    }

    @Test
    void serviceBusyIsRetriedAndReportedWithProblemDetailsWhenItPersists() {
        try (AtlasClient c = client(AtlasFixture.KEY_A, AtlasFixture.SECRET_A)) {
            c.login();
            server.fail(503);
            assertThat(c.countIssued()).isEqualTo(7L);
            server.fail(503, 503, 503, 503, 503);
            AtlasApiException e = catchThrowableOfType(AtlasApiException.class, c::countIssued);
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.description()).isEqualTo("Service busy, please retry later");
            assertThat(e.id()).isEqualTo("0vqe8FWeDe4DQ7rU7wbzzGmPc4B");
            assertThat(sleeper.sleeps).hasSize(1 + 3);
        }
    }

    @Test
    void tokenIsRenewedBeforeTenMinutesByTheClock() {
        try (AtlasClient c = client(AtlasFixture.KEY_A, AtlasFixture.SECRET_A)) {
            c.quotaIssuance();
            clock.advance(Duration.ofMinutes(8));
            c.quotaIssuance();
            assertThat(c.loginCount()).isEqualTo(1);
            clock.advance(Duration.ofSeconds(90)); // 9.5 minutes after login: the server still accepts it
            c.quotaIssuance();
            assertThat(c.loginCount()).as("re-login at 9 minutes, before expiry").isEqualTo(2);
            assertThat(server.requests).doesNotContain("GET 401");
            clock.advance(Duration.ofMinutes(25)); // far beyond: the old token is dead on the server too
            assertThat(c.validationPolicy()).isNotNull();
            assertThat(c.loginCount()).isEqualTo(3);
        }
    }

    @Test
    void a401IsAnsweredWithOneReloginAndRetry() {
        try (AtlasClient c = client(AtlasFixture.KEY_A, AtlasFixture.SECRET_A)) {
            c.login();
            server.revokeTokens();
            int before = server.requests.size();
            assertThat(c.quotaIssuance()).isEqualTo(999881L);
            assertThat(server.requests.subList(before, server.requests.size()))
                    .containsExactly("GET /quotas/issuance", "POST /login", "GET /quotas/issuance");
            assertThat(c.loginCount()).isEqualTo(2);
        }
    }

    @Test
    void loginRefusalIsNotRetriedAndNeverShowsTheSecret() {
        try (AtlasClient c = client(AtlasFixture.KEY_A, "wrong-secret-value")) {
            AtlasApiException e = catchThrowableOfType(AtlasApiException.class, c::quotaIssuance);
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.path()).isEqualTo("/login");
            assertThat(server.count("POST /login")).isEqualTo(1);
            Secrets.assertAbsent(e.getMessage(), "AtlasApiException message", "wrong-secret-value");
        }
    }

    @Test
    void certificateRequestPickupAndRevocationWithDeleteFallback() {
        try (AtlasClient c = client(AtlasFixture.KEY_A, AtlasFixture.SECRET_A)) {
            JsonObject req = new JsonObject();
            req.addProperty("public_key", "-----BEGIN CERTIFICATE REQUEST-----\n...");
            String serial = c.requestCertificate(req);
            assertThat(serial).isEqualTo("01F61750041A52E5561F0DC342A4BF3D");
            server.pendingPolls = 1;
            assertThat(c.getCertificate(serial).pending()).isTrue();
            server.pendingPolls = 2;
            CertificateInfo info = c.awaitCertificate(serial);
            assertThat(info.status()).isEqualTo("ISSUED");
            assertThat(info.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
            assertThat(info.updatedAt()).isEqualTo(Instant.ofEpochSecond(1700000000));
            assertThat(sleeper.sleeps).hasSize(2);
            assertThat(c.revokeCertificate(serial, RevocationReason.SUPERSEDED)).isEqualTo("PATCH");
            server.patchSupported = false;
            assertThat(c.revokeCertificate(serial, RevocationReason.parse("keyCompromise"))).isEqualTo("DELETE");
            assertThat(server.requests).contains("PATCH /certificates/" + serial, "DELETE /certificates/" + serial);
            // an unknown certificate (404) is reported, never retried with the deprecated DELETE
            server.patchSupported = true;
            int before = server.requests.size();
            assertThatThrownBy(() -> c.revokeCertificate("00", RevocationReason.SUPERSEDED))
                    .isInstanceOf(AtlasApiException.class)
                    .satisfies(e -> assertThat(((AtlasApiException) e).status()).isEqualTo(404));
            assertThat(server.requests.subList(before, server.requests.size()))
                    .noneMatch(r -> r.startsWith("DELETE"));
            assertThatThrownBy(() -> c.getCertificate("01:02")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void claimsCreateListAndValidationErrors() {
        try (AtlasClient c = client(AtlasFixture.KEY_A, AtlasFixture.SECRET_A)) {
            ClaimToken t = c.createClaim("example.com");
            assertThat(t.id()).isEqualTo("887D348DCF861009C4EC5DFFEEF7A2A6");
            assertThat(t.token()).isEqualTo("globalsign-domain-verification=2044275D87CE4115047E08E9B4076586");
            assertThat(t.assertBy()).isEqualTo(1700000000L);
            AtlasApiException e = catchThrowableOfType(AtlasApiException.class, () -> c.createClaim("blocked.example"));
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.errors()).containsEntry("blacklist", "blocked.example is not allowed by the blacklist");
            assertThat(e.id()).isEqualTo("X1");
            List<Claim> all = c.listAllClaims(null);
            assertThat(all).extracting(Claim::id).containsExactly("A1", "A2", "A3");
            assertThat(all.get(0).log()).hasSize(1);
            assertThat(c.assertDns(t.id(), null)).isEqualTo(DnsAssertion.SCHEDULED);
        }
    }

    @Test
    void locationIsParsedByItsLastSegment() {
        assertThat(AtlasClient.lastSegment("/v2/certificates/01AB")).isEqualTo("01AB");
        assertThat(AtlasClient.lastSegment("https://h:8443/v2/claims/domains/ABC/")).isEqualTo("ABC");
        assertThat(AtlasClient.lastSegment("ABC")).isEqualTo("ABC");
    }

    @Test
    void noJvmWideProxyOrAuthenticatorIsInstalled() {
        ProxySelector before = ProxySelector.getDefault();
        AtlasConnectionConfig cfg = fx.config(server.baseUrl(), fx.p12A, sleeper)
                .proxy(new ProxySettings("127.0.0.1", 3128, "u", "p".toCharArray())).build();
        new AtlasClient(cfg, AtlasFixture.KEY_A, AtlasFixture.SECRET_A.toCharArray()).close();
        assertThat(ProxySelector.getDefault()).isSameAs(before);
        assertThat(Authenticator.getDefault()).isNull();
    }
}
