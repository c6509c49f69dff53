package io.atlasonboard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atlasonboard.core.onboarding.CredentialsCsv;
import io.atlasonboard.core.onboarding.CredentialsFormatException;
import io.atlasonboard.core.pki.GlobalSignProfile;
import io.atlasonboard.core.pki.InvalidInputException;
import io.atlasonboard.core.pki.ParsedInput;
import io.atlasonboard.core.pki.PkiInputs;
import io.atlasonboard.core.pki.WrongPasswordException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Core messages of the wizard's steps 1-4: English stays as it was, German is rendered where asked for. */
class CoreMessagesGermanTest {
    @Test
    void aPastedPrivateKeyIsExplainedInBothLanguages() {
        ParsedInput p = PkiInputs.parse(("-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEA\n"
                + "-----END PRIVATE KEY-----\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(p.kind()).isIn(ParsedInput.Kind.PRIVATE_KEY, ParsedInput.Kind.UNRECOGNISED);
        assertThat(p.message()).isEqualTo(p.msg().english());
    }

    @Test
    void anEmptyInputNamesWhatIsAcceptedInGerman() {
        ParsedInput p = PkiInputs.parse(new byte[0]);
        assertThat(p.message()).isEqualTo("Nothing was pasted or the file is empty. " + PkiInputs.ACCEPTED);
        assertThat(p.msg().render(Locale.GERMAN))
                .startsWith("Es wurde nichts eingefügt, oder die Datei ist leer. Akzeptiert: das X.509-Zertifikat");
    }

    @Test
    void theKeySizeErrorKeepsItsEnglishAndHasGerman() {
        assertThatThrownBy(() -> GlobalSignProfile.checkKeySize(4096))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("Key size 4096 is not accepted; expected 2048. "
                            + GlobalSignProfile.REASON);
                    assertThat(e.msg().render(Locale.GERMAN))
                            .startsWith("Die Schlüsselgröße 4096 wird nicht akzeptiert; erwartet wird 2048. GlobalSign");
                });
    }

    @Test
    void aWrongPasswordIsLocalized() {
        WrongPasswordException e = new WrongPasswordException(Msg.of("core.pki.p12.wrongPassword"));
        assertThat(e.getMessage()).isEqualTo("The password does not open this PKCS#12 keystore (wrong password)");
        assertThat(e.msg().render(Locale.GERMAN)).contains("Schlüsselspeicher (PKCS#12)").contains("falsches Passwort");
    }

