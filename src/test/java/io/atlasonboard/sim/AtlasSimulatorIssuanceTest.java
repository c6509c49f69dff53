package io.atlasonboard.sim;

import static io.atlasonboard.sim.AtlasSimulatorLoginTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Claims, DNS assertion against the sandbox zone, issuance, revocation, counters and stats over real mTLS. */
class AtlasSimulatorIssuanceTest {
    static SimClock clock;
    static AtlasSimulator sim;
    static SimAccount account;
    static SimTls.Client client;
    static KeyPair certKey;
    static String csrPem;

    @BeforeAll
    static void start() throws Exception {
        clock = new SimClock();
        sim = AtlasSimulator.start(SimulatorConfig.defaults().clock(clock).blockDomain("blocked.example"));
        account = sim.createAccount(1000);
        KeyPair mtls = SimTls.ec();
        client = new SimTls.Client(sim, mtls, SimTls.parseCert(
                sim.issueMtlsCertificate(account.apiKey(), SimTls.csr(mtls, "CN=issuance test"), Duration.ofDays(1))));
        certKey = SimTls.rsa2048();
        csrPem = SimTls.csr(certKey, "CN=ignored by hvca");
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void login() throws Exception {
        sim.faults().reset();
        sim.faults().claimChecksImmediate();
        assertThat(client.login(account).statusCode()).isEqualTo(200);
    }

    static String lastSegment(HttpResponse<?> r) {
        String loc = r.headers().firstValue("Location").orElseThrow();
        return loc.substring(loc.lastIndexOf('/') + 1);
    }

    /** Creates a claim, publishes its token in the sandbox zone, verifies it; returns the claim id. */
    static String verifiedClaim(String domain) throws Exception {
        HttpResponse<String> c = client.send("POST", "/claims/domains/" + domain, null);
        assertThat(c.statusCode()).isEqualTo(201);
        sim.sandboxZone().publish(domain, SimTls.json(c).get("token").getAsString());
        String id = lastSegment(c);
        assertThat(client.send("POST", "/claims/domains/" + id + "/dns", null).statusCode()).isEqualTo(204);
        return id;
    }

    static JsonObject request(String cn, String... dns) {
        JsonObject o = new JsonObject();
        JsonObject validity = new JsonObject();
        validity.addProperty("not_before", clock.instant().getEpochSecond());
        validity.addProperty("not_after", clock.instant().plus(Duration.ofDays(30)).getEpochSecond());
        o.add("validity", validity);
        JsonObject dn = new JsonObject();
        dn.addProperty("common_name", cn);
        o.add("subject_dn", dn);
        JsonObject san = new JsonObject();
        JsonArray names = new JsonArray();
        for (String d : dns) {
            names.add(d);
        }
        san.add("dns_names", names);
        o.add("san", san);
        o.addProperty("public_key", csrPem);
        return o;
    }

    @Test
    void claimLifecycleWithTokenFormatLocationAdnListAndVerification() throws Exception {
        long now = clock.instant().getEpochSecond();
        HttpResponse<String> c = client.send("POST", "/claims/domains/WWW.Claims-Test.example.", null);
        assertThat(c.statusCode()).isEqualTo(201);
        String id = lastSegment(c);
        assertThat(id).matches("[0-9A-F]{32}");
        assertThat(c.headers().firstValue("Location")).hasValue("/v2/claims/domains/" + id);
        JsonObject body = SimTls.json(c);
        assertThat(body.get("id").getAsString()).isEqualTo(id);
        String token = body.get("token").getAsString();
        assertThat(token).matches("globalsign-domain-verification=[0-9A-F]{32}");
        assertThat(body.get("assert_by").getAsLong()).isEqualTo(now + 30 * 86400);

        JsonObject claim = SimTls.json(client.get("/claims/domains/" + id));
        assertThat(claim.get("domain").getAsString()).isEqualTo("www.claims-test.example.");
        assertThat(claim.get("status").getAsString()).isEqualTo("PENDING");
        assertThat(claim.get("expires_at").getAsLong()).isZero();
        assertThat(claim.get("created_at").getAsLong()).isEqualTo(now);

        HttpResponse<String> adns = client.get("/claims/domains/" + id + "/dns");
        assertThat(JsonParser.parseString(adns.body()).getAsJsonArray())
                .containsExactly(prim("www.claims-test.example."), prim("claims-test.example."));

        // nothing published: the check fails with an ERROR log entry
        HttpResponse<String> fail = client.send("POST", "/claims/domains/" + id + "/dns", null);
        assertProblem(fail, 422, "error verifying domain claim");
        assertThat(SimTls.json(fail).getAsJsonObject("errors").get("dns").getAsString()).contains("no TXT record");
        // a wrong value is reported as such
        sim.sandboxZone().publish("www.claims-test.example", "globalsign-domain-verification=00");
        assertThat(SimTls.json(client.send("POST", "/claims/domains/" + id + "/dns", null))
                .getAsJsonObject("errors").get("dns").getAsString()).contains("does not contain the claim token");
        // the bare hex part is not the token: the full string must be published
        sim.sandboxZone().publish("www.claims-test.example", token.substring(token.indexOf('=') + 1));
        assertThat(client.send("POST", "/claims/domains/" + id + "/dns", null).statusCode()).isEqualTo(422);
        sim.sandboxZone().publish("www.claims-test.example.", token);
        assertThat(client.send("POST", "/claims/domains/" + id + "/dns", null).statusCode()).isEqualTo(204);

        claim = SimTls.json(client.get("/claims/domains/" + id));
        assertThat(claim.get("status").getAsString()).isEqualTo("VERIFIED");
        assertThat(claim.get("assert_by").getAsLong()).isZero();
        assertThat(claim.get("expires_at").getAsLong()).isEqualTo(now + 397 * 86400);
        List<String> statuses = new ArrayList<>();
        claim.getAsJsonArray("log").forEach(e -> statuses.add(e.getAsJsonObject().get("status").getAsString()));
        assertThat(statuses).containsExactly("ERROR", "ERROR", "ERROR", "SUCCESS");

        assertThat(client.send("DELETE", "/claims/domains/" + id, null).statusCode()).isEqualTo(204);
        assertProblem(client.get("/claims/domains/" + id), 404, "Not found");
    }

    static JsonElement prim(String s) {
        return new com.google.gson.JsonPrimitive(s);
    }

    @Test
    void authorizationDomainMustBeInTheListAndIsWhereTheRecordIsLookedUp() throws Exception {
        HttpResponse<String> c = client.send("POST", "/claims/domains/a.adn-test.example", null);
        String id = lastSegment(c);
        String token = SimTls.json(c).get("token").getAsString();
        assertProblem(client.send("POST", "/claims/domains/" + id + "/dns", "{\"authorization_domain\":\"\"}"), 422,
                "authorization_domain");
        assertProblem(client.send("POST", "/claims/domains/" + id + "/dns",
                "{\"authorization_domain\":\"other.example\"}"), 422, "not an authorization domain");
        sim.sandboxZone().publish("adn-test.example", token);
        assertThat(client.send("POST", "/claims/domains/" + id + "/dns",
                "{\"authorization_domain\":\"adn-test.example.\"}").statusCode()).isEqualTo(204);
    }

    @Test
    void invalidBlockedAndWildcardClaimsAre422WithErrorsMap() throws Exception {
        for (String bad : List.of("*.example.com", "exa_mple.com", "nodot", "-bad.example.com")) {
            HttpResponse<String> r = client.send("POST", "/claims/domains/" + bad, null);
            assertProblem(r, 422, "Validation error message");
            assertThat(SimTls.json(r).getAsJsonObject("errors").get("domain").getAsString()).contains(bad);
        }
        HttpResponse<String> blocked = client.send("POST", "/claims/domains/www.blocked.example", null);
        assertProblem(blocked, 422, "Validation error message");
        assertThat(SimTls.json(blocked).getAsJsonObject("errors").get("blacklist").getAsString())
                .contains("not allowed by the blacklist");
        assertProblem(client.get("/claims/domains/0123456789ABCDEF0123456789ABCDEF"), 404, "Not found");
        assertProblem(client.get("/claims/domains/not-an-id"), 422, "invalid claim id");
    }

    @Test
    void claimListFiltersByStatusAndPaginatesWithHeaders() throws Exception {
        SimAccount other = sim.createAccount(10);
        KeyPair kp = SimTls.ec();
        SimTls.Client c = new SimTls.Client(sim, kp, SimTls.parseCert(
                sim.issueMtlsCertificate(other.apiKey(), SimTls.csr(kp, "CN=list"), Duration.ofDays(1))));
        assertThat(c.login(other).statusCode()).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(c.send("POST", "/claims/domains/d" + i + ".list-test.example", null).statusCode()).isEqualTo(201);
        }
        HttpResponse<String> p2 = c.get("/claims/domains?status=PENDING&page=2&per_page=2");
        assertThat(p2.statusCode()).isEqualTo(200);
        assertThat(p2.headers().firstValue("Total-Count")).hasValue("5");
        assertThat(p2.headers().firstValue("Links").orElseThrow())
                .contains("page=1&per_page=2&status=PENDING>; rel=\"previous\"")
                .contains("page=3&per_page=2&status=PENDING>; rel=\"next\"")
                .contains("page=3&per_page=2&status=PENDING>; rel=\"last\"");
        JsonArray items = JsonParser.parseString(p2.body()).getAsJsonArray();
        assertThat(items).hasSize(2);
        assertThat(items.get(0).getAsJsonObject().get("domain").getAsString()).isEqualTo("d2.list-test.example.");
        HttpResponse<String> verified = c.get("/claims/domains?status=VERIFIED");
        assertThat(verified.headers().firstValue("Total-Count")).hasValue("0");
        assertProblem(c.get("/claims/domains?status=EXPIRED"), 422, "status");
        assertProblem(c.get("/claims/domains?per_page=101"), 422, "per_page");
    }

