package io.atlasonboard.ui.dns;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.core.providers.ProviderInput;

/** The sandbox's mailbox ({@code /portal/sandbox-mail}); blocking calls, run on workers only. */
public interface SandboxMailbox {
    record Mail(String id, String to, String domain, String subject, boolean approved, URI approve) {
    }

    List<Mail> mails(String to) throws Exception;

    void approve(Mail mail) throws Exception;

    /** The mailbox of the sandbox whose portal is {@code portalUrl}, trusting its server CA {@code trustPem}. */
    static SandboxMailbox overPortal(String portalUrl, String trustPem) {
        return new PortalMailbox(URI.create(portalUrl), trustPem);
    }
}

/** {@code /portal/sandbox-mail} of the sandbox over HTTPS (the sandbox's own server CA trusted). */
final class PortalMailbox implements SandboxMailbox {
    private final URI portal;
    private final HttpClient http;

    PortalMailbox(URI portal, String trustPem) {
        this.portal = portal;
        try {
            KeyStore ts = KeyStore.getInstance("PKCS12"); // not user-visible
            ts.load(null, null);
            int i = 0;
            for (var c : ProviderInput.parseTrustPem(trustPem)) {
                ts.setCertificateEntry("sandbox-" + i++, c); // not user-visible
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            SSLContext ctx = SSLContext.getInstance("TLS"); // not user-visible
            ctx.init(null, tmf.getTrustManagers(), null);
            http = HttpClient.newBuilder().sslContext(ctx).proxy(HttpClient.Builder.NO_PROXY)
                    .connectTimeout(Duration.ofSeconds(10)).build();
        } catch (java.security.GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<Mail> mails(String to) throws Exception {
        URI u = URI.create(portal + "/sandbox-mail?to=" // not user-visible
                + java.net.URLEncoder.encode(to, java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(u).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(I18n.t("ui.dnsalt.sandbox.http", r.statusCode()));
        }
        List<Mail> out = new ArrayList<>();
        for (JsonElement e : JsonParser.parseString(r.body()).getAsJsonArray()) {
            JsonObject o = e.getAsJsonObject();
            out.add(new Mail(o.get("id").getAsString(), o.get("to").getAsString(), // not user-visible
                    o.get("domain").getAsString(), o.get("subject").getAsString(), // not user-visible
                    o.get("approved_at").getAsLong() != 0, // not user-visible
                    portal.resolve(o.get("approve_url").getAsString()))); // not user-visible
        }
        return out;
    }

    @Override
    public void approve(Mail mail) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(mail.approve()).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 204) {
            throw new IllegalStateException(I18n.t("ui.dnsalt.sandbox.http", r.statusCode()));
        }
    }
}
