package io.atlasonboard.core.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atlasonboard.core.Msg;
import io.atlasonboard.core.atlas.TestPki;
import io.atlasonboard.core.providers.ProviderInput.Field;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.ProviderSecrets;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.testing.Secrets;

/**
 * The one provider-input model behind the provider form and {@code provider add}: each field's check with the
 * sentence the form shows, the whole input's problems, saving a new provider, and editing one where empty secrets keep
 * the stored ones (against a real store in a temporary data folder).
 */
class ProviderInputTest {
    private static final byte[] P12 = {0x30, 0x03, 0x02, 0x01, 0x03};

    @TempDir
    Path home;

    private static ProviderInput complete() {
        return new ProviderInput().name("GS TLS").apiUrl("https://127.0.0.1:8443").intendedUse(IntendedUse.TLS)
                .apiKey(" key-1 ").apiSecret("secret-one".toCharArray()).keystore(P12, "client.p12")
                .keystorePassword("ks-pass-1".toCharArray());
    }

    @Test
    void aNewInputNamesEveryMissingFieldWithTheFormsSentences() {
        try (ProviderInput in = new ProviderInput()) {
            assertThat(in.name()).isEqualTo("GlobalSign SSL/TLS");
            assertThat(in.apiUrl()).isEqualTo(ProviderRecord.DEFAULT_API_URL);
            assertThat(in.intendedUse()).isEqualTo(IntendedUse.TLS);
            Map<Field, Msg> p = in.problems(List.of());
            assertThat(p.keySet()).containsExactly(Field.API_KEY, Field.API_SECRET, Field.KEYSTORE);
            assertThat(p.get(Field.API_KEY).english()).isEqualTo("Enter the API key from the Atlas portal (step 1).");
            assertThat(p.get(Field.API_SECRET).english()).isEqualTo("Enter the API secret that belongs to this API key.");
            // the form shows the same message in the user's language
            assertThat(p.get(Field.API_KEY).render(Locale.GERMAN)).startsWith("Geben Sie den API-Schlüssel");
            assertThat(p.get(Field.KEYSTORE).english())
                    .isEqualTo("Choose the PKCS#12 keystore (step 4's file, or an existing .p12/.pfx).");
            ProviderInputException e = catchThrowableOfType(ProviderInputException.class,
                    () -> in.toRecord(List.of()));
            assertThat(e.problems()).isEqualTo(p);
            assertThat(e.getMessage()).contains("Enter the API key", "Choose the PKCS#12 keystore");
        }
        try (ProviderInput in = complete()) {
            assertThat(in.problems(List.of())).isEmpty();
            assertThat(in.apiSecret(new char[0]).problems(List.of())).containsOnlyKeys(Field.API_SECRET);
        }
    }

    @Test
    void nameIsGivenShortAndUnique() {
        assertThat(en(ProviderInput.checkName("  ", List.of())))
                .isEqualTo("Give the provider a name, e.g. \"GlobalSign SSL/TLS\".");
        assertThat(en(ProviderInput.checkName("x".repeat(201), List.of())))
                .isEqualTo("The name is longer than 200 characters.");
        assertThat(en(ProviderInput.checkName("x".repeat(200), List.of()))).isEmpty();
        assertThat(en(ProviderInput.checkName(" gs tls ", List.of("Other", "GS TLS"))))
                .isEqualTo("A provider named \"gs tls\" already exists; choose another name.");
        assertThat(en(ProviderInput.checkName("GS TLS 2", List.of("GS TLS")))).isEmpty();
    }

    @Test
    void apiUrlMustBeHttpsWithAHost() {
        assertThat(en(ProviderInput.checkApiUrl("http://hvca.example:8443")))
                .startsWith("The API URL must start with https://").endsWith(".");
        assertThat(en(ProviderInput.checkApiUrl(""))).isEqualTo("The API URL is empty.");
        assertThat(en(ProviderInput.checkApiUrl("https://x.example:8443/v2?a=b"))).contains("query or fragment");
        assertThat(en(ProviderInput.checkApiUrl("https://emea.api.hvca.globalsign.com:8443"))).isEmpty();
        try (ProviderInput in = complete().apiUrl("https://127.0.0.1:8443")) {
            assertThat(in.toRecord(List.of()).apiUrl()).isEqualTo("https://127.0.0.1:8443/v2");
        }
    }