    @Test
    void expiredClaimIs424ThenReassertGivesANewTokenThatVerifies() throws Exception {
        HttpResponse<String> c = client.send("POST", "/claims/domains/expiry-test.example", null);
        String id = lastSegment(c);
        String oldToken = SimTls.json(c).get("token").getAsString();
        clock.advance(Duration.ofDays(30).plusSeconds(1));
        try {
            assertThat(client.login(account).statusCode()).isEqualTo(200);
            sim.sandboxZone().publish("expiry-test.example", oldToken);
            assertProblem(client.send("POST", "/claims/domains/" + id + "/dns", null), 424,
                    "Claim expired. Reassert first");
            HttpResponse<String> re = client.send("POST", "/claims/domains/" + id + "/reassert", null);
            assertThat(re.statusCode()).isEqualTo(201);
            assertThat(re.headers().firstValue("Location")).hasValue("/v2/claims/domains/" + id);
            String newToken = SimTls.json(re).get("token").getAsString();
            assertThat(newToken).isNotEqualTo(oldToken).startsWith("globalsign-domain-verification=");
            assertThat(SimTls.json(re).get("assert_by").getAsLong())
                    .isEqualTo(clock.instant().plus(Duration.ofDays(30)).getEpochSecond());
            // the old token no longer verifies
            assertThat(client.send("POST", "/claims/domains/" + id + "/dns", null).statusCode()).isEqualTo(422);
            sim.sandboxZone().publish("expiry-test.example", newToken);
            assertThat(client.send("POST", "/claims/domains/" + id + "/dns", null).statusCode()).isEqualTo(204);
            assertThat(SimTls.json(client.get("/claims/domains/" + id)).get("status").getAsString())
                    .isEqualTo("VERIFIED");
        } finally {
            clock.advance(Duration.ofDays(-30).minusSeconds(1));
        }
    }

