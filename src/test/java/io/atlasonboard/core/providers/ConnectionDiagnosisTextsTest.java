package io.atlasonboard.core.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.core.Msg;

import java.time.Instant;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/** The connection test's diagnoses and step names render in German while the English stays as the CLI prints it. */
class ConnectionDiagnosisTextsTest {
    private static final Instant AT = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void stepNamesAreTheLabelsInEnglishAndGermanInGerman() {
        for (ConnectionStep s : ConnectionStep.values()) {
            assertThat(s.msg().english()).isEqualTo(s.label());
        }
        assertThat(ConnectionStep.TLS.msg().render(Locale.GERMAN)).isEqualTo("TLS-Handshake");
        assertThat(ConnectionStep.LOCAL.msg().render(Locale.GERMAN)).isEqualTo("Lokale Prüfungen");
        ConnectionReport r = ConnectionReport.bad(ConnectionTester.STEP_TEST, Diagnosis.UNEXPECTED,
                Msg.of("core.providers.diag.UNEXPECTED", "boom"), AT);
        assertThat(r.failedStepMsg()).hasValueSatisfying(m -> {
            assertThat(m.english()).isEqualTo("Connection test");
            assertThat(m.render(Locale.GERMAN)).isEqualTo("Verbindungstest");
        });
        assertThat(ConnectionReport.bad("Something else", Diagnosis.UNEXPECTED, "x", AT).failedStepMsg()).isEmpty();
    }

    @Test
    void portsStayUngroupedAndApostrophesSurvive() {
        ConnectionReport r = ConnectionReport.bad(ConnectionTester.STEP_TLS, Diagnosis.CONNECTION_REFUSED,
                Msg.of("core.providers.diag.CONNECTION_REFUSED", "api.example.com", String.valueOf(8443)), AT);
        assertThat(r.diagnosis()).isEqualTo("api.example.com:8443 refused the connection: nothing listens on that"
                + " port. Check the port in the API URL (GlobalSign uses 8443) and that the service is running.");
        assertThat(r.msg().render(Locale.GERMAN)).startsWith("api.example.com:8443 hat die Verbindung abgelehnt");
        assertThat(r.toText()).contains("Reason: " + r.diagnosis());

        Msg host = Msg.of("core.providers.diag.HOST_NOT_FOUND", "nope.invalid");
        assertThat(host.english()).startsWith("The host name 'nope.invalid' does not resolve (DNS).")
                .contains("this computer's DNS");
        assertThat(host.render(Locale.GERMAN)).startsWith("Der Hostname „nope.invalid“ lässt sich nicht auflösen");
    }

    @Test
    void nestedPartsRenderInTheSameLanguage() {
        Msg said = Msg.of("core.providers.said.server.id", "bad key", "42");
        Msg api = Msg.of("core.providers.diag.API_ERROR", "500", said);
        assertThat(api.english()).isEqualTo("The API answered HTTP 500 (the server said: \"bad key\", id 42).");
        assertThat(api.render(Locale.GERMAN))
                .isEqualTo("Die API hat mit HTTP 500 geantwortet (der Server meldete: „bad key“, ID 42).");

        Msg rejected = Msg.of("core.providers.diag.CLIENT_CERT_REJECTED", Msg.of("core.providers.what.alert",
                "unknown_ca"), Msg.of("core.providers.hint.noClientCert"));
        assertThat(rejected.english()).isEqualTo("The server rejected the client certificate in the TLS handshake"
                + " (TLS alert unknown_ca). No client certificate was sent; the API requires one. Configure the"
                + " provider's keystore.");
        assertThat(rejected.render(Locale.GERMAN)).isEqualTo("Der Server hat das Client-Zertifikat im TLS-Handshake"
                + " abgelehnt (TLS-Alert unknown_ca). Es wurde kein Client-Zertifikat gesendet; die API verlangt"
                + " eines. Richten Sie den Schlüsselspeicher des Anbieters ein.");

        Msg untrusted = Msg.of("core.providers.diag.SERVER_CERT_UNTRUSTED", "api.example.com",
                Msg.of("core.providers.issuer.unknown"));
        assertThat(untrusted.english()).startsWith("The server certificate api.example.com is not trusted: it chains"
                + " to an unknown issuer, which");
        assertThat(untrusted.render(Locale.GERMAN)).contains("Es führt zu einem unbekannten Aussteller,");
    }

    @Test
    void theFailedEventCarriesTheReportsMsg() {
        Msg m = Msg.of("core.providers.diag.KEYSTORE_PASSWORD_WRONG");
        ConnectionReport r = ConnectionReport.bad(ConnectionTester.STEP_LOCAL, Diagnosis.KEYSTORE_PASSWORD_WRONG, m, AT);
        ConnectionEvent.Failed f = new ConnectionEvent.Failed(ConnectionStep.LOCAL, r.code(), r.diagnosis(), r.msg());
        assertThat(f.msg()).isEqualTo(m);
        assertThat(f.diagnosis()).startsWith("The keystore password is wrong: the PKCS#12 file does not open");
        assertThat(m.render(Locale.GERMAN)).startsWith("Das Passwort des Schlüsselspeichers ist falsch");
    }
}