    @Test
    void proxyHostPortAndUserGoTogether() {
        assertThat(en(ProviderInput.checkProxy("", "", ""))).isEmpty();
        assertThat(en(ProviderInput.checkProxy("proxy.example", "3128", "u"))).isEmpty();
        assertThat(en(ProviderInput.checkProxy("::1", "3128", ""))).as("IPv6 literal").isEmpty();
        assertThat(en(ProviderInput.checkProxy("proxy.example", "0", "")))
                .isEqualTo("The proxy port must be between 1 and 65535.");
        assertThat(en(ProviderInput.checkProxy("proxy.example", "70000", "")))
                .isEqualTo("The proxy port must be between 1 and 65535.");
        assertThat(en(ProviderInput.checkProxy("proxy.example", "http", "")))
                .isEqualTo("The proxy port must be a number between 1 and 65535.");
        assertThat(en(ProviderInput.checkProxy("", "3128", "")))
                .isEqualTo("Enter the proxy host, or clear the proxy port and user.");
        assertThat(en(ProviderInput.checkProxy("", "", "user")))
                .isEqualTo("Enter the proxy host, or clear the proxy port and user.");
        assertThat(en(ProviderInput.checkProxy("proxy.example", "", "")))
                .isEqualTo("Enter the proxy port (e.g. 3128 or 8080).");
        assertThat(en(ProviderInput.checkProxy("proxy.example:3128", "3128", "")))
                .isEqualTo("Enter the proxy host without a port; the port has its own field.");
        try (ProviderInput in = complete().proxy(" proxy.example ", " 8080 ", "")) {
            ProviderRecord r = in.toRecord(List.of());
            assertThat(r.proxyHost()).isEqualTo("proxy.example");
            assertThat(r.proxyPort()).isEqualTo(8080);
            assertThat(r.proxyUser()).isNull();
            assertThat(in.proxy("", "8080", "").problems(List.of())).containsOnlyKeys(Field.PROXY);
        }
    }

    @Test
    void trustPemIsParsedOnceWithASentenceAndNoParserNoise() throws Exception {
        String ca1 = TestPki.pem(TestPki.ca("Trust One", TestPki.ec()).cert());
        String ca2 = TestPki.pem(TestPki.ca("Trust Two", TestPki.ec()).cert());
        assertThat(ProviderInput.parseTrustPem("  ")).isEmpty();
        assertThat(ProviderInput.parseTrustPem(ca1 + "\n" + ca2)).hasSize(2)
                .extracting(c -> c.getSubjectX500Principal().getName()).containsExactly("O=Atlas Onboard Tests,CN=Trust One", "O=Atlas Onboard Tests,CN=Trust Two");
        assertThat(en(ProviderInput.checkTrustPem(ca1))).isEmpty();
        String damaged = ca1.substring(0, ca1.length() / 2) + "AAAA" + ca1.substring(ca1.length() / 2 + 4);
        String problem = en(ProviderInput.checkTrustPem(damaged));
        assertThat(problem).startsWith("The trusted server CA text is not PEM certificates")
                .doesNotContain("Exception", "parse", "ASN");
        assertThat(en(ProviderInput.checkTrustPem("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----")))
                .startsWith("The trusted server CA text");
        try (ProviderInput in = complete().trustPem("hello")) {
            assertThat(in.problems(List.of())).containsOnlyKeys(Field.TRUST_PEM);
        }
    }

    @Test
    void intendedUseFromLabelOrName() {
        assertThat(ProviderInput.parseUse("SSL/TLS")).isEqualTo(IntendedUse.TLS);
        assertThat(ProviderInput.parseUse("tls")).isEqualTo(IntendedUse.TLS);
        assertThat(ProviderInput.parseUse("ssl")).isEqualTo(IntendedUse.TLS);
        assertThat(ProviderInput.parseUse("S/MIME")).isEqualTo(IntendedUse.SMIME);
        assertThat(ProviderInput.parseUse("smime")).isEqualTo(IntendedUse.SMIME);
        assertThatThrownBy(() -> ProviderInput.parseUse("code signing"))
                .hasMessage("The intended use must be SSL/TLS or S/MIME, not \"code signing\".");
        for (IntendedUse u : IntendedUse.values()) {
            assertThat(ProviderInput.parseUse(u.label())).isEqualTo(u);
            assertThat(ProviderInput.parseUse(u.name())).isEqualTo(u);
        }
    }

    @Test
    void savesANewProviderWithItsSecretsAndRefusesATakenName() {
        try (Store store = Store.create(home, "a long enough passphrase 123".toCharArray())) {
            ProviderRecord saved;
            try (ProviderInput in = complete().proxy("proxy.example", "3128", "pu")
                    .proxyPassword("proxy-pw-1".toCharArray()).sandbox(true)) {
                saved = in.save(store.providers());
            }
            assertThat(saved.id()).isNotNull();
            assertThat(saved.name()).isEqualTo("GS TLS");
            assertThat(saved.apiKey()).isEqualTo("key-1");
            assertThat(saved.apiUrl()).isEqualTo("https://127.0.0.1:8443/v2");
            assertThat(saved.keystore()).isEqualTo(P12);
            assertThat(saved.keystoreFileName()).isEqualTo("client.p12");
            assertThat(saved.sandbox()).isTrue();
            try (ProviderSecrets s = store.providers().secrets(saved.id())) {
                Secrets.assertSameSecret("secret-one".toCharArray(), s.apiSecret(), "API secret");
                Secrets.assertSameSecret("ks-pass-1".toCharArray(), s.keystorePassword(), "keystore password");
                Secrets.assertSameSecret("proxy-pw-1".toCharArray(), s.proxyPassword(), "proxy password");
            }
            try (ProviderInput again = complete().name("gs tls")) {
                ProviderInputException e = catchThrowableOfType(ProviderInputException.class,
                        () -> again.save(store.providers()));
                assertThat(e.problems()).containsOnlyKeys(Field.NAME);
                assertThat(e.problems().get(Field.NAME).english())
                        .isEqualTo("A provider named \"gs tls\" already exists; choose another name.");
                Secrets.assertAbsent(e.getMessage(), "problem text", "secret-one", "ks-pass-1");
            }
            assertThat(store.providers().list()).hasSize(1);
        }
    }

