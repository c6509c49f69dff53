package io.atlasonboard.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Serial fidelity (issue 9 item 7: a client that parses serials as numbers sends {@code 1E9080...} for
 * {@code 01E9080...}; either hex case) and rekey (201 + Location of a new serial, the old certificate unchanged),
 * over raw HTTP with mTLS.
 */
class SerialAndRekeyTest {
    static AtlasSimulator sim;
    static SimAccount account;
    static SimTls.Client client;

    @BeforeAll
    static void start() throws Exception {
        sim = AtlasSimulator.start(SimulatorConfig.defaults());
        account = sim.createAccount(100);
        KeyPair mtls = SimTls.ec();
        client = new SimTls.Client(sim, mtls, SimTls.parseCert(
                sim.issueMtlsCertificate(account.apiKey(), SimTls.csr(mtls, "CN=serial test"), Duration.ofDays(1))));
        assertThat(client.login(account).statusCode()).isEqualTo(200);
        HttpResponse<String> c = client.send("POST", "/claims/domains/serial.example", null);
        sim.sandboxZone().publish("serial.example", SimTls.json(c).get("token").getAsString());
        assertThat(client.send("POST", "/claims/domains/" + SimTls.json(c).get("id").getAsString() + "/dns", null)
                .statusCode()).isEqualTo(204);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void login() throws Exception {
        assertThat(client.login(account).statusCode()).isEqualTo(200);
    }

    static String issue(KeyPair key) throws Exception {
        JsonObject o = new JsonObject();
        JsonObject validity = new JsonObject();
        long now = sim.clock().instant().getEpochSecond();
        validity.addProperty("not_before", now);
        validity.addProperty("not_after", now + 30 * 86400);
        o.add("validity", validity);
        JsonObject dn = new JsonObject();
        dn.addProperty("common_name", "www.serial.example");
        o.add("subject_dn", dn);
        JsonObject san = new JsonObject();
        JsonArray names = new JsonArray();
        names.add("www.serial.example");
        san.add("dns_names", names);
        o.add("san", san);
        o.addProperty("public_key", SimTls.csr(key, "CN=ignored"));
        HttpResponse<String> r = client.send("POST", "/certificates", o.toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String loc = r.headers().firstValue("Location").orElseThrow();
        return loc.substring(loc.lastIndexOf('/') + 1);
    }

    @Test
    void aSerialWithoutItsLeadingZeroRetrievesAndRevokes() throws Exception {
        String serial = issue(SimTls.rsa2048());
        assertThat(serial).hasSize(32).startsWith("01");
        String asNumber = new BigInteger(serial, 16).toString(16).toUpperCase(Locale.ROOT);
        assertThat(asNumber).hasSize(31);

        HttpResponse<String> got = client.get("/certificates/" + asNumber);
        assertThat(got.statusCode()).as(got.body()).isEqualTo(200);
        X509Certificate cert = SimTls.parseCert(SimTls.json(got).get("certificate").getAsString());
        assertThat(cert.getSerialNumber()).isEqualTo(new BigInteger(serial, 16));

        HttpResponse<String> revoked = client.send("PATCH", "/certificates/" + asNumber,
                "{\"revocation_reason\":\"superseded\"}");
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(204);
        // the same certificate under its full serial, now revoked
        assertThat(SimTls.json(client.get("/certificates/" + serial)).get("status").getAsString())
                .isEqualTo("REVOKED");
    }

    @Test
    void lowerCaseSerialsAndTheDeprecatedDeleteWithoutLeadingZeroWork() throws Exception {
        String serial = issue(SimTls.rsa2048());
        String lower = serial.toLowerCase(Locale.ROOT);
        assertThat(client.get("/certificates/" + lower).statusCode()).isEqualTo(200);
        assertThat(client.send("DELETE", "/certificates/" + lower.substring(1), null).statusCode()).isEqualTo(204);
        assertThat(client.send("DELETE", "/certificates/" + serial, null).statusCode()).isEqualTo(409);
    }

    @Test
    void malformedSerialsStill422AndUnknownOnes404() throws Exception {
        for (String bad : new String[] {"01:F6:17", "01-F6-17", "XYZ", "1" + "0".repeat(32)}) {
            HttpResponse<String> r = client.get("/certificates/" + bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(422);
            assertThat(r.body()).contains("invalid serial number length");
        }
        assertThat(client.get("/certificates/1E9080AB").statusCode()).isEqualTo(404);
    }

    @Test
    void rekeyIssuesANewSerialForTheNewKeyAndLeavesTheOldCertificateAsItWas() throws Exception {
        String serial = issue(SimTls.rsa2048());
        JsonObject before = SimTls.json(client.get("/certificates/" + serial));
        X509Certificate oldCert = SimTls.parseCert(before.get("certificate").getAsString());
        long issued = account.issuedCount();

        KeyPair newKey = SimTls.rsa2048();
        JsonObject body = new JsonObject();
        body.addProperty("public_key", SimTls.csr(newKey, "CN=rekey"));
        // a client that strips the leading zero rekeys too
        HttpResponse<String> r = client.send("POST", "/certificates/" + serial.substring(1) + "/rekey",
                body.toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String loc = r.headers().firstValue("Location").orElseThrow();
        assertThat(loc).matches("/v2/certificates/01[0-9A-F]{30}");
        String newSerial = loc.substring(loc.lastIndexOf('/') + 1);
        assertThat(newSerial).isNotEqualTo(serial);

        X509Certificate newCert = SimTls.parseCert(
                SimTls.json(client.get("/certificates/" + newSerial)).get("certificate").getAsString());
        assertThat(newCert.getPublicKey()).isEqualTo(newKey.getPublic());
        assertThat(newCert.getSubjectX500Principal()).isEqualTo(oldCert.getSubjectX500Principal());
        assertThat(List.copyOf(newCert.getSubjectAlternativeNames()))
                .isEqualTo(List.copyOf(oldCert.getSubjectAlternativeNames()));
        assertThat(newCert.getExtendedKeyUsage()).isEqualTo(oldCert.getExtendedKeyUsage());
        assertThat(newCert.getNotAfter()).isEqualTo(oldCert.getNotAfter());
        assertThat(account.issuedCount()).isEqualTo(issued + 1);

        JsonObject after = SimTls.json(client.get("/certificates/" + serial));
        assertThat(after).isEqualTo(before);
    }

    @Test
    void rekeyOfARevokedCertificateIs409AndABodyWithoutKeyIs422() throws Exception {
        String serial = issue(SimTls.rsa2048());
        HttpResponse<String> noKey = client.send("POST", "/certificates/" + serial + "/rekey", "{}");
        assertThat(noKey.statusCode()).isEqualTo(422);
        assertThat(noKey.body()).contains("public_key");
        assertThat(client.send("PATCH", "/certificates/" + serial, "{\"revocation_reason\":\"keyCompromise\"}")
                .statusCode()).isEqualTo(204);
        JsonObject body = new JsonObject();
        body.addProperty("public_key", SimTls.csr(SimTls.rsa2048(), "CN=rekey"));
        assertThat(client.send("POST", "/certificates/" + serial + "/rekey", body.toString()).statusCode())
                .isEqualTo(409);
    }
}
