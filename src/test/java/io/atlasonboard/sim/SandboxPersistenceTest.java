package io.atlasonboard.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Issue 7's "sandbox survives a restart": a sandbox with an account, an mTLS binding, a verified claim and a
 * certificate is stopped and started again on the same data folder; it comes back on the same port and the same
 * credentials, client certificate, claim and certificate work over real mTLS. With its port taken it moves and says
 * from where to where. The state on disk is owner-only and holds no secret in clear.
 */
class SandboxPersistenceTest {
    @TempDir
    Path tmp;

    record Made(Sandbox.Credentials creds, KeyPair key, X509Certificate cert, String claimId, String serial,
            String certPem, int port, String serverCa) {
    }

    static Made populate(Sandbox sb) throws Exception {
        Sandbox.Credentials creds = sb.createCredentials();
        KeyPair key = SimTls.rsa2048();
        X509Certificate cert = SimTls.parseCert(sb.issueMtlsCertificate(creds.apiKey(),
                SimTls.csr(key, "CN=persist")));
        SimTls.Client c = new SimTls.Client(sb.simulator(), key, cert);
        assertThat(c.login(creds.apiKey(), creds.apiSecret()).statusCode()).isEqualTo(200);
        HttpResponse<String> claim = c.send("POST", "/claims/domains/keep.example", null);
        String id = SimTls.json(claim).get("id").getAsString();
        sb.publishTxt("keep.example", SimTls.json(claim).get("token").getAsString());
        assertThat(c.send("POST", "/claims/domains/" + id + "/dns", null).statusCode()).isEqualTo(204);
        JsonObject req = new JsonObject();
        JsonObject validity = new JsonObject();
        long now = sb.simulator().clock().instant().getEpochSecond();
        validity.addProperty("not_before", now);
        validity.addProperty("not_after", now + 7 * 86400);
        req.add("validity", validity);
        JsonObject dn = new JsonObject();
        dn.addProperty("common_name", "keep.example");
        req.add("subject_dn", dn);
        JsonObject san = new JsonObject();
        JsonArray names = new JsonArray();
        names.add("keep.example");
        san.add("dns_names", names);
        req.add("san", san);
        req.addProperty("public_key", SimTls.csr(SimTls.rsa2048(), "CN=x"));
        HttpResponse<String> issued = c.send("POST", "/certificates", req.toString());
        assertThat(issued.statusCode()).isEqualTo(201);
        String loc = issued.headers().firstValue("Location").orElseThrow();
        String serial = loc.substring(loc.lastIndexOf('/') + 1);
        String pem = SimTls.json(c.get("/certificates/" + serial)).get("certificate").getAsString();
        return new Made(creds, key, cert, id, serial, pem, sb.simulator().port(), sb.serverCaPem());
    }

    static void assertAllStillThere(Sandbox sb, Made m) throws Exception {
        assertThat(sb.serverCaPem()).isEqualTo(m.serverCa());
        assertThat(sb.knows(m.creds().apiKey())).isTrue();
        SimTls.Client c = new SimTls.Client(sb.simulator(), m.key(), m.cert());
        assertThat(c.login(m.creds().apiKey(), m.creds().apiSecret()).statusCode()).isEqualTo(200);
        JsonObject claim = SimTls.json(c.get("/claims/domains/" + m.claimId()));
        assertThat(claim.get("status").getAsString()).isEqualTo("VERIFIED");
        assertThat(claim.get("domain").getAsString()).isEqualTo("keep.example.");
        JsonObject cert = SimTls.json(c.get("/certificates/" + m.serial()));
        assertThat(cert.get("status").getAsString()).isEqualTo("ISSUED");
        assertThat(cert.get("certificate").getAsString()).isEqualTo(m.certPem());
        assertThat(sb.simulator().sandboxZone().txt("keep.example")).hasSize(1);
        // still issues: quota and counters carried over
        assertThat(SimTls.json(c.get("/counters/certificates/issued")).get("value").getAsLong()).isEqualTo(1);
    }

    @Test
    void aRestartedSandboxComesBackOnTheSamePortWithAccountsBindingsClaimsAndCertificates() throws Exception {
        Path dir = tmp.resolve("sandbox");
        Made m;
        try (Sandbox first = Sandbox.open(dir)) {
            assertThat(first.baseUrlChange()).isEmpty();
            m = populate(first);
        }
        try (Sandbox again = Sandbox.open(dir)) {
            assertThat(again.simulator().port()).isEqualTo(m.port());
            assertThat(again.baseUrlChange()).isEmpty();
            assertAllStillThere(again, m);
        }
    }

    @Test
    void withItsPortTakenTheSandboxMovesAndSaysFromWhereToWhere() throws Exception {
        Path dir = tmp.resolve("moved");
        Made m;
        try (Sandbox first = Sandbox.open(dir)) {
            m = populate(first);
        }
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), m.port()));
            try (Sandbox moved = Sandbox.open(dir)) {
                assertThat(moved.simulator().port()).isNotEqualTo(m.port());
                Sandbox.BaseUrlChange change = moved.baseUrlChange().orElseThrow();
                assertThat(change.from()).isEqualTo("https://127.0.0.1:" + m.port() + "/v2");
                assertThat(change.to()).isEqualTo(moved.baseUrl());
                assertAllStillThere(moved, m);
            }
        }
    }

    @Test
    void theStateOnDiskIsOwnerOnlyAndHoldsNoSecretInClear() throws Exception {
        Path dir = tmp.resolve("secret");
        Made m;
        try (Sandbox first = Sandbox.open(dir)) {
            m = populate(first);
        }
        Path state = dir.resolve(SandboxPersistence.STATE_FILE);
        Path key = dir.resolve(SandboxPersistence.KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        String raw = new String(Files.readAllBytes(state), StandardCharsets.ISO_8859_1);
        boolean secretInClear = raw.contains(m.creds().apiSecret());
        assertThat(secretInClear).as("API secret in clear in the state file").isFalse();
        assertThat(raw).doesNotContain(m.creds().apiKey()).doesNotContain("keep.example").doesNotContain("BEGIN");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(SandboxPersistence.STATE_FILE, SandboxPersistence.KEY_FILE);
        }
    }

    @Test
    void anAlteredStateFileIsRefusedWithAReasonNotSilentlyReplaced() throws Exception {
        Path dir = tmp.resolve("altered");
        try (Sandbox first = Sandbox.open(dir)) {
            first.createCredentials();
        }
        Path state = dir.resolve(SandboxPersistence.STATE_FILE);
        byte[] b = Files.readAllBytes(state);
        b[b.length - 1] ^= 1;
        Files.write(state, b);
        assertThatThrownBy(() -> Sandbox.open(dir)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("does not decrypt");
        assertThat(Files.readAllBytes(state)).isEqualTo(b);
    }

    @Test
    void theMtlsValidityKnobShortensTheSandboxsClientCertificates() throws Exception {
        try (Sandbox sb = Sandbox.open(SimulatorConfig.defaults().port(0).mtlsValidity(Duration.ofDays(20)),
                tmp.resolve("short"))) {
            Sandbox.Credentials creds = sb.createCredentials();
            X509Certificate cert = SimTls.parseCert(sb.issueMtlsCertificate(creds.apiKey(),
                    SimTls.csr(SimTls.ec(), "CN=short")));
            long days = Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()).toDays();
            assertThat(days).isEqualTo(20);
        }
    }
}
