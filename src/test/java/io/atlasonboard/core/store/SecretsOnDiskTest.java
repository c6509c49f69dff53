package io.atlasonboard.core.store;

import io.atlasonboard.testing.Secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.core.onboarding.Onboarding;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every secret the store keeps is written, then every file under the data folder is scanned for the secret's bytes
 * in UTF-8, UTF-16LE and UTF-16BE: while open, after close (which compacts) and after reopening and overwriting.
 * A positive control (a non-secret value that must be found in clear) shows that the scan can find text at all.
 */
class SecretsOnDiskTest {
    @TempDir
    Path tmp;

    private static final List<String> SECRETS = List.of(
            "ApiSecret-Onboarding-7Q9xZ", "KeyPassword-Onboarding-4kLm", "KeystorePassword-Onb-Pp81",
            "ApiSecret-Provider-Vv53Hk", "KeystorePassword-Prov-9rT2", "ProxyPassword-Prov-aa1Z",
            "-----BEGIN ENCRYPTED PRIVATE KEY-----MarkerPrivKey99", "TsigSecret-c2VjcmV0IGtleQ==",
            "Ünïcödé-Sëcrét-ß€", "ApiSecret-Replaced-Old-1x", "ProviderApiKey-Sealed-Zz77",
            "OnboardingApiKey-Sealed-Qq42");
    private static final String CLEAR_CONTROL = "ControlCommonName-Visible-On-Disk-1234";

    @Test
    void noSecretBytesInAnyFileOpenClosedCompactedAndAfterOverwrite() throws IOException {
        Path home = tmp.resolve("home");
        try (Store s = StoreTestSupport.newStore(home)) {
            Onboarding o = s.onboardings().create("scan", false);
            o.setCommonName(CLEAR_CONTROL);
            o.setApiKey(SECRETS.get(11));
            o.setApiSecret(SECRETS.get(0).toCharArray());
            o.setKeyPassword(SECRETS.get(1).toCharArray());
            o.setKeystorePassword(SECRETS.get(2).toCharArray());
            ProviderRecord p = s.providers().save(ProviderRecord.builder().name("GlobalSign SSL/TLS")
                            .apiKey(SECRETS.get(10)).keystore(new byte[] {1, 2, 3}).proxyHost("proxy.local")
                            .proxyPort(3128).proxyUser("bob").build(),
                    ProviderSecrets.of(SECRETS.get(3).toCharArray(), SECRETS.get(4).toCharArray(),
                            SECRETS.get(5).toCharArray()));
            s.certificates().save(CertificateRecord.of(p.id(), "01AB", "host.example", List.of("host.example"),
                    CertificateStatus.ISSUED, Instant.now(), Instant.now(), "PEM", null, Instant.now()),
                    SECRETS.get(6).toCharArray());
            s.tsigKeys().save(TsigKeyRecord.of(p.id(), "update-key.", "hmac-sha256", null),
                    SECRETS.get(7).toCharArray());
            Onboarding o2 = s.onboardings().create("unicode", true);
            o2.setApiSecret(SECRETS.get(8).toCharArray());
            o2.setKeyPassword(SECRETS.get(9).toCharArray());
            o2.setKeyPassword("ReplacementValue-2y".toCharArray()); // the old value must not linger either

            // many small transactions so H2 writes several chunks
            for (int i = 0; i < 50; i++) {
                o.setStep(1 + i % 8);
            }
            s.checkpoint();
            assertControlFound(home);
            assertNoSecrets(home, "while open");
        }
        // SHUTDOWN COMPACT compresses pages, so the raw scan alone could miss clear text; also scan H2's own SQL dump
        assertNoSecrets(home, "after close + SHUTDOWN COMPACT");
        String dump = sqlDump(home);
        assertThat(dump).contains(CLEAR_CONTROL);
        for (String secret : SECRETS) {
            for (Charset cs : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
                String hex = HexFormat.of().formatHex(secret.getBytes(cs));
                assertThat(dump.contains(secret) || dump.toLowerCase(java.util.Locale.ROOT).contains(hex))
                        .as("secret #%d (%s) in the SQL dump", SECRETS.indexOf(secret), cs).isFalse();
            }
        }

        try (Store s = StoreTestSupport.reopen(home)) {
            // secrets read back correctly, proving they were stored (encrypted) and not simply dropped
            Onboarding o = s.onboardings().list().stream().filter(x -> x.label().equals("scan"))
                    .map(x -> s.onboardings().load(x.id())).findFirst().orElseThrow();
            Secrets.assertSameSecret(SECRETS.get(0), new String(o.getApiSecret()), "o.getApiSecret()");
            Secrets.assertSameSecret(SECRETS.get(11), o.getApiKey(), "o.getApiKey()");
            Secrets.assertSameSecret(SECRETS.get(1), new String(o.getKeyPassword()), "o.getKeyPassword()");
            Secrets.assertSameSecret(SECRETS.get(2), new String(o.getKeystorePassword()), "o.getKeystorePassword()");
            ProviderRecord p = s.providers().findByName("GlobalSign SSL/TLS").orElseThrow();
            try (ProviderSecrets ps = s.providers().secrets(p.id())) {
                Secrets.assertSameSecret(SECRETS.get(3), new String(ps.apiSecret()), "ps.apiSecret()");
                Secrets.assertSameSecret(SECRETS.get(10), s.providers().get(p.id()).apiKey(), "provider api key");
                Secrets.assertSameSecret(SECRETS.get(4), new String(ps.keystorePassword()), "ps.keystorePassword()");
                Secrets.assertSameSecret(SECRETS.get(5), new String(ps.proxyPassword()), "ps.proxyPassword()");
            }
            CertificateRecord c = s.certificates().findBySerial(p.id(), "01AB").orElseThrow();
            Secrets.assertSameSecret(SECRETS.get(6), new String(s.certificates().privateKeyPem(c.id())),
                    "s.certificates().privateKeyPem(c.id())");
            Secrets.assertSameSecret(SECRETS.get(7),
                    new String(s.tsigKeys().secret(s.tsigKeys().findByName("update-key.").orElseThrow().id())),
                    "stored TSIG secret of update-key.");
            Onboarding o2 = s.onboardings().list().stream().filter(x -> x.label().equals("unicode"))
                    .map(x -> s.onboardings().load(x.id())).findFirst().orElseThrow();
            Secrets.assertSameSecret(SECRETS.get(8), new String(o2.getApiSecret()), "o2.getApiSecret()");

            // overwrite and clear secrets, then scan again
            o.setApiSecret("NewApiSecret-After-Reopen-5".toCharArray());
            o.setKeyPassword(null);
            s.providers().update(p, ProviderSecrets.of("NewProviderSecret-After-6".toCharArray(),
                    SECRETS.get(4).toCharArray(), null));
            assertThat(o.getKeyPassword() == null).as("o.getKeyPassword() is null").isTrue();
            assertThat(s.providers().proxyPassword(p.id()) == null)
                    .as("s.providers().proxyPassword(p.id()) is null").isTrue();
        }
        assertNoSecrets(home, "after overwrite and close");
        assertNoSecret(home, "NewApiSecret-After-Reopen-5", "new value");
        assertNoSecret(home, "NewProviderSecret-After-6", "new value");
        assertNoSecret(home, StoreTestSupport.PASS_STRING, "master passphrase");
    }

