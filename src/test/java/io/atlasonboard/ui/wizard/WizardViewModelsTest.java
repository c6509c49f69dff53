package io.atlasonboard.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.core.onboarding.Onboarding;
import io.atlasonboard.core.pki.EncryptedKeys;
import io.atlasonboard.core.pki.Keys;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.core.tasks.TaskService;
import io.atlasonboard.ui.common.FxTasks;
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
    private static FxTasks fx;

    @BeforeAll
    static void start() {
        tasks = new TaskService(2);
        fx = new FxTasks(tasks, Runnable::run);
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
        vm.commonNameInput.set("https://Atlas.Example.org:8443/login?x=1");
        assertThat(vm.commitCommonName()).isTrue();
        assertThat(s.commonName.get()).isEqualTo("atlas.example.org");
        assertThat(vm.commonNameChanges.get()).contains("scheme").contains("port");
        assertThat(s.domains).containsExactly("atlas.example.org");
        assertThat(vm.cnInSans.get()).isTrue();
        vm.removeDomain("atlas.example.org");
        assertThat(vm.cnInSans.get()).isFalse();
        vm.putCnBackInSans();
        assertThat(s.domains).containsExactly("atlas.example.org");
        // a changed CN replaces the old one in the list
        vm.commonNameInput.set("other.example.org");
        vm.commitCommonName();
        assertThat(s.domains).containsExactly("other.example.org");
        assertThat(vm.commonNameChanges.get()).isEmpty();
    }

    @Test
    void countryIsValidatedLiveAndBlocksGeneration() {
        WizardState s = new WizardState();
        CsrViewModel vm = csrVm(s);
        assertThat(s.country.get()).isEqualTo("DE");
        assertThat(vm.countryError.get()).isEmpty();
        s.country.set("XX");
        assertThat(vm.countryError.get()).contains("XX");
        vm.commonNameInput.set("a.example.com");
        vm.commitCommonName();
        s.organization.set("Example AG");
        assertThat(vm.canGenerate.get()).isFalse();
        s.country.set("at");
        assertThat(vm.countryError.get()).isEmpty();
        vm.commitCountry();
        assertThat(s.country.get()).isEqualTo("AT");
        assertThat(vm.canGenerate.get()).isTrue();
    }

    @Test
    void domainsAreValidatedAndDuplicatesRefused() {
        WizardState s = new WizardState();
        CsrViewModel vm = csrVm(s);
        vm.domainInput.set("*.example.com");
        assertThat(vm.addDomain()).isTrue();
        vm.domainInput.set("www.*.example.com");
        assertThat(vm.addDomain()).isFalse();
        assertThat(vm.domainError.get()).contains("wildcard");
        assertThat(vm.domainInput.get()).as("the typed value stays for correction").isEqualTo("www.*.example.com");
        vm.domainInput.set("bücher.example");
        assertThat(vm.addDomain()).isTrue();
        assertThat(s.domains).containsExactly("*.example.com", "xn--bcher-kva.example");
        vm.domainInput.set("XN--BCHER-KVA.example");
        assertThat(vm.addDomain()).isFalse();
        assertThat(vm.domainError.get()).contains("twice");
        assertThat(s.domains).hasSize(2);
    }

    @Test
    void generationMakesCsrEncryptedKeyAndPasswordAndDownloadsGateTheStep(@TempDir Path tmp) throws Exception {
        WizardState s = new WizardState();
        CsrViewModel vm = csrVm(s);
        vm.commonNameInput.set("pki.example.com");
        s.organization.set("Example AG");
        vm.generate().result().get(60, TimeUnit.SECONDS);
        assertThat(vm.generateError.get()).isEmpty();
        assertThat(s.csrPem.get()).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
        assertThat(s.encryptedKeyPem.get()).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        assertThat(vm.showPasswordOnce.get()).isTrue();
        PrivateKey key = EncryptedKeys.decrypt(s.encryptedKeyPem.get(), s.keyPassword.get().toCharArray());
        assertThat(Keys.size(key)).isEqualTo(2048);
        PublicKey fromCsr = CertificateViewModelAccess.csrKey(s.csrPem.get());
        assertThat(Keys.matches(Keys.publicKeyOf(key), fromCsr)).isTrue();
        assertThat(vm.complete.get()).isFalse();
        s.downloadsConfirmed.set(true);
        assertThat(vm.complete.get()).isTrue();
        assertThat(vm.canGenerate.get()).as("no second key over the first").isFalse();
        vm.hidePassword();
        assertThat(vm.showPasswordOnce.get()).isFalse();

        Path keyFile = tmp.resolve("k.pem");
        vm.saveKey(keyFile).result().get(10, TimeUnit.SECONDS);
        assertThat(Files.readString(keyFile)).isEqualTo(s.encryptedKeyPem.get());
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");

        // step 3 against this key: another key refused with both fingerprints, the right one accepted
        CertificateViewModel cert = new CertificateViewModel(s, fx, Clock.systemUTC());
        TestCa ca = new TestCa();
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        PublicKey other = g.generateKeyPair().getPublic();
        cert.pasted.set(TestCa.pem(ca.issue(other, "pki.example.com")));
        cert.checkPasted().result().get(10, TimeUnit.SECONDS);
        assertThat(cert.error.get()).contains("different key");
        assertThat(cert.expectedSpki.get()).isEqualTo(Keys.spkiSha256(fromCsr));
        assertThat(cert.certificateSpki.get()).isEqualTo(Keys.spkiSha256(other));
        assertThat(s.certificatePem.get()).isEmpty();
        assertThat(cert.complete.get()).isFalse();

        cert.pasted.set(s.csrPem.get());
        cert.checkPasted().result().get(10, TimeUnit.SECONDS);
        assertThat(cert.explanation.get()).containsIgnoringCase("request");
        assertThat(cert.expectedSpki.get()).isEmpty();

        String strayKey = io.atlasonboard.core.pki.Pem.write(key);
        cert.pasted.set(strayKey);
        cert.checkPasted().result().get(10, TimeUnit.SECONDS);
        assertThat(cert.explanation.get()).containsIgnoringCase("private key");
        assertThat(cert.pasted.get()).isEmpty();
        assertThat(s.certificatePem.get()).isEmpty();

        cert.pasted.set(TestCa.pem(ca.caCert(), ca.issue(fromCsr, "pki.example.com")));
        cert.checkPasted().result().get(10, TimeUnit.SECONDS);
        assertThat(cert.error.get()).isEmpty();
        assertThat(cert.complete.get()).isTrue();
        assertThat(cert.summary.get().subject()).contains("pki.example.com");
        assertThat(s.certificatePem.get()).startsWith("-----BEGIN CERTIFICATE-----");
        // the leaf is stored first even though the CA came first in the paste
        assertThat(CertificateViewModelAccess.firstCertSubject(s.certificatePem.get())).contains("pki.example.com");

        // a DER file opens too
        java.security.cert.X509Certificate derCert = ca.issue(fromCsr, "pki.example.com");
        Path der = tmp.resolve("cert.der");
        Files.write(der, derCert.getEncoded());
        WizardState other2 = new WizardState();
        other2.csrPem.set(s.csrPem.get());
        CertificateViewModel fromFile = new CertificateViewModel(other2, fx, Clock.systemUTC());
        fromFile.open(der).result().get(10, TimeUnit.SECONDS);
        assertThat(fromFile.error.get()).isEmpty();
        assertThat(fromFile.summary.get().serialHex()).isEqualToIgnoringCase(derCert.getSerialNumber().toString(16));
        assertThat(other2.certificatePem.get()).startsWith("-----BEGIN CERTIFICATE-----");

        // step 4 with the key password asked (not in the vault): a wrong one is refused, the right one writes
        String realKeyPassword = s.keyPassword.get();
        s.keyPassword.set("");
        KeystoreViewModel ks = new KeystoreViewModel(s, fx);
        ks.prepare();
        assertThat(s.friendlyName.get()).contains("pki.example.com");
        assertThat(ks.keyPasswordKnown.get()).isFalse();
        s.profile.set(io.atlasonboard.core.pki.Pkcs12Profile.COMPATIBILITY);
        assertThat(ks.opensslCommand.get()).contains("-legacy");
        ks.askedKeyPassword.set("not-the-password");
        ks.sameAsKeyPassword.set(true);
        Path p12 = tmp.resolve("compat.p12");
        ks.write(p12).result().handle((v, e) -> null).get(60, TimeUnit.SECONDS);
        assertThat(ks.error.get()).isNotEmpty();
        assertThat(ks.complete.get()).isFalse();
        assertThat(Files.exists(p12)).isFalse();
        ks.askedKeyPassword.set(realKeyPassword);
        ks.write(p12).result().get(60, TimeUnit.SECONDS);
        assertThat(ks.error.get()).isEmpty();
        assertThat(ks.complete.get()).isTrue();
        assertThat(s.keyPassword.get().equals(realKeyPassword)).as("asked password kept in the vault").isTrue();
        assertThat(s.keystorePassword.get().equals(realKeyPassword)).as("same as key password").isTrue();
        java.security.KeyStore loaded = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(p12)) {
            loaded.load(in, realKeyPassword.toCharArray());
        }
        assertThat(loaded.getCertificateChain(loaded.aliases().nextElement())).hasSize(2);

        // discarding the key clears everything made from it
        vm.discardKey();
        assertThat(s.csrPem.get()).isEmpty();
        assertThat(s.encryptedKeyPem.get()).isEmpty();
        assertThat(s.keyPassword.get().isEmpty()).as("s.keyPassword.get() is empty").isTrue();
        assertThat(s.certificatePem.get()).isEmpty();
        assertThat(s.keystorePath.get()).isEmpty();
        assertThat(vm.canGenerate.get()).isTrue();
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
            s.apiKey.set("key-1");
            s.apiSecret.set("secret-value-1");
            s.commonName.set("pki.example.com");
            s.country.set("CH");
            s.organization.set("Example AG");
            s.domains.setAll("pki.example.com", "www.example.com");
            s.keyPassword.set("key-pass-1");
            s.downloadsConfirmed.set(true);
            s.friendlyName.set("friendly");
            s.profile.set(io.atlasonboard.core.pki.Pkcs12Profile.COMPATIBILITY);
            s.step.set(2);
            sync.flush().get(10, TimeUnit.SECONDS);
            assertThat(sync.statusProperty().get()).isEqualTo("All changes saved");
        }
        String allFiles = CertificateViewModelAccess.readAll(home);
        assertThat(allFiles.contains("secret-value-1")).as("secret not in clear on disk").isFalse();
        assertThat(allFiles.contains("key-pass-1")).as("key password not in clear on disk").isFalse();
        try (Store store = Store.open(home, pass.clone())) {
            Onboarding o = store.onboardings().load(id);
            WizardState s = new WizardState();
            new OnboardingSync(o, tasks, Runnable::run).attach(s, OnboardingSync.read(o));
            assertThat(s.step.get()).isEqualTo(2);
            assertThat(s.apiKey.get()).isEqualTo("key-1");
            assertThat(s.apiSecret.get().equals("secret-value-1")).isTrue();
            assertThat(s.country.get()).isEqualTo("CH");
            assertThat(s.domains).containsExactly("pki.example.com", "www.example.com");
            assertThat(s.keyPassword.get().equals("key-pass-1")).isTrue();
            assertThat(s.downloadsConfirmed.get()).isTrue();
            assertThat(s.friendlyName.get()).isEqualTo("friendly");
            assertThat(s.profile.get()).isEqualTo(io.atlasonboard.core.pki.Pkcs12Profile.COMPATIBILITY);
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
        s.certificatePem.set("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        s.keyPassword.set("key-pass-from-step-2");
        KeystoreViewModel ks = new KeystoreViewModel(s, fx);
        ks.newPassword.set("abc");
        assertThat(ks.canWrite.get()).isFalse();
        assertThat(ks.blockedReason.get()).isEqualTo("The keystore password is too weak.");
        assertThat(ks.strengthText.get()).isNotBlank();
        ks.newPassword.set("Harbour-Violet-Engine-31");
        assertThat(ks.blockedReason.get()).isEqualTo("Repeat the keystore password.");
        ks.confirmation.set("Harbour-Violet-Engine-3");
        assertThat(ks.confirmationHint()).contains("do not match");
        assertThat(ks.canWrite.get()).isFalse();
        ks.confirmation.set("Harbour-Violet-Engine-31");
        assertThat(ks.confirmationHint()).isEqualTo("The passwords match.");
        assertThat(ks.canWrite.get()).isTrue();
        assertThat(ks.blockedReason.get()).isEmpty();
        ks.newPassword.set("");
        ks.sameAsKeyPassword.set(true);
        assertThat(ks.canWrite.get()).as("the key password needs no second entry").isTrue();
    }
}
