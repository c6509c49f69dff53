package io.atlasonboard.core.issuance;

import io.atlasonboard.core.claims.DomainsException;
import io.atlasonboard.testing.SimProviderFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.atlas.CertificateInfo;
import io.atlasonboard.core.atlas.RevocationReason;
import io.atlasonboard.core.atlas.ValidationPolicy;
import io.atlasonboard.core.pki.Keys;
import io.atlasonboard.core.store.CertificateRecord;
import io.atlasonboard.core.store.CertificateStatus;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.sim.RecordedRequest;
import io.atlasonboard.sim.SimulatorConfig;
import io.atlasonboard.sim.ValidationPolicies;

/**
 * Issuance and revocation through a provider against the simulator (real mTLS, real certificates signed by the
 * sandbox CA): policy-driven request accepted, REQUIRED fields enforced before sending, a name without a verified
 * claim refused with the API's 422 message, 202 pickup, revocation, revoking twice shows the 409 reason, list refresh
 * from the stats endpoints.
 */
class IssuanceServiceTest {
    @TempDir
    static Path dir;
    static SimProviderFixture fx;
    static AtlasClient client;

    @BeforeAll
    static void start() throws Exception {
        fx = SimProviderFixture.start(SimulatorConfig.defaults(), ValidationPolicies.tls(), IntendedUse.TLS, "issue",
                dir);
        client = fx.client(2, null);
        fx.verifyDomain(client, "shop.issue.test");
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    IssuanceService service() {
        return fx.issuance(client);
    }

    static X509Certificate cert(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void requestFollowsThePolicy() {
        IssuanceService svc = service();
        ValidationPolicy policy = svc.policy();
        RequestBuilder.Built b = svc.prepare(policy, IssueRequest.of("shop.issue.test",
                List.of("www.shop.issue.test"), List.of()));
        JsonObject json = b.json();
        JsonObject subject = json.getAsJsonObject("subject_dn");
        assertThat(subject.get("common_name").getAsString()).isEqualTo("shop.issue.test");
        assertThat(subject.has("organization")).as("STATIC organization not sent").isFalse();
        assertThat(subject.has("country")).as("STATIC country not sent").isFalse();
        assertThat(json.has("extended_key_usages")).as("static EKUs omitted").isFalse();
        assertThat(json.has("key_usages")).as("static key usages omitted").isFalse();
        assertThat(json.has("public_key_signature")).as("FORBIDDEN by the policy").isFalse();
        assertThat(json.getAsJsonObject("san").getAsJsonArray("dns_names").toString())
                .isEqualTo("[\"shop.issue.test\",\"www.shop.issue.test\"]");
        assertThat(json.get("public_key").getAsString()).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
        long nb = json.getAsJsonObject("validity").get("not_before").getAsLong();
        long na = json.getAsJsonObject("validity").get("not_after").getAsLong();
        assertThat(na - nb).isEqualTo(policy.validity().secondsmax());
        assertThat(Keys.size(b.keyPair().getPublic())).isEqualTo(2048);

        // REQUIRED common name missing: refused before anything is sent, naming the field
        fx.sim.clearRequests();
        assertThatThrownBy(() -> svc.issue(IssueRequest.of(null, List.of("www.shop.issue.test"), List.of()), null))
                .hasMessageContaining("subject_dn.common_name: REQUIRED");
        assertThat(fx.sim.requests()).noneMatch(r -> r.path().endsWith("/certificates"));
        // too long a validity and a forbidden field are named too
        assertThatThrownBy(() -> svc.prepare(policy, IssueRequest.of("shop.issue.test", List.of(), List.of())
                .withValidity(Duration.ofDays(400)).withSubject(Map.of("street_address", "Main St 1"))))
                .hasMessageContaining("validity: the policy allows at most 90 days")
                .hasMessageContaining("subject_dn.street_address: FORBIDDEN");
    }

    @Test
    void pkcs8PolicySendsPublicKeyWithProofOfPossession() throws Exception {
        ValidationPolicy policy = new com.google.gson.Gson().fromJson(ValidationPolicies.tlsPkcs8(),
                ValidationPolicy.class);
        RequestBuilder.Built b = RequestBuilder.build(policy, IntendedUse.TLS,
                IssueRequest.of("shop.issue.test", List.of(), List.of()), java.time.Instant.now());
        String pem = b.json().get("public_key").getAsString();
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----");
        KeyPair kp = b.keyPair();
        Signature v = Signature.getInstance("SHA256withRSA");
        v.initVerify(kp.getPublic());
        v.update(kp.getPublic().getEncoded());
        assertThat(v.verify(Base64.getDecoder().decode(b.json().get("public_key_signature").getAsString()))).isTrue();
        // a supplied CSR cannot prove possession: refused with the field named
        String csr = io.atlasonboard.core.pki.Pem.write(new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder(
                new org.bouncycastle.asn1.x500.X500Name("CN=x"), kp.getPublic()).build(
                new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate())));
        assertThatThrownBy(() -> RequestBuilder.build(policy, IntendedUse.TLS,
                IssueRequest.of("shop.issue.test", List.of(), List.of()).withCsr(csr), java.time.Instant.now()))
                .hasMessageContaining("public_key_signature: REQUIRED");
    }

    @Test
    void issuesWithPickupThenRevokesAndRevokingTwiceShows409() throws Exception {
        IssuanceService svc = service();
        fx.sim.faults().issuancePendingPolls(4); // more 202s than the client retries on its own
        fx.sim.clearRequests();
        IssuedCertificate issued = svc.issue(IssueRequest.of("shop.issue.test", List.of("www.shop.issue.test"),
                List.of()), null);
        assertThat(issued.pending()).isFalse();
        long gets = fx.sim.requests().stream().filter(r -> r.method().equals("GET")
                && r.path().endsWith("/certificates/" + issued.serial())).count();
        assertThat(gets).as("picked up after 202s").isGreaterThanOrEqualTo(5);
        assertThat(fx.sim.requests()).anyMatch(r -> r.path().endsWith("/certificates/" + issued.serial())
                && r.status() == 202);

        X509Certificate leaf = cert(issued.certificatePem());
        assertThat(IssuanceService.sans(leaf)).containsExactly("shop.issue.test", "www.shop.issue.test");
        assertThat(Keys.matches(leaf.getPublicKey(), issued.privateKey() == null ? null
                : Keys.publicKeyOf(issued.privateKey()))).isTrue();
        assertThat(issued.chainPems()).hasSize(2);
        leaf.verify(cert(issued.chainPems().get(0)).getPublicKey());
        String both = issued.pemWithChain();
        assertThat(both.indexOf(issued.certificatePem().strip())).isZero();
        assertThat(IssuanceService.splitPem(both)).hasSize(3);

        CertificateRecord rec = fx.store().certificates().findBySerial(fx.provider.id(), issued.serial()).orElseThrow();
        assertThat(rec.status()).isEqualTo(CertificateStatus.ISSUED);
        assertThat(rec.hasPrivateKey()).isTrue();
        assertThat(rec.commonName()).isEqualTo("shop.issue.test");

        CertificateRecord revoked = svc.revoke(issued.serial(), RevocationReason.SUPERSEDED);
        assertThat(revoked.status()).isEqualTo(CertificateStatus.REVOKED);
        assertThat(revoked.revocationReason()).isEqualTo("superseded");
        CertificateInfo remote = client.getCertificate(issued.serial());
        assertThat(remote.status()).isEqualTo("REVOKED");
        RecordedRequest patch = fx.sim.requests().stream().filter(r -> r.method().equals("PATCH")).reduce((a, b) -> b)
                .orElseThrow();
        assertThat(patch.status()).isEqualTo(204);

        assertThatThrownBy(() -> svc.revoke(issued.serial(), RevocationReason.SUPERSEDED))
                .isInstanceOf(DomainsException.class)
                .hasMessageContaining("HTTP 409")
                .hasMessageContaining("Cannot revoke a REVOKED certificate");
    }

    @Test
    void nameWithoutVerifiedClaimIsRefusedWithTheApiMessage() {
        IssuanceService svc = service();
        assertThatThrownBy(() -> svc.issue(IssueRequest.of("shop.issue.test", List.of("unclaimed.other.test"),
                List.of()), null))
                .isInstanceOf(DomainsException.class)
                .hasMessageContaining("HTTP 422")
                .hasMessageContaining("san.dns_names: unclaimed.other.test is not covered by a verified domain claim");
    }

    @Test
    void listIsRefreshedFromTheApi() {
        IssuanceService svc = service();
        IssuedCertificate issued = svc.issue(IssueRequest.of("api.shop.issue.test", List.of(), List.of()), null);
        // forget it locally: the stats endpoint brings it back
        CertificateRecord rec = fx.store().certificates().findBySerial(fx.provider.id(), issued.serial()).orElseThrow();
        fx.store().certificates().delete(rec.id());
        assertThat(svc.list()).noneMatch(r -> r.serial().equals(issued.serial()));
        // revoked elsewhere (as in the portal): the refresh notices
        client.revokeCertificate(issued.serial(), RevocationReason.CESSATION_OF_OPERATION);
        List<CertificateRecord> list = svc.refresh();
        CertificateRecord back = list.stream().filter(r -> r.serial().equals(issued.serial())).findFirst().orElseThrow();
        assertThat(back.status()).isEqualTo(CertificateStatus.REVOKED);
        assertThat(back.commonName()).isEqualTo("api.shop.issue.test");
        assertThat(back.chainPem()).contains("BEGIN CERTIFICATE");
    }
}
