package io.atlasonboard.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.core.onboarding.Onboarding;
import io.atlasonboard.core.onboarding.OnboardingField;
import io.atlasonboard.core.pki.EncryptedKeys;
import io.atlasonboard.core.pki.Keys;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.core.tasks.TaskService;
import io.atlasonboard.ui.common.UiJobs;
import io.atlasonboard.ui.common.SafeFiles;
import io.atlasonboard.ui.TestCa;
import io.atlasonboard.ui.wizard.steps.CertificateViewModel;
import io.atlasonboard.ui.wizard.steps.CsrViewModel;
import io.atlasonboard.ui.wizard.steps.KeystoreViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The step view models without a screen: JavaFX properties only, the UI executor is direct, and core (PKI, store)
 * is real. One key pair is generated for the class and reused where it is honest.
 */
class WizardViewModelsTest {
    private static TaskService tasks;
    private static UiJobs fx;

    @BeforeAll
    static void start() {
        tasks = new TaskService(2);
        fx = UiJobs.of(tasks, Runnable::run);
    }

    @AfterAll
    static void stop() {
        tasks.close();
    }

    private static CsrViewModel csrVm(WizardState s) {
        return new CsrViewModel(s, fx, SafeFiles::write);
    }

    @Test
    void commonNameFromUrlIsReducedToItsHostAndPutInTheSanList() {
        WizardState s = new WizardState();
        CsrViewModel vm = csrVm(s);
        vm.commonNameInputProperty().set("https://Atlas.Example.org:8443/login?x=1");
        assertThat(vm.commitCommonName()).isTrue();
        assertThat(s.commonNameProperty().get()).isEqualTo("atlas.example.org");
        assertThat(vm.commonNameChangesProperty().get()).contains("scheme").contains("port");
        assertThat(s.domains()).containsExactly("atlas.example.org");
        assertThat(vm.cnInSansProperty().get()).isTrue();
        vm.removeDomain("atlas.example.org");
        assertThat(vm.cnInSansProperty().get()).isFalse();
        vm.putCnBackInSans();
        assertThat(s.domains()).containsExactly("atlas.example.org");
        // a changed CN replaces the old one in the list
        vm.commonNameInputProperty().set("other.example.org");
        vm.commitCommonName();
        assertThat(s.domains()).containsExactly("other.example.org");
        assertThat(vm.commonNameChangesProperty().get()).isEmpty();
    }

    @Test
    void countryIsValidatedLiveAndBlocksGeneration() {
        WizardState s = new WizardState();
        CsrViewModel vm = csrVm(s);
        assertThat(s.countryProperty().get()).isEqualTo("DE");
        assertThat(vm.countryErrorProperty().get()).isEmpty();
        s.countryProperty().set("XX");
        assertThat(vm.countryErrorProperty().get()).contains("XX");
        vm.commonNameInputProperty().set("a.example.com");
        vm.commitCommonName();
        s.organizationProperty().set("Example AG");
        assertThat(vm.canGenerateProperty().get()).isFalse();
        s.countryProperty().set("at");
        assertThat(vm.countryErrorProperty().get()).isEmpty();
        vm.commitCountry();
        assertThat(s.countryProperty().get()).isEqualTo("AT");
        assertThat(vm.canGenerateProperty().get()).isTrue();
    }

    @Test
    void domainsAreValidatedAndDuplicatesRefused() {
        WizardState s = new WizardState();
        CsrViewModel vm = csrVm(s);
        vm.domainInputProperty().set("*.example.com");
        assertThat(vm.addDomain()).isTrue();
        vm.domainInputProperty().set("www.*.example.com");
        assertThat(vm.addDomain()).isFalse();
        assertThat(vm.domainErrorProperty().get()).contains("wildcard");
        assertThat(vm.domainInputProperty().get()).as("the typed value stays for correction").isEqualTo("www.*.example.com");
        vm.domainInputProperty().set("bücher.example");
        assertThat(vm.addDomain()).isTrue();
        assertThat(s.domains()).containsExactly("*.example.com", "xn--bcher-kva.example");
        vm.domainInputProperty().set("XN--BCHER-KVA.example");
        assertThat(vm.addDomain()).isFalse();
        assertThat(vm.domainErrorProperty().get()).contains("twice");
        assertThat(s.domains()).hasSize(2);
    }

