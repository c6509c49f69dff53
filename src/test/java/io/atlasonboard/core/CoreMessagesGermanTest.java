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
}
