package io.atlasonboard.ui;

import io.atlasonboard.testing.Secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.core.pki.Pem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Key;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks steps 1 to 4 headless with the real store and the real PKI core: bad inputs on the way, a certificate for
 * another key refused, a CSR pasted by mistake explained, then quit, restart, unlock and resume with every value.
 */
class OnboardingWizardUiTest {
    private static final String PASSPHRASE = "Tide-Lantern-Orbit-92-quiet";
    private static final String API_KEY = "a1b2c3d4e5f60718";
    private static final String API_SECRET = "S3cr3t-0f-the-Atlas-Portal-xyz";

    @TempDir
    Path tmp;

    private final UiTestSupport ui = new UiTestSupport();

    @AfterEach
    void tearDown() throws Exception {
        ui.close();
    }

    @Test
    void walksStepsOneToFourWithBadInputsAndResumesAfterRestart() throws Exception {
        Path home = tmp.resolve("home");
        ui.launch(home);

        // ---- first start: choose the master passphrase
        ui.waitFor("create mode", () -> ui.text("#unlockTitle").equals("Choose a master passphrase"));
        ui.typeInto("#passphrase", "abc");
        ui.waitFor("weak hint", () -> ui.text("#strengthHint").toLowerCase().contains("weak"));
        assertThat(ui.disabled("#unlockButton")).isTrue();
        ui.typeInto("#passphrase", PASSPHRASE);
        ui.typeInto("#confirmation", PASSPHRASE + "x");
        assertThat(ui.text("#matchHint")).contains("do not match");
        assertThat(ui.disabled("#unlockButton")).isTrue();
        ui.typeInto("#confirmation", PASSPHRASE);
        ui.waitFor("create enabled", () -> !ui.disabled("#unlockButton"));
        ui.shot("00-create-passphrase");
        ui.robot.type(KeyCode.ENTER); // the default button
        ui.waitFor("start page", () -> ui.exists("#startView"));

        // ---- start page: new onboarding
        ui.typeInto("#newLabel", "Example AG production");
        ui.robot.press(KeyCode.ALT).type(KeyCode.N).release(KeyCode.ALT); // mnemonic of "_New onboarding"
        ui.waitFor("step 1", () -> ui.exists("#credentialsStep"));
        assertThat(ui.disabled("#next")).isTrue();

        // ---- step 1: a CSV with the wrong columns is refused inline, nothing lost
        ui.typeInto("#apiKey", "typed-before-import");
        Path badCsv = tmp.resolve("wrong.csv");
        Files.writeString(badCsv, "user,password\nalice,hunter2\n");
        ui.dialogs.answer(badCsv);
        ui.click("#importCsv");
        ui.waitFor("csv error", () -> ui.shown("#importError"));
        assertThat(ui.text("#importError")).contains("wrong.csv").containsIgnoringCase("expected");
        assertThat(ui.text("#apiKey")).isEqualTo("typed-before-import");
        ui.shot("01a-credentials-bad-csv");

        Path goodCsv = tmp.resolve("credentials.csv");
        Files.writeString(goodCsv, "api_key,api_secret\n" + API_KEY + "," + API_SECRET + "\n");
        ui.dialogs.answer(goodCsv);
        ui.click("#importCsv");
        ui.waitFor("csv imported", () -> ui.shown("#importMessage"));
        assertThat(ui.shown("#importError")).isFalse();
        assertThat(ui.text("#apiKey")).isEqualTo(API_KEY);
        assertThat(ui.shown("#apiSecretShown")).isFalse();
        ui.click("#revealSecret");
        ui.waitFor("secret revealed", () -> ui.shown("#apiSecretShown"));
        assertThat(ui.text("#apiSecretShown").equals(API_SECRET)).as("revealed secret equals the imported one").isTrue();
        ui.click("#revealSecret");
        ui.shot("01-credentials");
        ui.waitFor("next enabled", () -> !ui.disabled("#next"));
        ui.robot.press(KeyCode.ALT).type(KeyCode.N).release(KeyCode.ALT); // mnemonic of "_Next"

        // ---- step 2: CN from a URL, bad country, invalid and duplicate domains
        ui.waitFor("step 2", () -> ui.exists("#csrStep"));
        assertThat(ui.fx(() -> ((javafx.scene.layout.HBox) ui.node("#stepHeader", javafx.scene.layout.HBox.class))
                .getAccessibleText())).contains("Step 2 of 7");
        assertThat(ui.fx(() -> ui.node("#stepHeader", io.atlasonboard.ui.wizard.StepHeader.class).isDone(0))).isTrue();
        assertThat(ui.fx(() -> ui.node("#stepHeader", io.atlasonboard.ui.wizard.StepHeader.class).isCurrent(1)))
                .isTrue();
        assertThat(ui.fx(() -> ui.node("#stepHeader", io.atlasonboard.ui.wizard.StepHeader.class).isLater(4)))
                .as("the provider step is part of this release").isFalse();
        ui.typeInto("#commonName", "https://PKI.example.com:8443/admin/?x=1");
        ui.robot.type(KeyCode.TAB);
        ui.waitFor("cn normalised", () -> ui.text("#commonName").equals("pki.example.com"));
        assertThat(ui.shown("#commonNameChanges")).isTrue();
        assertThat(ui.text("#commonNameChanges")).contains("pki.example.com");
        assertThat(domains()).containsExactly("pki.example.com");
        assertThat(ui.text("#cnNote")).contains("Common Name");

        assertThat(ui.text("#country")).isEqualTo("DE");
        ui.typeInto("#country", "XX");
        ui.waitFor("country error", () -> ui.shown("#countryError"));
        assertThat(ui.text("#countryError")).contains("XX");
        ui.typeInto("#organization", "Example AG");
        ui.typeInto("#domainInput", "bad..example.com");
        ui.click("#addDomain");
        ui.waitFor("domain error", () -> ui.shown("#domainError"));
        assertThat(domains()).containsExactly("pki.example.com");
        ui.typeInto("#domainInput", "www.example.com");
        ui.robot.type(KeyCode.ENTER);
        ui.waitFor("domain added", () -> domains().contains("www.example.com"));
        assertThat(ui.shown("#domainError")).isFalse();
        ui.typeInto("#domainInput", "WWW.example.com");
        ui.click("#addDomain");
        ui.waitFor("duplicate refused", () -> ui.shown("#domainError"));
        assertThat(ui.text("#domainError")).contains("twice");
        assertThat(domains()).containsExactly("pki.example.com", "www.example.com");
        assertThat(ui.disabled("#generate")).as("bad country blocks generation").isTrue();
        ui.shot("02a-csr-bad-inputs");
        ui.typeInto("#country", "ch");
        ui.robot.type(KeyCode.TAB);
        ui.waitFor("country ok", () -> !ui.shown("#countryError"));
        assertThat(ui.text("#country")).isEqualTo("CH");
        // the CN can be taken out of the SAN list, and put back
        ui.click("#remove-pki_example_com");
        ui.waitFor("cn removed", () -> !domains().contains("pki.example.com"));
        ui.waitFor("put back offered", () -> ui.shown("#putCnBack"));
        ui.click("#putCnBack");
        ui.waitFor("cn back", () -> domains().contains("pki.example.com"));
        assertThat(ui.text("#keyAlgorithm")).contains("RSA 2048");

        ui.click("#generate");
        ui.waitFor("csr generated", () -> ui.text("#csrPem").contains("BEGIN CERTIFICATE REQUEST"));
        String csrPem = ui.text("#csrPem");
        assertThat(ui.shown("#keyPassword")).isTrue();
        String keyPassword = ui.text("#keyPassword");
        assertThat(keyPassword.length()).as("generated key password length").isGreaterThanOrEqualTo(20);
        assertThat(ui.disabled("#next")).as("downloads not confirmed yet").isTrue();
        ui.click("#copyCsr");
        ui.waitFor("copy feedback", () -> ui.text("#copyCsr").equals("Copied"));
        assertThat(ui.fx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString())).isEqualTo(csrPem);
        Path csrFile = tmp.resolve("out.csr");
        ui.dialogs.answer(csrFile);
        ui.click("#saveCsr");
        Path keyFile = tmp.resolve("out.key.pem");
        ui.dialogs.answer(keyFile);
        ui.click("#saveKey");
        ui.waitFor("files saved", () -> Files.exists(csrFile) && Files.exists(keyFile));
        assertThat(Files.readString(csrFile)).isEqualTo(csrPem);
        assertThat(Files.readString(keyFile)).contains("BEGIN ENCRYPTED PRIVATE KEY");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        ui.shot("02-csr-generated");
        ui.click("#downloadsComplete");
        ui.waitFor("next enabled", () -> !ui.disabled("#next"));
        ui.click("#next");

