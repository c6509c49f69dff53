package io.atlasonboard.ui.providers;

import io.atlasonboard.ui.common.UiJobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.google.gson.Gson;
import io.atlasonboard.core.atlas.ValidationPolicy;
import io.atlasonboard.core.providers.ProviderInput;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.ProviderSecrets;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.core.tasks.BackgroundJob;
import io.atlasonboard.core.tasks.TaskService;
import io.atlasonboard.testing.Secrets;
import io.atlasonboard.ui.common.FxTask;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.sim.ValidationPolicies;
import io.atlasonboard.ui.certificates.IssuanceRequests;
import io.atlasonboard.ui.dns.DnsValidationViewModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** View models without a screen: the UI executor is a direct one, the store is real. */
class ProviderViewModelsTest {
    @TempDir
    static Path home;
    static Store store;
    static TaskService tasks;

    @BeforeAll
    static void setUp() {
        store = Store.create(home.resolve("data"), "qv7#Lm2!zR9wXp4@Tk8s".toCharArray());
        tasks = new TaskService(2);
    }

    @AfterAll
    static void tearDown() {
        tasks.close();
        store.close();
    }

    private ProviderFormViewModel form() {
        return new ProviderFormViewModel(store, UiJobs.of(tasks, Runnable::run), (t, p) -> java.util.Optional.empty());
    }

    @Test
    void formValidatesUrlProxyAndRequiredFieldsInline() {
        ProviderFormViewModel vm = form();
        assertThat(vm.apiUrlProperty().get()).isEqualTo("https://emea.api.hvca.globalsign.com:8443/v2");
        vm.apiUrlProperty().set("http://emea.api.hvca.globalsign.com:8443/v2");
        assertThat(vm.urlErrorProperty().get()).contains("https://");
        vm.apiUrlProperty().set("https://emea.api.hvca.globalsign.com:8443/");
        assertThat(vm.urlErrorProperty().get()).isEmpty();

        vm.proxyHostProperty().set("proxy.example.com");
        vm.proxyPortProperty().set("70000");
        assertThat(vm.proxyErrorProperty().get()).contains("between 1 and 65535");
        vm.proxyPortProperty().set("");
        assertThat(vm.proxyErrorProperty().get()).contains("proxy port");
        vm.proxyPortProperty().set("3128");
        assertThat(vm.proxyErrorProperty().get()).isEmpty();
        vm.proxyHostProperty().set("");
        assertThat(vm.proxyErrorProperty().get()).contains("proxy host");

        vm.proxyPortProperty().set("");
        assertThat(vm.validate()).isFalse();
        assertThat(vm.apiKeyErrorProperty().get()).isNotEmpty();
        assertThat(vm.keystoreErrorProperty().get()).contains("PKCS#12");
        vm.trustPemProperty().set("not a certificate");
        assertThat(vm.trustErrorProperty().get()).isNotEmpty();
    }

    // ---------------------------------------------------------------- the form on core's ProviderInput

    /** Jobs run on the task service's workers once the test opens the gate; callbacks run on the worker too. */
    static final class GatedJobs implements UiJobs {
        final UiJobs real = UiJobs.of(tasks, Runnable::run);
        final CountDownLatch gate = new CountDownLatch(1);
        final List<CompletableFuture<?>> jobs = new CopyOnWriteArrayList<>();

        @Override
        public <T> FxTask<T> run(String title, BackgroundJob<T> job) {
            FxTask<T> t = real.run(title, p -> {
                assertThat(gate.await(20, TimeUnit.SECONDS)).as("gate opened").isTrue();
                return job.run(p);
            });
            jobs.add(t.result());
            return t;
        }

        @Override
        public void onUi(Runnable r) {
            r.run();
        }

        void openAndWait() throws Exception {
            gate.countDown();
            for (CompletableFuture<?> f : jobs) {
                f.handle((v, e) -> v).get(20, TimeUnit.SECONDS);
            }
            Thread.sleep(100); // callbacks run right after each result
        }
    }

    private static long storedProvider(String name) {
        try (ProviderInput in = new ProviderInput().name(name).apiUrl("https://127.0.0.1:8443").apiKey("key-" + name)
                .apiSecret("secret-one".toCharArray()).keystore(new byte[] {0x30, 0x03, 0x02, 0x01, 0x03}, "c.p12")
                .keystorePassword("ks-pass-1".toCharArray())) {
            return in.save(store.providers()).id();
        }
    }