    @Test
    void deferredChecksAnswer201Then202UntilDueOrCompleted() throws Exception {
        sim.faults().claimChecksDeferred(Duration.ofSeconds(30));
        HttpResponse<String> c = client.send("POST", "/claims/domains/deferred-test.example", null);
        String id = lastSegment(c);
        sim.sandboxZone().publish("deferred-test.example", SimTls.json(c).get("token").getAsString());
        assertThat(client.send("POST", "/claims/domains/" + id + "/dns", null).statusCode()).isEqualTo(201);
        assertThat(client.send("POST", "/claims/domains/" + id + "/dns", null).statusCode()).isEqualTo(202);
        assertThat(client.send("POST", "/claims/domains/" + id + "/reassert", null).statusCode()).isEqualTo(202);
        assertThat(SimTls.json(client.get("/claims/domains/" + id)).get("status").getAsString()).isEqualTo("PENDING");
        clock.advance(Duration.ofSeconds(30));
        assertThat(SimTls.json(client.get("/claims/domains/" + id)).get("status").getAsString()).isEqualTo("VERIFIED");

        HttpResponse<String> c2 = client.send("POST", "/claims/domains/deferred-test2.example", null);
        String id2 = lastSegment(c2);
        assertThat(client.send("POST", "/claims/domains/" + id2 + "/dns", null).statusCode()).isEqualTo(201);
        sim.completePendingChecks(); // nothing published: ERROR entry, still PENDING, no check running any more
        JsonObject claim = SimTls.json(client.get("/claims/domains/" + id2));
        assertThat(claim.get("status").getAsString()).isEqualTo("PENDING");
        JsonArray log = claim.getAsJsonArray("log");
        assertThat(log.get(log.size() - 1).getAsJsonObject().get("status").getAsString()).isEqualTo("ERROR");
        assertThat(client.send("POST", "/claims/domains/" + id2 + "/dns", null).statusCode()).isEqualTo(201);
    }