    @Test
    void generationMakesCsrEncryptedKeyAndPasswordAndDownloadsGateTheStep(@TempDir Path tmp) throws Exception {
        WizardState s = new WizardState();
        CsrViewModel vm = csrVm(s);
        vm.commonNameInputProperty().set("pki.example.com");
        s.organizationProperty().set("Example AG");
        vm.generate().result().get(60, TimeUnit.SECONDS);
        assertThat(vm.generateErrorProperty().get()).isEmpty();
        assertThat(s.csrPemProperty().get()).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
        assertThat(s.encryptedKeyPemProperty().get()).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        assertThat(vm.showPasswordOnceProperty().get()).isTrue();
        PrivateKey key = EncryptedKeys.decrypt(s.encryptedKeyPemProperty().get(),
                s.keyPasswordProperty().get().toCharArray());
        assertThat(Keys.size(key)).isEqualTo(2048);
        PublicKey fromCsr = CertificateViewModelAccess.csrKey(s.csrPemProperty().get());
        assertThat(Keys.matches(Keys.publicKeyOf(key), fromCsr)).isTrue();
        assertThat(vm.completeProperty().get()).isFalse();
        s.downloadsConfirmedProperty().set(true);
        assertThat(vm.completeProperty().get()).isTrue();
        assertThat(vm.canGenerateProperty().get()).as("no second key over the first").isFalse();
        vm.hidePassword();
        assertThat(vm.showPasswordOnceProperty().get()).isFalse();

        Path keyFile = tmp.resolve("k.pem");
        vm.saveKey(keyFile).result().get(10, TimeUnit.SECONDS);
        assertThat(Files.readString(keyFile)).isEqualTo(s.encryptedKeyPemProperty().get());
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");

        // step 3 against this key: another key refused with both fingerprints, the right one accepted
        CertificateViewModel cert = new CertificateViewModel(s, fx, Clock.systemUTC());
        TestCa ca = new TestCa();
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        PublicKey other = g.generateKeyPair().getPublic();
        cert.pastedProperty().set(TestCa.pem(ca.issue(other, "pki.example.com")));
        cert.checkPasted().result().get(10, TimeUnit.SECONDS);
        assertThat(cert.errorProperty().get()).contains("different key");
        assertThat(cert.expectedSpkiProperty().get()).isEqualTo(Keys.spkiSha256(fromCsr));
        assertThat(cert.certificateSpkiProperty().get()).isEqualTo(Keys.spkiSha256(other));
        assertThat(s.certificatePemProperty().get()).isEmpty();
        assertThat(cert.completeProperty().get()).isFalse();

        // a damaged PEM block: said in the user's words, no library class names
        String good = TestCa.pem(ca.issue(other, "pki.example.com"));
        int mid = good.indexOf('\n', good.length() / 2);
        cert.pastedProperty().set(good.substring(0, mid) + "\n!!corrupted!!" + good.substring(mid + 20));
        cert.checkPasted().result().handle((v, e) -> null).get(10, TimeUnit.SECONDS);
        String said = cert.errorProperty().get() + cert.explanationProperty().get();
        assertThat(said).isNotBlank().doesNotContain("org.bouncycastle").doesNotContain("Exception");

        cert.pastedProperty().set(s.csrPemProperty().get());
        cert.checkPasted().result().get(10, TimeUnit.SECONDS);
        assertThat(cert.explanationProperty().get()).containsIgnoringCase("request");
        assertThat(cert.expectedSpkiProperty().get()).isEmpty();

        String strayKey = io.atlasonboard.core.pki.Pem.write(key);
        cert.pastedProperty().set(strayKey);
        cert.checkPasted().result().get(10, TimeUnit.SECONDS);
        assertThat(cert.explanationProperty().get()).containsIgnoringCase("private key");
        assertThat(cert.pastedProperty().get()).isEmpty();
        assertThat(s.certificatePemProperty().get()).isEmpty();

        cert.pastedProperty().set(TestCa.pem(ca.caCert(), ca.issue(fromCsr, "pki.example.com")));
        cert.checkPasted().result().get(10, TimeUnit.SECONDS);
        assertThat(cert.errorProperty().get()).isEmpty();
        assertThat(cert.completeProperty().get()).isTrue();
        assertThat(cert.summaryProperty().get().subject()).contains("pki.example.com");
        assertThat(s.certificatePemProperty().get()).startsWith("-----BEGIN CERTIFICATE-----");
        // the leaf is stored first even though the CA came first in the paste
        assertThat(CertificateViewModelAccess.firstCertSubject(s.certificatePemProperty().get())).contains("pki.example.com");

        // a DER file opens too
        java.security.cert.X509Certificate derCert = ca.issue(fromCsr, "pki.example.com");
        Path der = tmp.resolve("cert.der");
        Files.write(der, derCert.getEncoded());
        WizardState other2 = new WizardState();
        other2.csrPemProperty().set(s.csrPemProperty().get());
        CertificateViewModel fromFile = new CertificateViewModel(other2, fx, Clock.systemUTC());
        fromFile.open(der).result().get(10, TimeUnit.SECONDS);
        assertThat(fromFile.errorProperty().get()).isEmpty();
        assertThat(fromFile.summaryProperty().get().serialHex()).isEqualToIgnoringCase(derCert.getSerialNumber().toString(16));
        assertThat(other2.certificatePemProperty().get()).startsWith("-----BEGIN CERTIFICATE-----");

        // step 4 with the key password asked (not in the vault): a wrong one is refused, the right one writes
        String realKeyPassword = s.keyPasswordProperty().get();
        s.keyPasswordProperty().set("");
        KeystoreViewModel ks = new KeystoreViewModel(s, fx);
        ks.prepare();
        assertThat(s.friendlyNameProperty().get()).contains("pki.example.com");
        assertThat(ks.keyPasswordKnownProperty().get()).isFalse();
        s.profileProperty().set(io.atlasonboard.core.pki.Pkcs12Profile.COMPATIBILITY);
        assertThat(ks.opensslCommandProperty().get()).contains("-legacy");
        ks.askedKeyPasswordProperty().set("not-the-password");
        ks.sameAsKeyPasswordProperty().set(true);
        Path p12 = tmp.resolve("compat.p12");
        ks.write(p12).result().handle((v, e) -> null).get(60, TimeUnit.SECONDS);
        assertThat(ks.errorProperty().get()).isNotEmpty();
        assertThat(ks.completeProperty().get()).isFalse();
        assertThat(Files.exists(p12)).isFalse();
        ks.askedKeyPasswordProperty().set(realKeyPassword);
        ks.write(p12).result().get(60, TimeUnit.SECONDS);
        assertThat(ks.errorProperty().get()).isEmpty();
        assertThat(ks.completeProperty().get()).isTrue();
        assertThat(s.keyPasswordProperty().get().equals(realKeyPassword)).as("asked password kept in the vault").isTrue();
        assertThat(s.keystorePasswordProperty().get().equals(realKeyPassword)).as("same as key password").isTrue();
        java.security.KeyStore loaded = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(p12)) {
            loaded.load(in, realKeyPassword.toCharArray());
        }
        assertThat(loaded.getCertificateChain(loaded.aliases().nextElement())).hasSize(2);