        // ---- step 3: wrong key refused with both fingerprints, CSR and private key explained, then accepted
        ui.waitFor("step 3", () -> ui.exists("#certificateStep"));
        assertThat(ui.text("#portalInstructions")).contains("Directly via the API").contains(API_KEY);
        PublicKey csrKey = csrPublicKey(csrPem);
        TestCa ca = new TestCa();
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        X509Certificate foreign = ca.issue(g.generateKeyPair().getPublic(), "pki.example.com");
        ui.pasteInto("#certificateInput", TestCa.pem(foreign));
        ui.click("#checkCertificate");
        ui.waitFor("mismatch shown", () -> ui.shown("#spkiComparison"));
        assertThat(ui.text("#certificateError")).contains("different key");
        String expected = ui.text("#expectedSpki");
        String got = ui.text("#certificateSpki");
        assertThat(expected).isNotBlank();
        assertThat(got).isNotBlank().isNotEqualTo(expected);
        assertThat(ui.disabled("#next")).isTrue();
        ui.shot("03a-certificate-mismatch");

        ui.pasteInto("#certificateInput", csrPem);
        ui.click("#checkCertificate");
        ui.waitFor("csr explained", () -> ui.shown("#certificateExplanation"));
        assertThat(ui.text("#certificateExplanation")).containsIgnoringCase("request");
        assertThat(ui.shown("#spkiComparison")).isFalse();
        ui.shot("03b-csr-pasted-by-mistake");