    /** All data as H2's SCRIPT sees it (read-only: the file is not changed). */
    private static String sqlDump(Path home) {
        StringBuilder sb = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + home.resolve(Store.DB_NAME)
                + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r", "atlas", "");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SCRIPT")) {
            while (rs.next()) {
                sb.append(rs.getString(1)).append('\n');
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError("SQL dump failed: " + e.getMessage());
        }
        return sb.toString();
    }

    private static void assertControlFound(Path home) throws IOException {
        // proves the scan sees clear text: the Common Name is not a secret and is stored as text
        assertThat(filesContaining(home, CLEAR_CONTROL.getBytes(StandardCharsets.UTF_8))).isNotEmpty();
    }

    private static void assertNoSecrets(Path home, String when) throws IOException {
        for (String secret : SECRETS) {
            assertNoSecret(home, secret, when);
        }
    }

    private static void assertNoSecret(Path home, String secret, String when) throws IOException {
        for (Charset cs : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            List<String> hits = filesContaining(home, secret.getBytes(cs));
            // the secret itself is never printed: only which one (by index) and the encoding
            assertThat(hits).as("secret #%d (%s) found %s", SECRETS.indexOf(secret), cs, when).isEmpty();
        }
    }

    private static List<String> filesContaining(Path dir, byte[] needle) throws IOException {
        List<String> hits = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p) && indexOf(Files.readAllBytes(p), needle) >= 0) {
                    hits.add(dir.relativize(p).toString());
                }
            }
        }
        return hits;
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