    @Test
    void editingKeepsTheStoredSecretsThatAreLeftEmpty() {
        try (Store store = Store.create(home, "a long enough passphrase 123".toCharArray())) {
            ProviderRecord saved;
            try (ProviderInput in = complete().proxy("proxy.example", "3128", "pu")
                    .proxyPassword("proxy-pw-1".toCharArray())) {
                saved = in.save(store.providers());
            }
            store.providers().save(ProviderRecord.builder().name("Other").apiUrl("https://127.0.0.1:9443/v2")
                    .intendedUse(IntendedUse.SMIME).apiKey("k2").build(), ProviderSecrets.of("s2".toCharArray(), null, null));

            // only a field changes: every secret stays
            try (ProviderInput edit = ProviderInput.edit(store.providers().get(saved.id()))) {
                assertThat(edit.editing()).isTrue();
                assertThat(edit.keepsStoredSecrets()).isTrue();
                assertThat(edit.problems(List.of())).as("no secret needed when editing").isEmpty();
                assertThat(edit.proxyPort()).isEqualTo("3128");
                edit.apiUrl("https://127.0.0.1:8444");
                ProviderRecord r = edit.save(store.providers());
                assertThat(r.id()).isEqualTo(saved.id());
                assertThat(r.apiUrl()).isEqualTo("https://127.0.0.1:8444/v2");
                assertThat(r.keystore()).isEqualTo(P12);
            }
            assertSecrets(store, saved.id(), "secret-one", "ks-pass-1", "proxy-pw-1");

            // a new API secret: the keystore and proxy passwords stay
            try (ProviderInput edit = ProviderInput.edit(store.providers().get(saved.id()))) {
                edit.apiSecret("secret-two".toCharArray()).save(store.providers());
            }
            assertSecrets(store, saved.id(), "secret-two", "ks-pass-1", "proxy-pw-1");

            // a new keystore password, and the proxy user removed: no proxy password is kept
            try (ProviderInput edit = ProviderInput.edit(store.providers().get(saved.id()))) {
                edit.keystorePassword("ks-pass-2".toCharArray()).proxy("", "", "").save(store.providers());
            }
            assertSecrets(store, saved.id(), "secret-two", "ks-pass-2", null);
            assertThat(store.providers().get(saved.id()).hasProxy()).isFalse();

            // renaming onto another provider is refused; keeping its own name is fine
            try (ProviderInput edit = ProviderInput.edit(store.providers().get(saved.id()))) {
                assertThatThrownBy(() -> edit.name("OTHER").save(store.providers()))
                        .isInstanceOf(ProviderInputException.class).hasMessageContaining("already exists");
                assertThat(edit.name("GS TLS").save(store.providers()).name()).isEqualTo("GS TLS");
            }
        }
    }

    @Test
    void closeWipesTheSecretsAndToStringShowsNone() {
        ProviderInput in = complete();
        assertThat(in.toString()).contains("GS TLS");
        Secrets.assertAbsent(in.toString(), "toString", "secret-one", "ks-pass-1");
        in.close();
        assertThat(in.problems(List.of())).as("wiped secrets count as not given").containsKey(Field.API_SECRET);
    }

    /** The English text of a field check ("" = fine), as the command line prints it. */
    private static String en(Optional<Msg> problem) {
        return problem.map(Msg::english).orElse("");
    }

    private static void assertSecrets(Store store, long id, String api, String ks, String proxy) {
        try (ProviderSecrets s = store.providers().secrets(id)) {
            Secrets.assertSameSecret(api.toCharArray(), s.apiSecret(), "API secret");
            Secrets.assertSameSecret(ks.toCharArray(), s.keystorePassword(), "keystore password");
            if (proxy == null) {
                assertThat(s.proxyPassword()).as("proxy password cleared").isNull();
            } else {
                Secrets.assertSameSecret(proxy.toCharArray(), s.proxyPassword(), "proxy password");
            }
        }
    }
}