        String strayKey = Pem.write(g.generateKeyPair().getPrivate());
        ui.pasteInto("#certificateInput", strayKey);
        ui.click("#checkCertificate");
        ui.waitFor("key explained", () -> ui.shown("#certificateExplanation")
                && ui.text("#certificateExplanation").toLowerCase().contains("private key"));
        assertThat(ui.text("#certificateInput").isEmpty()).as("pasted private key cleared").isTrue();

        X509Certificate mine = ca.issue(csrKey, "pki.example.com");
        ui.pasteInto("#certificateInput", TestCa.pem(mine, ca.caCert()));
        ui.click("#checkCertificate");
        ui.waitFor("accepted", () -> ui.shown("#certificateAccepted") && !ui.text("#certificateAccepted").isEmpty());
        assertThat(ui.text("#summarySubject")).contains("pki.example.com");
        assertThat(ui.text("#summaryIssuer")).contains("Atlas Onboard Test CA");
        assertThat(ui.text("#summaryEku")).containsIgnoringCase("clientAuth");
        assertThat(ui.text("#summaryFingerprint")).isNotBlank();
        assertThat(ui.shown("#certificateError")).isFalse();
        ui.waitFor("next enabled", () -> !ui.disabled("#next"));
        ui.shot("03-certificate-accepted");

        // ---- quit and start again with the same home
        ui.waitFor("saved", () -> ui.text("#saveStatus").equals("All changes saved"));
        ui.quit();
        ui.launch(home);
        ui.waitFor("unlock mode", () -> ui.text("#unlockTitle").equals("Unlock Atlas Onboard"));
        byte[] vaultBefore = Files.readAllBytes(home.resolve("vault.json"));
        ui.typeInto("#passphrase", "not the passphrase at all");
        ui.robot.type(KeyCode.ENTER);
        ui.waitFor("wrong passphrase", () -> ui.shown("#unlockError"));
        assertThat(ui.text("#unlockError")).contains("Wrong passphrase");
        assertThat(Files.readAllBytes(home.resolve("vault.json"))).isEqualTo(vaultBefore);
        ui.shot("05-unlock-wrong-passphrase");
        ui.typeInto("#passphrase", PASSPHRASE);
        ui.robot.type(KeyCode.ENTER);
        ui.waitFor("start page", () -> ui.exists("#startView") && !ui.fx(() ->
                ui.node("#onboardingList", ListView.class).getItems().isEmpty()));
        ui.shot("06-start-page");
        assertThat(ui.fx(() -> ((io.atlasonboard.core.onboarding.OnboardingSummary) ui.node("#onboardingList",
                ListView.class).getItems().get(0)).step())).as("the list shows step 3").isEqualTo(3);
        assertThat(ui.robot.lookup(".label").queryAllAs(javafx.scene.control.Label.class).stream()
                .anyMatch(l -> l.getText() != null && l.getText().startsWith("Step 3: mTLS certificate"))).isTrue();
        ui.clickShown("Resume");
        ui.waitFor("resumed on step 3", () -> ui.exists("#certificateStep") && ui.shown("#certificateSummary"));
        assertThat(ui.text("#summarySubject")).contains("pki.example.com");