    @Test
    void issuanceEndToEndWithPendingPeriodTrustChainAndRevocation() throws Exception {
        verifiedClaim("issue-test.example");
        sim.faults().issuancePendingPolls(2);
        long issuedBefore = account.issuedCount();
        long quotaBefore = SimTls.json(client.get("/quotas/issuance")).get("value").getAsLong();
        HttpResponse<String> r = client.send("POST", "/certificates",
                request("www.issue-test.example", "www.issue-test.example", "*.issue-test.example").toString());
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.body()).isEmpty();
        String serial = lastSegment(r);
        assertThat(serial).matches("01[0-9A-F]{30}");
        assertThat(r.headers().firstValue("Location")).hasValue("/v2/certificates/" + serial);
        assertThat(SimTls.json(client.get("/quotas/issuance")).get("value").getAsLong()).isEqualTo(quotaBefore - 1);
        assertThat(SimTls.json(client.get("/counters/certificates/issued")).get("value").getAsLong())
                .isEqualTo(issuedBefore + 1);

        HttpResponse<String> pending = client.get("/certificates/" + serial);
        assertThat(pending.statusCode()).isEqualTo(202);
        assertThat(SimTls.json(pending).get("description").getAsString()).isEqualTo("Operation in progress");
        assertProblem(client.send("PATCH", "/certificates/" + serial, "{\"revocation_reason\":\"superseded\"}"), 409,
                "pending");
        assertThat(client.get("/certificates/" + serial).statusCode()).isEqualTo(202); // second of two polls
        HttpResponse<String> done = client.get("/certificates/" + serial);
        assertThat(done.statusCode()).isEqualTo(200);
        JsonObject body = SimTls.json(done);
        assertThat(body.get("status").getAsString()).isEqualTo("ISSUED");
        assertThat(body.get("updated_at").getAsLong()).isEqualTo(clock.instant().getEpochSecond());
        X509Certificate cert = SimTls.parseCert(body.get("certificate").getAsString());

