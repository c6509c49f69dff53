package io.atlasonboard.core.store;

import io.atlasonboard.testing.Secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atlasonboard.core.onboarding.Onboarding;
import io.atlasonboard.core.onboarding.OnboardingField;
import io.atlasonboard.core.onboarding.OnboardingSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnboardingRepositoryTest {
    @TempDir
    Path tmp;

    @Test
    void everyFieldSurvivesCloseAndReopen() {
        Path home = tmp.resolve("home");
        byte[] keystore = new byte[3000];
        for (int i = 0; i < keystore.length; i++) {
            keystore[i] = (byte) (i * 31);
        }
        long id;
        long providerId;
        try (Store s = StoreTestSupport.newStore(home)) {
            providerId = s.providers().save(ProviderRecord.builder().name("P").apiKey("k").build(),
                    ProviderSecrets.of("x".toCharArray(), null, null)).id();
            Onboarding o = s.onboardings().create("  Production account  ", false);
            id = o.getId();
            o.setStep(4);
            o.setSandbox(true);
            o.setApiKey("api-key-1");
            o.setApiSecret("api secret ü".toCharArray());
            o.setCommonName("clm.example.com");
            o.setCountry("DE");
            o.setOrganization("Example GmbH");
            o.setDomains(List.of("clm.example.com", "*.example.com", "xn--bcher-kva.example"));
            o.setCsrPem("-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n");
            o.setEncryptedKeyPem("-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIF\n-----END ENCRYPTED PRIVATE KEY-----\n");
            o.setKeyPassword("key-pass".toCharArray());
            o.setDownloadsConfirmed(true);
            o.setCertificatePem("-----BEGIN CERTIFICATE-----\nleaf\n-----END CERTIFICATE-----\n");
            o.setKeystore(keystore);
            o.setKeystorePassword("ks-pass".toCharArray());
            o.setFriendlyName("atlas mtls");
            o.setP12Profile("MODERN");
            o.setKeystorePath("/home/u/atlas.p12");
            o.setProviderId(providerId);
            o.setSandboxBaseUrl("https://127.0.0.1:8443/v2");
            o.setSandboxServerCaPem("-----BEGIN CERTIFICATE-----\nca\n-----END CERTIFICATE-----\n");
        }
        try (Store s = StoreTestSupport.reopen(home)) {
            List<OnboardingSummary> list = s.onboardings().list();
            assertThat(list).hasSize(1);
            assertThat(list.get(0).label()).isEqualTo("Production account");
            assertThat(list.get(0).step()).isEqualTo(4);
            assertThat(list.get(0).sandbox()).isTrue();
            Onboarding o = s.onboardings().load(id);
            assertThat(o.getStep()).isEqualTo(4);
            assertThat(o.isSandbox()).isTrue();
            assertThat(o.getApiKey()).isEqualTo("api-key-1");
            Secrets.assertSameSecret("api secret ü".toCharArray(), o.getApiSecret(), "o.getApiSecret()");
            assertThat(o.hasApiSecret()).isTrue();
            assertThat(o.getCommonName()).isEqualTo("clm.example.com");
            assertThat(o.getCountry()).isEqualTo("DE");
            assertThat(o.getOrganization()).isEqualTo("Example GmbH");
            assertThat(o.getDomains()).containsExactly("clm.example.com", "*.example.com", "xn--bcher-kva.example");
            assertThat(o.getCsrPem()).contains("CERTIFICATE REQUEST");
            assertThat(o.getEncryptedKeyPem()).contains("ENCRYPTED PRIVATE KEY");
            Secrets.assertSameSecret("key-pass".toCharArray(), o.getKeyPassword(), "o.getKeyPassword()");
            assertThat(o.isDownloadsConfirmed()).isTrue();
            assertThat(o.getCertificatePem()).contains("leaf");
            assertThat(o.getKeystore()).isEqualTo(keystore);
            Secrets.assertSameSecret("ks-pass".toCharArray(), o.getKeystorePassword(), "o.getKeystorePassword()");
            assertThat(o.getFriendlyName()).isEqualTo("atlas mtls");
            assertThat(o.getP12Profile()).isEqualTo("MODERN");
            assertThat(o.getKeystorePath()).isEqualTo("/home/u/atlas.p12");
            assertThat(o.getProviderId()).isEqualTo(providerId);
            assertThat(o.getSandboxBaseUrl()).isEqualTo("https://127.0.0.1:8443/v2");
            assertThat(o.getSandboxServerCaPem()).contains("ca");
            assertThat(o.getUpdatedAt()).isAfterOrEqualTo(o.getCreatedAt());

            // clearing works and persists
            o.setApiSecret(null);
            o.setDomains(null);
            o.setKeystore(null);
            o.setProviderId(null);
        }
        try (Store s = StoreTestSupport.reopen(home)) {
            Onboarding o = s.onboardings().load(id);
            assertThat(o.getApiSecret() == null).as("o.getApiSecret() is null").isTrue();
            assertThat(o.hasApiSecret()).isFalse();
            assertThat(o.getDomains()).isEmpty();
            assertThat(o.getKeystore()).isNull();
            assertThat(o.getProviderId()).isNull();
            Secrets.assertSameSecret("key-pass".toCharArray(), o.getKeyPassword(), "o.getKeyPassword()");
        }
    }

    @Test
    void secretGettersReturnIndependentCopiesAndSettersDoNotKeepTheCallersArray() {
        try (Store s = StoreTestSupport.newStore(tmp.resolve("home"))) {
            Onboarding o = s.onboardings().create("x", false);
            char[] secret = "my secret".toCharArray();
            o.setApiSecret(secret);
            java.util.Arrays.fill(secret, '\0'); // caller wipes its copy
            char[] a = o.getApiSecret();
            Secrets.assertSameSecret("my secret".toCharArray(), a, "a");
            java.util.Arrays.fill(a, '\0');
            Secrets.assertSameSecret("my secret".toCharArray(), o.getApiSecret(), "o.getApiSecret()");
            byte[] ks = {1, 2, 3};
            o.setKeystore(ks);
            ks[0] = 9;
            o.getKeystore()[1] = 9;
            assertThat(o.getKeystore()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void severalDraftsListedNewestFirstAndDeleted() throws Exception {
        Path home = tmp.resolve("home");
        try (Store s = StoreTestSupport.newStore(home)) {
            Onboarding a = s.onboardings().create("A", false);
            Onboarding b = s.onboardings().create("B", true);
            Onboarding c = s.onboardings().create("C", false);
            Thread.sleep(5);
            a.setStep(3); // A becomes the most recently changed
            assertThat(s.onboardings().list()).extracting(OnboardingSummary::label).containsExactly("A", "C", "B");
            assertThat(s.onboardings().delete(c.getId())).isTrue();
            assertThat(s.onboardings().delete(c.getId())).isFalse();
            assertThatThrownBy(() -> c.setApiKey("k")).isInstanceOf(StoreException.class)
                    .hasMessageContaining("no longer exists");
            assertThatThrownBy(() -> s.onboardings().load(c.getId())).isInstanceOf(NoSuchElementException.class);
            assertThat(s.onboardings().find(c.getId())).isEmpty();
            b.setApiKey("b-key");
            assertThat(s.onboardings().load(b.getId())).isSameAs(b);
        }
        try (Store s = StoreTestSupport.reopen(home)) {
            assertThat(s.onboardings().list()).extracting(OnboardingSummary::label).containsExactly("B", "A");
            assertThat(s.onboardings().list()).extracting(OnboardingSummary::step).containsExactly(1, 3);
        }
    }

    @Test
    void invalidValuesAreRefusedAndNothingIsWritten() {
        try (Store s = StoreTestSupport.newStore(tmp.resolve("home"))) {
            Onboarding o = s.onboardings().create("x", false);
            assertThatThrownBy(() -> o.setStep(0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> o.setStep(Onboarding.LAST_STEP + 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> o.setLabel(" ")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> s.onboardings().create("", false)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> o.setEncryptedKeyPem("-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("encrypted");
            assertThat(s.onboardings().load(o.getId()).getStep()).isEqualTo(1);
            assertThat(s.onboardings().load(o.getId()).getEncryptedKeyPem()).isNull();
        }
    }

    @Test
    void concurrentSettersFromManyThreadsAllPersist() throws Exception {
        Path home = tmp.resolve("home");
        int threads = 8;
        int perThread = 25;
        List<Long> ids = new ArrayList<>();
        try (Store s = StoreTestSupport.newStore(home)) {
            Onboarding shared = s.onboardings().create("shared", false);
            List<Onboarding> own = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                own.add(s.onboardings().create("own " + t, false));
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int tt = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    Onboarding mine = own.get(tt);
                    for (int i = 0; i < perThread; i++) {
                        mine.setApiKey("key-" + tt + "-" + i);
                        mine.setApiSecret(("secret-" + tt + "-" + i).toCharArray());
                        mine.setDomains(List.of("d" + i + ".t" + tt + ".example"));
                        mine.setStep(1 + i % Onboarding.LAST_STEP);
                        // everybody also hammers the shared draft, and different onboarding objects of one row
                        shared.setOrganization("org-" + tt + "-" + i);
                        shared.setKeyPassword(("kp-" + tt + "-" + i).toCharArray());
                        s.onboardings().load(shared.getId()).setCountry("C" + tt);
                        s.onboardings().list();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
            ids.add(shared.getId());
            own.forEach(o -> ids.add(o.getId()));
            // the in-memory value and the stored value agree for the shared draft
            Onboarding reloaded = s.onboardings().load(shared.getId());
            assertThat(reloaded.getOrganization()).isEqualTo(shared.getOrganization());
            Secrets.assertSameSecret(shared.getKeyPassword(), reloaded.getKeyPassword(),
                    "reloaded key password of the shared draft");
        }
        try (Store s = StoreTestSupport.reopen(home)) {
            for (int t = 0; t < threads; t++) {
                Onboarding o = s.onboardings().load(ids.get(t + 1));
                int last = perThread - 1;
                assertThat(o.getApiKey()).isEqualTo("key-" + t + "-" + last);
                Secrets.assertSameSecret(("secret-" + t + "-" + last).toCharArray(), o.getApiSecret(),
                        "o.getApiSecret()");
                assertThat(o.getDomains()).containsExactly("d" + last + ".t" + t + ".example");
                assertThat(o.getStep()).isEqualTo(1 + last % Onboarding.LAST_STEP);
            }
            Onboarding shared = s.onboardings().load(ids.get(0));
            assertThat(shared.getOrganization()).matches("org-\\d-" + (perThread - 1));
            assertThat(new String(shared.getKeyPassword()).matches("kp-\\d-" + (perThread - 1)))
                    .as("shared key password is one thread's last write kp-<t>-%d", perThread - 1).isTrue();
            assertThat(shared.getCountry()).matches("C\\d");
            assertThat(s.onboardings().list()).hasSize(threads + 1);
        }
    }

    /** The field list alone drives the columns, loading and writing: every field round-trips by its kind. */
    @Test
    void everyDeclaredFieldRoundTripsThroughTheGenericPath() {
        Path home = tmp.resolve("generic");
        long id;
        java.util.Map<OnboardingField<?>, Object> written = new java.util.HashMap<>();
        try (Store s = StoreTestSupport.newStore(home)) {
            long providerId = s.providers().save(ProviderRecord.builder().name("P").apiKey("k").build(),
                    ProviderSecrets.of("x".toCharArray(), null, null)).id();
            Onboarding o = s.onboardings().create("generic", false);
            id = o.getId();
            for (OnboardingField<?> f : OnboardingField.all()) {
                Object v = switch (f.kind()) {
                    case TEXT -> f == OnboardingField.ENCRYPTED_KEY_PEM ? "-----BEGIN ENCRYPTED PRIVATE KEY-----"
                            : "v" + OnboardingField.all().indexOf(f); // short: country is VARCHAR(10)
                    case FLAG -> Boolean.TRUE;
                    case NUMBER -> 5;
                    case ID -> providerId;
                    case BYTES -> new byte[] {1, 2, (byte) f.name().length()};
                    case LIST -> List.of("a." + f.name().toLowerCase(java.util.Locale.ROOT) + ".example");
                    case SECRET -> ("secret of " + f.name()).toCharArray();
                };
                setRaw(o, f, v);
                written.put(f, v instanceof char[] c ? new String(c) : v);
            }
        }
        try (Store s = StoreTestSupport.reopen(home)) {
            Onboarding o = s.onboardings().load(id);
            for (OnboardingField<?> f : OnboardingField.all()) {
                Object back = o.get(f);
                assertThat(o.has(f)).as("%s present", f).isTrue();
                if (back instanceof char[] c) {
                    assertThat(new String(c).equals(written.get(f))).as("%s (secret) read back", f).isTrue();
                } else {
                    assertThat(back).as(f.name()).isEqualTo(written.get(f));
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void setRaw(Onboarding o, OnboardingField<T> f, Object v) {
        o.set(f, (T) v);
    }
}