        // discarding the key clears everything made from it
        vm.discardKey();
        assertThat(s.csrPemProperty().get()).isEmpty();
        assertThat(s.encryptedKeyPemProperty().get()).isEmpty();
        assertThat(s.keyPasswordProperty().get().isEmpty()).as("s.keyPassword.get() is empty").isTrue();
        assertThat(s.certificatePemProperty().get()).isEmpty();
        assertThat(s.keystorePathProperty().get()).isEmpty();
        assertThat(vm.canGenerateProperty().get()).isTrue();
    }

    @Test
    void everyValueAndSecretSurvivesAReopenOfTheStore(@TempDir Path tmp) throws Exception {
        Path home = tmp.resolve("home");
        char[] pass = "Orbit-Lantern-Tide-77-calm".toCharArray();
        long id;
        try (Store store = Store.create(home, pass.clone())) {
            Onboarding o = store.onboardings().create("test", false);
            id = o.getId();
            OnboardingSync sync = new OnboardingSync(o, tasks, Runnable::run);
            WizardState s = new WizardState();
            sync.attach(s, OnboardingSync.read(o));
            s.apiKeyProperty().set("ApiKey-Draft-Wz71");
            s.apiSecretProperty().set("secret-value-1");
            s.commonNameProperty().set("pki.example.com");
            s.countryProperty().set("CH");
            s.organizationProperty().set("Example AG");
            s.domains().setAll("pki.example.com", "www.example.com");
            s.keyPasswordProperty().set("key-pass-1");
            s.downloadsConfirmedProperty().set(true);
            s.friendlyNameProperty().set("friendly");
            s.profileProperty().set(io.atlasonboard.core.pki.Pkcs12Profile.COMPATIBILITY);
            s.keystorePasswordProperty().set("ks-pass-Wz72");
            s.keystoreProperty().set(new byte[] {7, 8, 9});
            s.keystorePathProperty().set("/tmp/x.p12");
            s.stepProperty().set(2);
            sync.flush().get(10, TimeUnit.SECONDS);
            assertThat(o.getStep()).as("index 2 is stored as step number 3").isEqualTo(3);
            assertThat(sync.statusProperty().get()).isEqualTo("All changes saved");
        }
        String allFiles = CertificateViewModelAccess.readAll(home);
        assertThat(allFiles.contains("secret-value-1")).as("secret not in clear on disk").isFalse();
        assertThat(allFiles.contains("key-pass-1")).as("key password not in clear on disk").isFalse();
        assertThat(allFiles.contains("ks-pass-Wz72")).as("keystore password not in clear on disk").isFalse();
        assertThat(allFiles.contains("ApiKey-Draft-Wz71")).as("API key sealed, not in clear on disk").isFalse();
        try (Store store = Store.open(home, pass.clone())) {
            Onboarding o = store.onboardings().load(id);
            WizardState s = new WizardState();
            new OnboardingSync(o, tasks, Runnable::run).attach(s, OnboardingSync.read(o));
            assertThat(s.stepProperty().get()).isEqualTo(2);
            assertThat(s.apiKeyProperty().get()).isEqualTo("ApiKey-Draft-Wz71");
            assertThat(s.apiSecretProperty().get().equals("secret-value-1")).isTrue();
            assertThat(s.keystorePasswordProperty().get().equals("ks-pass-Wz72")).isTrue();
            assertThat(s.keystoreProperty().get()).containsExactly(7, 8, 9);
            assertThat(s.keystorePathProperty().get()).isEqualTo("/tmp/x.p12");
            assertThat(s.countryProperty().get()).isEqualTo("CH");
            assertThat(s.domains()).containsExactly("pki.example.com", "www.example.com");
            assertThat(s.keyPasswordProperty().get().equals("key-pass-1")).isTrue();
            assertThat(s.downloadsConfirmedProperty().get()).isTrue();
            assertThat(s.friendlyNameProperty().get()).isEqualTo("friendly");
            assertThat(s.profileProperty().get()).isEqualTo(io.atlasonboard.core.pki.Pkcs12Profile.COMPATIBILITY);
        }
    }

    @Test
    void finishMarksTheOnboardingCompleteInTheStartPageList(@TempDir Path tmp) throws Exception {
        char[] pass = "Orbit-Lantern-Tide-77-calm".toCharArray();
        try (Store store = Store.create(tmp.resolve("home"), pass.clone())) {
            Onboarding done = store.onboardings().create("finished one", false);
            store.onboardings().create("still going", false);
            OnboardingSync sync = new OnboardingSync(done, tasks, Runnable::run);
            sync.attach(new WizardState(), OnboardingSync.read(done));
            sync.markCompleted().get(10, TimeUnit.SECONDS);
            assertThat(sync.statusProperty().get()).isEqualTo("All changes saved");
            assertThat(store.onboardings().list()).extracting(s -> s.label() + "=" + s.completed())
                    .containsExactlyInAnyOrder("finished one=true", "still going=false");
            assertThat(store.onboardings().load(done.getId()).isCompleted()).isTrue();
        }
    }

    @Test
    void keystorePasswordNeedsStrengthAndConfirmationLikeTheMasterPassphrase() {
        WizardState s = new WizardState();
        s.certificatePemProperty().set("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        s.keyPasswordProperty().set("key-pass-from-step-2");
        KeystoreViewModel ks = new KeystoreViewModel(s, fx);
        ks.newPasswordProperty().set("abc");
        assertThat(ks.canWriteProperty().get()).isFalse();
        assertThat(ks.blockedReasonProperty().get()).isEqualTo("The keystore password is too weak.");
        assertThat(ks.strengthTextProperty().get()).isNotBlank();
        ks.newPasswordProperty().set("Harbour-Violet-Engine-31");
        assertThat(ks.blockedReasonProperty().get()).isEqualTo("Repeat the keystore password.");
        ks.confirmationProperty().set("Harbour-Violet-Engine-3");
        assertThat(ks.confirmationHint()).contains("do not match");
        assertThat(ks.canWriteProperty().get()).isFalse();
        ks.confirmationProperty().set("Harbour-Violet-Engine-31");
        assertThat(ks.confirmationHint()).isEqualTo("The passwords match.");
        assertThat(ks.canWriteProperty().get()).isTrue();
        assertThat(ks.blockedReasonProperty().get()).isEmpty();
        ks.newPasswordProperty().set("");
        ks.sameAsKeyPasswordProperty().set(true);
        assertThat(ks.canWriteProperty().get()).as("the key password needs no second entry").isTrue();
    }

    @Test
    void theStepBarJumpsBackAnywhereAndForwardOnlyOverCompleteSteps(@TempDir Path tmp) throws Exception {
        char[] pass = "Orbit-Lantern-Tide-77-calm".toCharArray();
        try (Store store = Store.create(tmp.resolve("home"), pass.clone())) {
            Onboarding o = store.onboardings().create("jumps", false);
            OnboardingSync sync = new OnboardingSync(o, tasks, Runnable::run);
            WizardState s = new WizardState();
            sync.attach(s, OnboardingSync.read(o));
            WizardViewModel vm = new WizardViewModel(s, sync, fx, Clock.systemUTC(), SafeFiles::write);
            assertThat(vm.goTo(2)).as("step 3 not reached yet").isFalse();
            s.apiKeyProperty().set("key-1");
            s.apiSecretProperty().set("secret-value-1");
            assertThat(vm.next()).isTrue();
            assertThat(vm.furthestProperty().get()).isEqualTo(1);
            assertThat(vm.goTo(0)).isTrue();
            assertThat(s.stepProperty().get()).isZero();
            assertThat(vm.goTo(1)).as("back to the furthest step over a complete step 1").isTrue();
            assertThat(vm.goTo(0)).isTrue();
            s.apiSecretProperty().set("");
            assertThat(vm.goTo(1)).as("step 1 is no longer complete").isFalse();
            sync.flush().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyWizardValueIsDeclaredOnceWithItsStoredField() {
        WizardState s = new WizardState();
        List<OnboardingField<?>> bound = s.bindings().stream().<OnboardingField<?>>map(b -> b.field).toList();
        assertThat(bound).doesNotHaveDuplicates();
        // every stored field is a wizard property, except the ones the wizard does not show
        Set<OnboardingField<?>> notInTheWizard = Set.of(OnboardingField.SANDBOX_BASE_URL,
                OnboardingField.SANDBOX_SERVER_CA_PEM, OnboardingField.COMPLETED);
        assertThat(OnboardingField.all()).filteredOn(f -> !notInTheWizard.contains(f))
                .containsExactlyInAnyOrderElementsOf(bound);
        assertThat(OnboardingField.all()).extracting(OnboardingField::column).doesNotHaveDuplicates();
    }

    @Test
    void stepNumbersAreConvertedAtOneBoundaryAndResumeIsCappedWithoutAProvider(@TempDir Path tmp) throws Exception {
        assertThat(StepNumbers.toNumber(0)).isEqualTo(Onboarding.FIRST_STEP);
        assertThat(StepNumbers.toIndex(StepNumbers.toNumber(5))).isEqualTo(5);
        char[] pass = "Orbit-Lantern-Tide-77-calm".toCharArray();
        try (Store store = Store.create(tmp.resolve("home"), pass.clone())) {
            Onboarding o = store.onboardings().create("numbers", false);
            o.setStep(4);
            WizardState s = new WizardState();
            new OnboardingSync(o, tasks, Runnable::run).attach(s, OnboardingSync.read(o));
            assertThat(s.stepProperty().get()).as("stored step 4 is index 3").isEqualTo(3);
            o.setStep(7);
            WizardState later = new WizardState();
            new OnboardingSync(o, tasks, Runnable::run).attach(later, OnboardingSync.read(o));
            assertThat(later.stepProperty().get()).as("no provider saved: resumes at the provider step")
                    .isEqualTo(WizardViewModel.PROVIDER_STEP);
        }
    }

    @Test
    void theSnapshotsSecretsAreWipedOnceShownAndTheLatestQueuedSecretIsStored(@TempDir Path tmp) throws Exception {
        char[] pass = "Orbit-Lantern-Tide-77-calm".toCharArray();
        try (Store store = Store.create(tmp.resolve("home"), pass.clone())) {
            Onboarding o = store.onboardings().create("wipe", false);
            o.setApiSecret("Secret-In-Snapshot-1".toCharArray());
            o.setApiKey("Key-In-Snapshot-1");
            OnboardingSync.Snapshot snap = OnboardingSync.read(o);
            char[] secret = snap.value(OnboardingField.API_SECRET);
            char[] key = snap.value(OnboardingField.API_KEY);
            assertThat(new String(secret).equals("Secret-In-Snapshot-1")).isTrue();
            WizardState s = new WizardState();
            OnboardingSync sync = new OnboardingSync(o, tasks, Runnable::run);
            sync.attach(s, snap);
            assertThat(s.apiSecretProperty().get().equals("Secret-In-Snapshot-1")).isTrue();
            assertThat(new String(secret).chars().allMatch(c -> c == 0)).as("snapshot secret wiped").isTrue();
            assertThat(new String(key).chars().allMatch(c -> c == 0)).as("snapshot API key wiped").isTrue();
            assertThat(snap.toString()).doesNotContain("Secret-In-Snapshot-1");
            s.apiSecretProperty().set("Replaced-Before-Write-2");
            s.apiSecretProperty().set("Written-Secret-3");
            sync.flush().get(10, TimeUnit.SECONDS);
            char[] back = o.getApiSecret();
            assertThat(new String(back).equals("Written-Secret-3")).as("the latest secret is the one stored").isTrue();
            java.util.Arrays.fill(back, '\0');
        }
    }
}