        assertThat(cert.getSerialNumber().toString(16).toUpperCase()).isEqualTo(serial.replaceFirst("^0", ""));
        assertThat(cert.getPublicKey()).isEqualTo(certKey.getPublic());
        X500Name subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        assertThat(IETFUtils.valueToString(subject.getRDNs(BCStyle.CN)[0].getFirst().getValue()))
                .isEqualTo("www.issue-test.example");
        assertThat(IETFUtils.valueToString(subject.getRDNs(BCStyle.O)[0].getFirst().getValue()))
                .isEqualTo(ValidationPolicies.SANDBOX_ORGANIZATION);
        assertThat(IETFUtils.valueToString(subject.getRDNs(BCStyle.C)[0].getFirst().getValue())).isEqualTo("DE");
        List<String> sans = new ArrayList<>();
        cert.getSubjectAlternativeNames().forEach(l -> sans.add((String) l.get(1)));
        assertThat(sans).containsExactly("www.issue-test.example", "*.issue-test.example");
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(cert.getKeyUsage()[0]).isTrue(); // digitalSignature
        assertThat(cert.getKeyUsage()[2]).isTrue(); // keyEncipherment
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getNotAfter().toInstant().getEpochSecond())
                .isEqualTo(clock.instant().plus(Duration.ofDays(30)).getEpochSecond());

        // /trustchain: issuing CA first, root last; the JDK validates leaf -> issuing -> root
        JsonArray chain = JsonParser.parseString(client.get("/trustchain").body()).getAsJsonArray();
        assertThat(chain).hasSize(2);
        X509Certificate issuing = SimTls.parseCert(chain.get(0).getAsString());
        X509Certificate root = SimTls.parseCert(chain.get(1).getAsString());
        assertThat(cert.getIssuerX500Principal()).isEqualTo(issuing.getSubjectX500Principal());
        assertThat(issuing.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        params.setRevocationEnabled(false);
        params.setDate(java.util.Date.from(clock.instant())); // other tests move the shared clock ahead
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(cert, issuing)), params);

        // revocation: bad reason 422, PATCH 204, again 409, status REVOKED, counter +1
        long revokedBefore = SimTls.json(client.get("/counters/certificates/revoked")).get("value").getAsLong();
        assertProblem(client.send("PATCH", "/certificates/" + serial, "{\"revocation_reason\":\"lost\"}"), 422,
                "revocation_reason");
        clock.advance(Duration.ofSeconds(5));
        assertThat(client.send("PATCH", "/certificates/" + serial, "{\"revocation_reason\":\"keyCompromise\"}")
                .statusCode()).isEqualTo(204);
        assertProblem(client.send("PATCH", "/certificates/" + serial, "{\"revocation_reason\":\"keyCompromise\"}"),
                409, "REVOKED");
        assertProblem(client.send("DELETE", "/certificates/" + serial, null), 409, "REVOKED");
        JsonObject revoked = SimTls.json(client.get("/certificates/" + serial));
        assertThat(revoked.get("status").getAsString()).isEqualTo("REVOKED");
        assertThat(revoked.get("updated_at").getAsLong()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(SimTls.json(client.get("/counters/certificates/revoked")).get("value").getAsLong())
                .isEqualTo(revokedBefore + 1);

        // stats: issued within the default window (last 10 minutes), revoked too
        HttpResponse<String> stats = client.get("/stats/issued?per_page=100");
        assertThat(stats.headers().firstValue("Total-Count")).isPresent();
        assertThat(stats.body()).contains("\"serial_number\":\"" + serial + "\"");
        assertThat(client.get("/stats/revoked").body()).contains(serial);
        assertProblem(client.get("/stats/issued?from=10&to=5"), 422, "from");
        assertProblem(client.get("/stats/issued?from=0&to=" + 31L * 86400), 422, "30 days");
    }

    @Test
    void deleteIsADeprecatedRevocationAlias() throws Exception {
        verifiedClaim("delete-test.example");
        HttpResponse<String> r = client.send("POST", "/certificates",
                request("delete-test.example", "delete-test.example").toString());
        String serial = lastSegment(r);
        assertThat(client.get("/certificates/" + serial).statusCode()).isEqualTo(200);
        assertThat(client.send("DELETE", "/certificates/" + serial, null).statusCode()).isEqualTo(204);
        assertThat(SimTls.json(client.get("/certificates/" + serial)).get("status").getAsString()).isEqualTo("REVOKED");
    }

    @Test
    void issuanceDelayRunsOnTheSimulatorClock() throws Exception {
        verifiedClaim("delay-test.example");
        sim.faults().issuanceDelay(Duration.ofSeconds(20));
        String serial = lastSegment(client.send("POST", "/certificates",
                request("delay-test.example", "delay-test.example").toString()));
        assertThat(client.get("/certificates/" + serial).statusCode()).isEqualTo(202);
        clock.advance(Duration.ofSeconds(19));
        assertThat(client.get("/certificates/" + serial).statusCode()).isEqualTo(202);
        clock.advance(Duration.ofSeconds(1));
        assertThat(client.get("/certificates/" + serial).statusCode()).isEqualTo(200);
    }

    @Test
    void nameWithoutAVerifiedClaimIs422() throws Exception {
        verifiedClaim("covered.example");
        HttpResponse<String> r = client.send("POST", "/certificates",
                request("covered.example", "covered.example", "www.not-claimed.example").toString());
        assertProblem(r, 422, "san.dns_names: www.not-claimed.example is not covered by a verified domain claim");
        // a pending (unverified) claim does not count either
        client.send("POST", "/claims/domains/pending-only.example", null);
        assertProblem(client.send("POST", "/certificates", request("pending-only.example", "pending-only.example")
                .toString()), 422, "not covered");
    }

    @Test
    void policyViolationsAre422WithFieldNames() throws Exception {
        verifiedClaim("policy-test.example");
        JsonObject ok = request("policy-test.example", "policy-test.example");

        JsonObject wrongOrg = ok.deepCopy();
        wrongOrg.getAsJsonObject("subject_dn").addProperty("organization", "Evil Corp");
        assertProblem(client.send("POST", "/certificates", wrongOrg.toString()), 422, "subject_dn.organization:");

        JsonObject forbidden = ok.deepCopy();
        forbidden.getAsJsonObject("subject_dn").addProperty("email", "a@policy-test.example");
        assertProblem(client.send("POST", "/certificates", forbidden.toString()), 422, "subject_dn.email:");

        JsonObject noCn = ok.deepCopy();
        noCn.getAsJsonObject("subject_dn").remove("common_name");
        assertProblem(client.send("POST", "/certificates", noCn.toString()), 422, "subject_dn.common_name: is required");

        JsonObject noSans = ok.deepCopy();
        noSans.getAsJsonObject("san").add("dns_names", new JsonArray());
        assertProblem(client.send("POST", "/certificates", noSans.toString()), 422,
                "san.dns_names: has to have between 1 and 100 items");

        JsonObject tooLong = ok.deepCopy();
        tooLong.getAsJsonObject("validity").addProperty("not_after",
                clock.instant().plus(Duration.ofDays(91)).getEpochSecond());
        assertProblem(client.send("POST", "/certificates", tooLong.toString()), 422, "validity.not_after:");

        JsonObject skew = ok.deepCopy();
        skew.getAsJsonObject("validity").addProperty("not_before", clock.instant().minusSeconds(3600).getEpochSecond());
        assertProblem(client.send("POST", "/certificates", skew.toString()), 422, "validity.not_before:");

        JsonObject ekus = ok.deepCopy();
        JsonArray e = new JsonArray();
        e.add("1.3.6.1.5.5.7.3.4");
        ekus.add("extended_key_usages", e);
        assertProblem(client.send("POST", "/certificates", ekus.toString()), 422, "extended_key_usages:");

        JsonObject pkcs8 = ok.deepCopy();
        pkcs8.addProperty("public_key", SimPki.pem(org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(
                certKey.getPublic().getEncoded())));
        assertProblem(client.send("POST", "/certificates", pkcs8.toString()), 422, "public_key: key_format is PKCS10");

        JsonObject badCsr = ok.deepCopy();
        badCsr.addProperty("public_key", tamper(csrPem));
        assertProblem(client.send("POST", "/certificates", badCsr.toString()), 422, "public_key:");

        JsonObject smallKey = ok.deepCopy();
        smallKey.addProperty("public_key", SimTls.csr(SimTls.ec(), "CN=x"));
        assertProblem(client.send("POST", "/certificates", smallKey.toString()), 422, "public_key: key type ECDSA");

        JsonObject unknown = ok.deepCopy();
        unknown.addProperty("csr", "x");
        assertProblem(client.send("POST", "/certificates", unknown.toString()), 400, "unknown field csr");

        assertThat(client.send("POST", "/certificates", ok.toString()).statusCode()).isEqualTo(201);
    }

    /** Flips one bit inside the CSR's signature so that its self-signature no longer verifies. */
    static String tamper(String pem) throws Exception {
        String b64 = pem.replaceAll("-----[^-]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(b64);
        der[der.length - 5] ^= 1;
        return "-----BEGIN CERTIFICATE REQUEST-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END CERTIFICATE REQUEST-----\n";
    }

    @Test
    void pkcs8PolicyVerifiesThePublicKeySignature() throws Exception {
        SimAccount p8 = sim.createAccount(ValidationPolicies.tlsPkcs8(), 10);
        KeyPair kp = SimTls.ec();
        SimTls.Client c = new SimTls.Client(sim, kp, SimTls.parseCert(
                sim.issueMtlsCertificate(p8.apiKey(), SimTls.csr(kp, "CN=p8"), Duration.ofDays(1))));
        assertThat(c.login(p8).statusCode()).isEqualTo(200);
        HttpResponse<String> cl = c.send("POST", "/claims/domains/pkcs8-test.example", null);
        sim.sandboxZone().publish("pkcs8-test.example", SimTls.json(cl).get("token").getAsString());
        assertThat(c.send("POST", "/claims/domains/" + lastSegment(cl) + "/dns", null).statusCode()).isEqualTo(204);

        byte[] spki = certKey.getPublic().getEncoded();
        JsonObject req = request("pkcs8-test.example", "pkcs8-test.example");
        req.addProperty("public_key", SimPki.pem(org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(spki)));
        assertProblem(c.send("POST", "/certificates", req.toString()), 422, "public_key_signature: is required");
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(SimTls.rsa2048().getPrivate()); // a different key: proof of possession fails
        s.update(spki);
        req.addProperty("public_key_signature", Base64.getEncoder().encodeToString(s.sign()));
        assertProblem(c.send("POST", "/certificates", req.toString()), 422, "public_key_signature: does not verify");
        s.initSign(certKey.getPrivate());
        s.update(spki);
        req.addProperty("public_key_signature", Base64.getEncoder().encodeToString(s.sign()));
        HttpResponse<String> ok = c.send("POST", "/certificates", req.toString());
        assertThat(ok.statusCode()).isEqualTo(201);
        X509Certificate cert = SimTls.parseCert(SimTls.json(c.get("/certificates/" + lastSegment(ok)))
                .get("certificate").getAsString());
        assertThat(cert.getPublicKey()).isEqualTo(certKey.getPublic());
    }

    @Test
    void sandboxDnsCanBePublishedAndRemovedOverThePortal() throws Exception {
        HttpResponse<String> c = client.send("POST", "/claims/domains/portal-dns.example", null);
        String id = lastSegment(c);
        String token = SimTls.json(c).get("token").getAsString();
        JsonObject rec = new JsonObject();
        rec.addProperty("name", "Portal-DNS.example.");
        rec.addProperty("value", token);
        assertThat(client.send("POST", "/portal/sandbox-dns", rec.toString()).statusCode()).isEqualTo(204);
        assertThat(client.send("POST", "/portal/sandbox-dns", rec.toString(), "text/plain").statusCode())
                .isEqualTo(415);
        HttpResponse<String> list = client.get("/portal/sandbox-dns?name=portal-dns.example");
        assertThat(JsonParser.parseString(list.body()).getAsJsonArray()).containsExactly(prim(token));
        assertThat(client.send("DELETE", "/portal/sandbox-dns?name=portal-dns.example", null).statusCode())
                .isEqualTo(204);
        assertThat(sim.sandboxZone().txt("portal-dns.example")).isEmpty();
        assertThat(client.send("POST", "/claims/domains/" + id + "/dns", null).statusCode()).isEqualTo(422);
        assertThat(client.send("POST", "/portal/sandbox-dns", rec.toString()).statusCode()).isEqualTo(204);
        assertThat(client.send("POST", "/claims/domains/" + id + "/dns", null).statusCode()).isEqualTo(204);
    }

    @Test
    void smimePolicyIssuesEmailCertificates() throws Exception {
        SimAccount smime = sim.createAccount(ValidationPolicies.smime(), 5);
        KeyPair kp = SimTls.ec();
        SimTls.Client c = new SimTls.Client(sim, kp, SimTls.parseCert(
                sim.issueMtlsCertificate(smime.apiKey(), SimTls.csr(kp, "CN=smime"), Duration.ofDays(1))));
        assertThat(c.login(smime).statusCode()).isEqualTo(200);
        JsonObject req = request("Alice Example");
        req.remove("san");
        JsonObject san = new JsonObject();
        JsonArray emails = new JsonArray();
        emails.add("alice@mail.example");
        san.add("emails", emails);
        req.add("san", san);
        JsonObject withDns = req.deepCopy();
        JsonArray dns = new JsonArray();
        dns.add("mail.example");
        withDns.getAsJsonObject("san").add("dns_names", dns);
        assertProblem(c.send("POST", "/certificates", withDns.toString()), 422, "san.dns_names: has to have between 0 and 0");
        HttpResponse<String> r = c.send("POST", "/certificates", req.toString());
        assertThat(r.statusCode()).isEqualTo(201);
        X509Certificate cert = SimTls.parseCert(SimTls.json(c.get("/certificates/" + lastSegment(r)))
                .get("certificate").getAsString());
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.4");
        assertThat(cert.getSubjectAlternativeNames()).extracting(l -> l.get(0), l -> l.get(1))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "alice@mail.example"));
    }

    @Test
    void zeroQuotaIs402() throws Exception {
        verifiedClaim("quota-test.example");
        long saved = account.quota();
        account.setQuota(0);
        try {
            assertProblem(client.send("POST", "/certificates",
                    request("quota-test.example", "quota-test.example").toString()), 402, "Quota Reached");
            assertThat(SimTls.json(client.get("/quotas/issuance")).get("value").getAsLong()).isZero();
        } finally {
            account.setQuota(saved);
        }
    }

    @Test
    void serialHandling404And422AndRejectedIssuance() throws Exception {
        assertProblem(client.get("/certificates/01000000000000000000000000000000"), 404, "Not found");
        assertProblem(client.get("/certificates/01:F6:17"), 422, "invalid serial number length");
        assertProblem(client.get("/certificates/01F61750041A52E5561F0DC342A4BF3D00"), 422, "invalid serial number length");
        assertProblem(client.send("PATCH", "/certificates/01000000000000000000000000000000",
                "{\"revocation_reason\":\"superseded\"}"), 404, "Not found");
        verifiedClaim("reject-test.example");
        sim.faults().rejectNextIssuances(1);
        String serial = lastSegment(client.send("POST", "/certificates",
                request("reject-test.example", "reject-test.example").toString()));
        assertProblem(client.get("/certificates/" + serial), 422, "CA validation error");
    }
}