        ui.click("#back");
        ui.waitFor("step 2", () -> ui.exists("#csrStep"));
        assertThat(ui.text("#commonName")).isEqualTo("pki.example.com");
        assertThat(ui.text("#country")).isEqualTo("CH");
        assertThat(ui.text("#organization")).isEqualTo("Example AG");
        assertThat(domains()).containsExactly("pki.example.com", "www.example.com");
        assertThat(ui.text("#csrPem")).isEqualTo(csrPem);
        assertThat(ui.shown("#keyPasswordStored")).as("password only 'stored in the vault' now").isTrue();
        assertThat(ui.shown("#keyPassword")).isFalse();
        assertThat(ui.fx(() -> ui.node("#downloadsComplete", CheckBox.class).isSelected())).isTrue();
        ui.click("#back");
        ui.waitFor("step 1", () -> ui.exists("#credentialsStep"));
        assertThat(ui.text("#apiKey")).isEqualTo(API_KEY);
        assertThat(ui.text("#apiSecret").equals(API_SECRET)).as("secret restored from the store").isTrue();
        ui.click("#next");
        ui.click("#next");
        ui.waitFor("step 3", () -> ui.exists("#certificateStep"));
        ui.click("#next");

        // ---- step 4: keystore with the key password from the vault
        ui.waitFor("step 4", () -> ui.exists("#keystoreStep"));
        assertThat(ui.shown("#keyPasswordFromVault")).isTrue();
        assertThat(ui.text("#friendlyName")).contains("pki.example.com");
        assertThat(ui.text("#opensslCommand")).contains("openssl pkcs12 -export").contains("AES-256-CBC");
        assertThat(ui.disabled("#saveKeystore")).isTrue();
        String storePassword = "Keystore-Pass-4-Harbour";
        ui.typeInto("#keystorePassword", "abc");
        ui.waitFor("weak keystore password", () -> ui.text("#keystoreStrengthHint").toLowerCase().contains("weak")
                || ui.text("#keystoreStrengthHint").toLowerCase().contains("short"));
        assertThat(ui.text("#saveKeystoreBlocked")).isEqualTo("The keystore password is too weak.");
        ui.typeInto("#keystorePassword", storePassword);
        assertThat(ui.text("#saveKeystoreBlocked")).isEqualTo("Repeat the keystore password.");
        ui.typeInto("#keystoreConfirmation", storePassword + "x");
        assertThat(ui.text("#keystoreMatchHint")).contains("do not match");
        assertThat(ui.disabled("#saveKeystore")).isTrue();
        ui.typeInto("#keystoreConfirmation", storePassword);
        assertThat(ui.text("#keystoreMatchHint")).isEqualTo("The passwords match.");
        ui.click("#revealKeystorePassword");
        assertThat(ui.text("#keystorePasswordShown").equals(storePassword)).as("revealed keystore password").isTrue();
        ui.click("#revealKeystorePassword");
        Path p12 = tmp.resolve("client.p12");
        ui.dialogs.answer(p12);
        ui.click("#saveKeystore");
        ui.waitFor("keystore written", () -> ui.shown("#keystoreSuccess"));
        assertThat(ui.text("#keystoreSuccess")).contains("checked");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p12))).isEqualTo("rw-------");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(p12)) {
            ks.load(in, storePassword.toCharArray());
        }
        String alias = ks.aliases().nextElement();
        Key key = ks.getKey(alias, storePassword.toCharArray());
        Certificate[] chain = ks.getCertificateChain(alias);
        assertThat(chain).hasSize(2);
        assertThat(chain[0]).isEqualTo(mine);
        assertThat(key.getAlgorithm()).isEqualTo("RSA");
        assertThat(((java.security.interfaces.RSAPrivateCrtKey) key).getModulus())
                .isEqualTo(((java.security.interfaces.RSAPublicKey) csrKey).getModulus());
        ui.waitFor("next enabled", () -> !ui.disabled("#next") && ui.text("#next").contains("Next"));
        ui.shot("04-keystore-written");
        ui.click("#next");
        // ---- step 5: the provider form, prefilled from steps 1 and 4 (the sandbox walk goes on from here)
        ui.waitFor("step 5", () -> ui.exists("#providerStep") && ui.exists("#saveProvider"));
        assertThat(ui.text("#apiKey")).isEqualTo(API_KEY);
        assertThat(ui.text("#keystoreDescription")).contains("client.p12");
        assertThat(ui.disabled("#next")).as("not saved yet").isTrue();
        ui.click("#toStartPage");
        ui.waitFor("back on the start page", () -> ui.exists("#startView"));
        assertThat(ui.dialogs.asked).hasSize(5);
    }

    @SuppressWarnings("unchecked")
    private List<String> domains() throws Exception {
        return ui.fx(() -> List.copyOf(ui.node("#domainList", ListView.class).getItems()));
    }

    private static PublicKey csrPublicKey(String pem) throws Exception {
        for (Object o : Pem.readAll(pem)) {
            if (o instanceof PKCS10CertificationRequest r) {
                return new JcaPKCS10CertificationRequest(r).getPublicKey();
            }
        }
        throw new AssertionError("no CSR in " + pem.length() + " chars");
    }

    static String ascii(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }
}