    @Test
    void saveCopiesTheFormOnTheUiThreadAndKeepsTheStoredSecretsLeftEmpty() throws Exception {
        long id = storedProvider("Kept secrets");
        GatedJobs jobs = new GatedJobs();
        ProviderFormViewModel vm = new ProviderFormViewModel(store, jobs, (t, p) -> java.util.Optional.empty());
        vm.edit(store.providers().get(id));
        assertThat(vm.keepStoredSecretsProperty().get()).isTrue();
        vm.apiUrlProperty().set("https://127.0.0.1:8444");
        vm.keystorePasswordProperty().set("ks-pass-2");
        vm.save();
        assertThat(vm.busyProperty().get()).isTrue();
        // the user goes on typing while the job waits: the job must save what the form held when Save was pressed
        vm.keepStoredSecretsProperty().set(false);
        vm.nameProperty().set("Typed later");
        vm.keystorePasswordProperty().set("typed-later");
        jobs.openAndWait();

        ProviderRecord r = store.providers().get(id);
        assertThat(r.name()).isEqualTo("Kept secrets");
        assertThat(r.apiUrl()).isEqualTo("https://127.0.0.1:8444/v2");
        try (ProviderSecrets s = store.providers().secrets(id)) {
            Secrets.assertSameSecret("secret-one".toCharArray(), s.apiSecret(), "API secret (left empty: kept)");
            Secrets.assertSameSecret("ks-pass-2".toCharArray(), s.keystorePassword(), "keystore password");
        }
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.formErrorProperty().get()).isEmpty();
    }

    @Test
    void theFormShowsCoreProblemsInTheUsersLanguageAndTheWorkersVerdictOnTheName() throws Exception {
        storedProvider("Taken name");
        GatedJobs jobs = new GatedJobs();
        ProviderFormViewModel vm = new ProviderFormViewModel(store, jobs, (t, p) -> java.util.Optional.empty());
        Locale before = I18n.locale();
        try {
            I18n.setLocale(Locale.GERMAN);
            vm.proxyHostProperty().set("proxy.example");
            vm.proxyPortProperty().set("70000");
            assertThat(vm.proxyErrorProperty().get()).isEqualTo("Der Proxy-Port muss zwischen 1 und 65535 liegen.");
            vm.trustPemProperty().set("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----");
            assertThat(vm.trustErrorProperty().get()).startsWith("Der Text der vertrauenswürdigen")
                    .doesNotContain("Exception", "ASN");
            assertThat(vm.validate()).isFalse();
            assertThat(vm.apiKeyErrorProperty().get()).startsWith("Geben Sie den API-Schlüssel");
            assertThat(vm.keystoreErrorProperty().get()).startsWith("Wählen Sie den Schlüsselspeicher");
            // the command line prints the same problems of the same model in English
            try (ProviderInput in = new ProviderInput().proxy("proxy.example", "70000", "")) {
                assertThat(in.problems(List.of()).get(ProviderInput.Field.PROXY).english())
                        .isEqualTo("The proxy port must be between 1 and 65535.");
            }
        } finally {
            I18n.setLocale(before);
        }

        // the names are not loaded yet (the job waits): the store's check on the worker refuses the taken name
        vm.proxyHostProperty().set("");
        vm.proxyPortProperty().set("");
        vm.trustPemProperty().set("");
        vm.nameProperty().set("taken NAME");
        vm.apiKeyProperty().set("key-x");
        vm.apiSecretProperty().set("secret-x");
        vm.useKeystore(new byte[] {0x30, 0x03, 0x02, 0x01, 0x03}, "x.p12");
        assertThat(vm.validate()).isTrue();
        vm.save();
        jobs.openAndWait();
        assertThat(vm.nameErrorProperty().get())
                .isEqualTo("A provider named \"taken NAME\" already exists; choose another name.");
        assertThat(vm.formErrorProperty().get()).isEmpty();
        assertThat(vm.isEditing()).isFalse();
        assertThat(store.providers().list()).extracting(ProviderRecord::name).doesNotContain("taken NAME");
    }

    @Test
    void proxyPasswordOfTheConfigOutlivesTheStoredSecrets() {
        char[] proxyPw = "proxy-pass-7".toCharArray();
        io.atlasonboard.core.store.ProviderRecord r = io.atlasonboard.core.store.ProviderRecord.builder()
                .name("Proxied").apiUrl("https://127.0.0.1:8443/v2")
                .intendedUse(io.atlasonboard.core.store.IntendedUse.TLS).apiKey("key").proxyHost("127.0.0.1")
                .proxyPort(3128).proxyUser("alice").build();
        long id;
        try (var s = io.atlasonboard.core.store.ProviderSecrets.of("secret".toCharArray(), null, proxyPw.clone())) {
            id = store.providers().save(r, s).id();
        }
        ProviderConnector connector = new ProviderConnector(store, java.time.Clock.systemUTC());
        io.atlasonboard.core.atlas.AtlasConnectionConfig cfg;
        try (var s = store.providers().secrets(id)) {
            cfg = connector.config(store.providers().get(id), s);
        }
        // closing the secrets wipes their arrays; the config's proxy password is its own copy
        assertThat(java.util.Arrays.equals(cfg.proxy().password(), proxyPw))
                .as("proxy password still intact after the secrets were closed").isTrue();
    }

    @Test
    void issuanceFormFollowsThePolicy() {
        Gson gson = new com.google.gson.GsonBuilder()
                .setFieldNamingPolicy(com.google.gson.FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES).create();
        ValidationPolicy tls = gson.fromJson(ValidationPolicies.tls(), ValidationPolicy.class);
        IssuanceRequests.PolicyView v = IssuanceRequests.view(tls);
        assertThat(v.tls()).isTrue();
        assertThat(v.cnRequired()).isTrue();
        // the form's policy checks are core's (RequestBuilder), in the domain's words, before anything is sent
        java.util.function.Function<io.atlasonboard.core.issuance.IssueRequest, String> refusal = r -> {
            try {
                io.atlasonboard.core.issuance.RequestBuilder.build(tls, io.atlasonboard.core.store.IntendedUse.TLS,
                        r.withCsr(null).withKeyBits(2048), java.time.Instant.ofEpochSecond(1000));
                return "";
            } catch (io.atlasonboard.core.pki.InvalidInputException e) {
                return e.getMessage();
            }
        };
        assertThat(refusal.apply(io.atlasonboard.core.issuance.IssueRequest.of(null, List.of("a.example.com"),
                List.of()).withValidity(java.time.Duration.ofDays(1)))).contains("give a Common Name");
        assertThat(refusal.apply(io.atlasonboard.core.issuance.IssueRequest.of("a.example.com", List.of("a.example.com"),
                List.of()).withValidity(java.time.Duration.ofDays(91)))).contains("at most 90 days");
        // the request itself is built by core RequestBuilder (what IssuanceService sends for the form)
        var body = io.atlasonboard.core.issuance.RequestBuilder.build(tls, io.atlasonboard.core.store.IntendedUse.TLS,
                io.atlasonboard.core.issuance.IssueRequest.of("a.example.com", List.of("a.example.com"), List.of())
                        .withValidity(java.time.Duration.ofDays(1)).withKeyBits(2048),
                java.time.Instant.ofEpochSecond(1000)).json();
        // organization and country are STATIC: not sent; EKUs are static: not sent
        assertThat(body.getAsJsonObject("subject_dn").keySet()).containsExactly("common_name");
        assertThat(body.has("extended_key_usages")).isFalse();
        assertThat(body.getAsJsonObject("san").getAsJsonArray("dns_names").get(0).getAsString()).isEqualTo("a.example.com");

        IssuanceRequests.PolicyView smime = IssuanceRequests.view(
                gson.fromJson(ValidationPolicies.smime(), ValidationPolicy.class));
        assertThat(smime.smime()).isTrue();
        assertThat(smime.namesLabel()).isEqualTo("E-mail addresses");
        assertThat(io.atlasonboard.core.issuance.RequestBuilder.build(
                gson.fromJson(ValidationPolicies.smime(), ValidationPolicy.class),
                io.atlasonboard.core.store.IntendedUse.SMIME,
                io.atlasonboard.core.issuance.IssueRequest.of(null, List.of(), List.of("a@example.com"))
                        .withValidity(java.time.Duration.ofDays(1)).withKeyBits(2048), java.time.Instant.EPOCH)
                .json().getAsJsonObject("san").has("emails")).isTrue();
    }

    @Test
    void dnsDomainInputIsValidatedLikeTheCsrStep() {
        DnsValidationViewModel vm = new DnsValidationViewModel(1, new io.atlasonboard.ui.dns.ClaimServiceOps(
                new ProviderConnector(store, java.time.Clock.systemUTC()), java.time.Clock.systemUTC(),
                (io.atlasonboard.core.dns.PropagationChecker) null),
                io.atlasonboard.core.dns.PropagationChecker.withDefaults(), null, UiJobs.of(tasks, Runnable::run),
                java.time.Clock.systemUTC());
        assertThat(vm.parseDomains("WWW.Example.COM, *.example.com bücher.example"))
                .containsExactly("www.example.com", "example.com", "xn--bcher-kva.example");
        assertThat(vm.domainErrorProperty().get()).isEmpty();
        assertThat(vm.parseDomains("https://example.com/path")).isEmpty();
        assertThat(vm.domainErrorProperty().get()).contains("URL");
        assertThat(vm.sandbox()).isFalse();
    }
}
