package io.atlasonboard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.gson.Gson;
import com.sun.net.httpserver.HttpServer;
import io.atlasonboard.core.atlas.ValidationPolicy;
import io.atlasonboard.core.claims.AlternativeValidation;
import io.atlasonboard.core.handoff.ExportException;
import io.atlasonboard.core.handoff.ExportFormat;
import io.atlasonboard.core.handoff.ExportOptions;
import io.atlasonboard.core.handoff.ProviderExporter;
import io.atlasonboard.core.issuance.CertificateExport;
import io.atlasonboard.core.issuance.IssueRequest;
import io.atlasonboard.core.issuance.RequestBuilder;
import io.atlasonboard.core.pki.InvalidInputException;
import io.atlasonboard.core.providers.MtlsRenewal;
import io.atlasonboard.core.providers.RenewalException;
import io.atlasonboard.core.store.CertificateRecord;
import io.atlasonboard.core.store.CertificateStatus;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.core.tasks.ProgressSink;
import io.atlasonboard.sim.SimulatorConfig;
import io.atlasonboard.sim.ValidationPolicies;
import io.atlasonboard.testing.SimProviderFixture;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Core messages of the hand-off export, the mTLS renewal, issuance refusals, certificate export and HTTP/e-mail
 * validation: {@code getMessage()}/the English field stays as the command line prints it, the Msg renders German.
 */
class CoreMessagesGerman2Test {
    @TempDir
    Path dir;

    @Test
    void handoffAndRenewalFailuresAreEnglishAndGerman() throws Exception {
        try (SimProviderFixture fx = SimProviderFixture.start(SimulatorConfig.defaults(), ValidationPolicies.tls(),
                IntendedUse.TLS, "GS Msg", dir)) {
            Path missing = dir.resolve("nowhere");
            Throwable t = catchThrowable(() -> new ProviderExporter(fx.store().providers()).export(fx.provider.id(),
                    ExportOptions.of(ExportFormat.HVCLIENT, missing.resolve("hv"))));
            assertThat(t).isInstanceOf(ExportException.class).hasMessage("The folder " + missing + " does not exist");
            assertThat(((ExportException) t).msg().render(Locale.GERMAN))
                    .isEqualTo("Der Ordner " + missing + " existiert nicht");

            MtlsRenewal renewal = new MtlsRenewal(fx.store());
            Throwable r = catchThrowable(() -> renewal.complete(fx.provider.id(), "x", ProgressSink.NONE));
            assertThat(r).isInstanceOf(RenewalException.class).hasMessage("Provider 'GS Msg' has no renewal in "
                    + "progress; start one first (a new key and CSR).");
            assertThat(((RenewalException) r).msg().render(Locale.GERMAN)).isEqualTo("Für den Anbieter „GS Msg“ läuft "
                    + "keine Erneuerung; starten Sie zuerst eine (neues Schlüsselpaar und CSR).");
        }
    }

    @Test
    void aPolicyRefusalListsEveryProblemInGerman() {
        ValidationPolicy policy = new Gson().fromJson(ValidationPolicies.tls().toString(), ValidationPolicy.class);
        Throwable t = catchThrowable(() -> RequestBuilder.build(policy, IntendedUse.TLS, IssueRequest.of(null,
                List.of(), List.of()).withValidity(Duration.ofDays(1)).withKeyBits(2048), Instant.ofEpochSecond(1000)));
        assertThat(t).isInstanceOf(InvalidInputException.class);
        InvalidInputException e = (InvalidInputException) t;
        assertThat(e.getMessage()).startsWith("The request does not fit the account's validation policy: ")
                .contains("subject_dn.common_name: REQUIRED by the account's validation policy (give a Common Name)")
                .contains("; san.dns_names: a TLS certificate needs a DNS name");
        assertThat(e.msg().english()).isEqualTo(e.getMessage());
        assertThat(e.msg().render(Locale.GERMAN))
                .startsWith("Die Anforderung entspricht nicht der Validierungsrichtlinie des Kontos: ")
                .contains("geben Sie einen Common Name an").contains("; san.dns_names: Ein TLS-Zertifikat braucht")
                .doesNotContain("REQUIRED by");
    }

    @Test
    void aPendingCertificateIsNotExportedInEitherLanguage() {
        CertificateRecord pending = new CertificateRecord(1L, 1L, "0A1B", "www.example.com", List.of(),
                CertificateStatus.PENDING, null, null, null, null, null, null, null, true, Instant.EPOCH,
                Instant.EPOCH);
        Throwable t = catchThrowable(() -> CertificateExport.pem(pending));
        assertThat(t).isInstanceOf(InvalidInputException.class)
                .hasMessage("Certificate 0A1B is still being issued; export it once GlobalSign has issued it.");
        assertThat(((InvalidInputException) t).msg().render(Locale.GERMAN))
                .isEqualTo("Das Zertifikat 0A1B wird noch ausgestellt; exportieren Sie es, sobald GlobalSign es "
                        + "ausgestellt hat.");
        assertThat(CertificateExport.passwordMsg().render(Locale.GERMAN))
                .isEqualTo("Geben Sie ein Passwort für den Schlüsselspeicher mit mindestens 8 Zeichen ein.");
    }

    @Test
    void theHttpPrecheckDetailIsEnglishForTheCliAndGermanForTheUi() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            byte[] b = "other".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(404, b.length);
            x.getResponseBody().write(b);
            x.close();
        });
        server.start();
        try {
            URI u = URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                    + AlternativeValidation.HTTP_PATH);
            AlternativeValidation.Precheck p = AlternativeValidation.precheck(
                    new AlternativeValidation.HttpFile(u, "token-1"), null, Duration.ofSeconds(5));
            assertThat(p.ok()).isFalse();
            assertThat(p.detail()).isEqualTo(u + " answered HTTP 404 (GlobalSign needs 200 with the token as the body)");
            assertThat(p.detailMsg().render(Locale.GERMAN))
                    .isEqualTo(u + " antwortete mit HTTP 404 (GlobalSign erwartet 200 mit dem Token als Inhalt)");
        } finally {
            server.stop(0);
        }
    }
}