    @Test
    void aCredentialsCsvErrorIsEnglishAndGerman() {
        assertThatThrownBy(() -> CredentialsCsv.parse(""))
                .isInstanceOfSatisfying(CredentialsFormatException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("The credentials file is empty. " + CredentialsCsv.EXPECTED);
                    assertThat(e.msg().render(Locale.GERMAN)).startsWith("Die Datei mit den Zugangsdaten ist leer. "
                            + "Erwartet wird die Zugangsdaten-CSV des Atlas-Portals");
                });
    }

    @Test
    void aKeyDerivationLimitKeepsItsEnglishAndHasGerman() {
        assertThatThrownBy(() -> io.atlasonboard.core.pki.KdfLimits.iterations(2_000_000, "MAC",
                "this PKCS#12 keystore"))
                .isInstanceOfSatisfying(io.atlasonboard.core.pki.KdfLimits.ExcessiveParametersException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("The encryption of this PKCS#12 keystore asks for 2000000 MAC"
                            + " iterations; the limit is 1000000 (a file must not set its own cost: this many would"
                            + " take minutes with any password). It was not opened; re-encrypt it with fewer.");
                    assertThat(e.msg().render(Locale.GERMAN)).isEqualTo("Die Verschlüsselung dieses"
                            + " Schlüsselspeichers (PKCS#12) verlangt 2000000 MAC-Iterationen; die Grenze liegt bei"
                            + " 1000000 (eine Datei darf ihren Aufwand nicht selbst festlegen: so viele würden mit"
                            + " jedem Passwort Minuten dauern). Die Datei wurde nicht geöffnet; verschlüsseln Sie sie"
                            + " mit weniger Iterationen neu.");
                });
    }

    @Test
    void whatAPemTextHoldsIsNamedInGerman() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        java.io.StringWriter w = new java.io.StringWriter();
        try (org.bouncycastle.openssl.jcajce.JcaPEMWriter pw = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(w)) {
            pw.writeObject(g.generateKeyPair().getPublic());
        }
        ParsedInput p = PkiInputs.parse(w.toString().getBytes(StandardCharsets.US_ASCII));
        assertThat(p.kind()).isEqualTo(ParsedInput.Kind.UNRECOGNISED);
        assertThat(p.message()).isEqualTo("The PEM text contains a public key, not a certificate. " + PkiInputs.ACCEPTED);
        assertThat(p.msg().render(Locale.GERMAN))
                .startsWith("Der PEM-Text enthält einen öffentlichen Schlüssel, kein Zertifikat. Akzeptiert:");
    }

    @Test
    void claimVerificationReasonsAreEnglishForTheCliAndGermanForTheUi() {
        var r = new io.atlasonboard.core.claims.VerifyResult("shop.example.com",
                io.atlasonboard.core.claims.VerifyResult.State.ERROR, "c-17",
                Msg.of("core.claims.verify.unknownClaim", "c-17"), false);
        assertThat(r.reason()).isEqualTo("GlobalSign no longer knows claim c-17 (deleted?); create a new claim");
        assertThat(r.describe()).isEqualTo("ERROR: " + r.reason());
        assertThat(r.reasonMsg().render(Locale.GERMAN))
                .isEqualTo("GlobalSign kennt den Domänenanspruch c-17 nicht mehr (gelöscht?); legen Sie einen neuen an");
        Msg deadline = Msg.of("core.claims.verify.deadlinePassed", "HTTP 424: Failed Dependency");
        assertThat(deadline.english()).isEqualTo("the claim's assert-by deadline passed (HTTP 424: Failed Dependency):"
                + " reassert the claim, publish the new token, then verify again");
        assertThat(deadline.render(Locale.GERMAN)).startsWith("Die Frist des Domänenanspruchs (assert-by) ist"
                + " abgelaufen (HTTP 424: Failed Dependency)");
        assertThat(Msg.of("core.claims.verify.noClaim", "GS TLS", "shop.example.com").english())
                .isEqualTo("provider 'GS TLS' has no claim for shop.example.com; create one first (dns claim)");
    }

    @Test
    void propagationServerDetailsAreEnglishForTheCliAndGermanForTheUi() {
        var s = io.atlasonboard.core.dns.ServerResult.of("ns1.example.com.", "192.0.2.1:53",
                io.atlasonboard.core.dns.ServerKind.AUTHORITATIVE, io.atlasonboard.core.dns.CheckOutcome.WRONG_VALUE,
                java.util.List.of("abc"), Msg.of("core.dns.server.afterEquals", "globalsign-domain-verification="));
        assertThat(s.detail()).isEqualTo("only the part after '=' was published; publish the whole value including"
                + " \"globalsign-domain-verification=\"");
        assertThat(s.detailMsg().render(Locale.GERMAN)).isEqualTo("Nur der Teil nach „=“ wurde veröffentlicht;"
                + " veröffentlichen Sie den ganzen Wert einschließlich „globalsign-domain-verification=“");
        assertThat(Msg.of("core.dns.server.refused", "REFUSED", "example.com.").english())
                .isEqualTo("server answered REFUSED (it does not serve the zone example.com. to us)");
        assertThat(Msg.of("core.dns.server.nxdomain", "_dnsauth.example.com.").render(Locale.GERMAN))
                .isEqualTo("Der Name _dnsauth.example.com. existiert nicht (NXDOMAIN)");
    }
}
