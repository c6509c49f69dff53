package io.atlasonboard.core.claims;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.atlasonboard.core.Localized;
import io.atlasonboard.core.Msg;
import io.atlasonboard.core.atlas.AtlasApiException;
import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.atlas.AtlasTransportException;
import io.atlasonboard.core.atlas.ApproverEmails;
import io.atlasonboard.core.atlas.Claim;
import io.atlasonboard.core.atlas.DnsAssertion;
import io.atlasonboard.core.atlas.Sleeper;
import io.atlasonboard.core.store.DomainClaimRecord;

/**
 * Domain validation without DNS changes (ATLAS-API.md 4.9): over HTTP (the token served as a file on the web server
 * of an authorization domain; GlobalSign fetches it) and by e-mail (an approval mail to one of the authorised
 * addresses; the recipient approves). Each asks GlobalSign, then polls the claim until VERIFIED, a failed check
 * (an ERROR log entry after the request) or the wait ends. The stored claim follows every answer.
 */
public final class AlternativeValidation {
    /** Where GlobalSign's HTTP validation looks for the token (GlobalSign's practice; ATLAS-API.md 4.9). */
    public static final String HTTP_PATH = "/.well-known/pki-validation/gsdv.txt";
    private static final int MAX_FILE_BYTES = 64 * 1024;

    private final ClaimService claims;
    private final AtlasClient client;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.REAL;
    private Duration pollInterval = Duration.ofSeconds(5);

    public AlternativeValidation(ClaimService claims, AtlasClient client) {
        this.claims = Objects.requireNonNull(claims);
        this.client = Objects.requireNonNull(client);
    }

    public AlternativeValidation clock(Clock c) {
        this.clock = Objects.requireNonNull(c);
        return this;
    }

    public AlternativeValidation sleeper(Sleeper s) {
        this.sleeper = Objects.requireNonNull(s);
        return this;
    }

    public AlternativeValidation pollInterval(Duration d) {
        this.pollInterval = Objects.requireNonNull(d);
        return this;
    }

    // ------------------------------------------------------------------------------------------------ HTTP

    /** What to publish for HTTP validation: the URL GlobalSign fetches and the exact file content. */
    public record HttpFile(URI url, String content) {
    }

    public static HttpFile httpFile(DomainClaimRecord claim, String adn, String scheme) {
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("the scheme must be http or https");
        }
        String host = AuthorizationDomains.strip(adn == null ? claim.domain() : adn);
        return new HttpFile(URI.create(scheme + "://" + host + HTTP_PATH), claim.token());
    }

    /**
     * Outcome of fetching the file from this machine before asking GlobalSign: {@code detail} is English (CLI, logs),
     * {@code detailMsg} the same sentence for the UI.
     */
    public record Precheck(boolean ok, URI fetched, String detail, Msg detailMsg) {
        Precheck(boolean ok, URI fetched, Msg detail) {
            this(ok, fetched, detail.english(), detail);
        }
    }

    /** A refusal of GlobalSign shown in the user's language; {@code getMessage()} is English. */
    static final class Refused extends DomainsException implements Localized {
        private final transient Msg msg;

        Refused(Msg msg, Throwable cause) {
            super(msg.english(), cause);
            this.msg = msg;
        }

        @Override
        public Msg msg() {
            return msg;
        }
    }

    /**
     * Fetches {@code url} (or {@code via}, another URL serving the same file, e.g. for a web server not yet in DNS)
     * directly, without proxy, and compares the body (surrounding white space ignored) with the content.
     */
    public static Precheck precheck(HttpFile file, URI via, Duration timeout) {
        URI u = via != null ? via : file.url();
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL)
                .proxy(HttpClient.Builder.NO_PROXY).build();
        HttpRequest req = HttpRequest.newBuilder(u).timeout(timeout).GET().build();
        try {
            HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (InputStream in = r.body()) {
                body = in.readNBytes(MAX_FILE_BYTES + 1);
            }
            if (r.statusCode() != 200) {
                return new Precheck(false, u, Msg.of("core.validation.http.status", u.toString(),
                        String.valueOf(r.statusCode())));
            }
            if (body.length > MAX_FILE_BYTES) {
                return new Precheck(false, u, Msg.of("core.validation.http.tooLarge", u.toString(),
                        String.valueOf(MAX_FILE_BYTES / 1024)));
            }
            String seen = new String(body, StandardCharsets.UTF_8).strip();
            if (seen.equals(file.content())) {
                return new Precheck(true, u, Msg.of("core.validation.http.ok", u.toString()));
            }
            String shown = seen.length() > 80 ? seen.substring(0, 80) + "..." : seen;
            return new Precheck(false, u, Msg.of("core.validation.http.otherContent", u.toString(),
                    shown.replaceAll("\\p{Cntrl}", "?"), file.content()));
        } catch (IOException e) {
            return new Precheck(false, u, Msg.of("core.validation.http.fetchFailed", u.toString(),
                    AtlasClient.describe(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Precheck(false, u, Msg.of("core.validation.http.interrupted", u.toString()));
        } catch (IllegalArgumentException e) {
            return new Precheck(false, u, Msg.of("core.validation.http.cannotFetch", u.toString(),
                    e.getMessage()));
        }
    }

    /** Asks GlobalSign to fetch the file at the ADN ({@code POST .../http}) and polls the claim. */
    public VerifyResult verifyHttp(DomainClaimRecord claim, String adn, String scheme, Duration maxWait) {
        String a = AuthorizationDomains.strip(adn == null ? claim.domain() : adn);
        return run(claim, maxWait, () -> client.assertHttp(claim.claimId(), a, scheme), "HTTP");
    }

    // ------------------------------------------------------------------------------------------------ e-mail

    /** The addresses GlobalSign may send the approval mail to, each with its source. */
    public List<ApproverEmails.Address> approverAddresses(DomainClaimRecord claim) {
        try {
            return client.approverEmails(claim.claimId()).all();
        } catch (AtlasApiException e) {
            throw new Refused(Msg.of("core.validation.email.notListed", claim.domain(), ClaimService.describe(e)), e);
        }
    }

    /**
     * Sends the approval mail to {@code address} (which must be one GlobalSign lists) and polls the claim until the
     * recipient approved, or the wait ends (then PENDING: verify again later; the mail stays valid).
     */
    public VerifyResult verifyEmail(DomainClaimRecord claim, String address, Duration maxWait) {
        List<ApproverEmails.Address> listed = approverAddresses(claim);
        boolean known = listed.stream().anyMatch(x -> x.email().equalsIgnoreCase(address.strip()));
        if (!known) {
            StringBuilder sb = new StringBuilder();
            for (ApproverEmails.Address x : listed) {
                sb.append(sb.length() == 0 ? "" : ", ").append(x.email());
            }
            return VerifyResult.error(claim.domain(), claim.claimId(), Msg.of("core.validation.email.notApprover",
                    address, claim.domain(), sb.toString()));
        }
        return run(claim, maxWait, () -> client.assertEmail(claim.claimId(), address.strip()), "e-mail");
    }

    // ------------------------------------------------------------------------------------------------ polling

    private interface Ask {
        DnsAssertion call();
    }

    private VerifyResult run(DomainClaimRecord claim, Duration maxWait, Ask ask, String method) {
        String domain = claim.domain();
        int baseline = ClaimService.log(claim).size();
        DnsAssertion a;
        try {
            a = ask.call();
        } catch (AtlasApiException e) {
            refresh(domain);
            return new VerifyResult(domain, VerifyResult.State.ERROR, claim.claimId(), Msg.of(
                    "core.validation.couldNotVerify", methodMsg(method), ClaimService.describe(e)), e.status() == 424);
        } catch (AtlasTransportException e) {
            return VerifyResult.error(domain, claim.claimId(), e.getMessage());
        }
        if (a == DnsAssertion.VERIFIED) {
            refresh(domain);
            return VerifyResult.verified(domain, claim.claimId());
        }
        Instant deadline = clock.instant().plus(maxWait == null ? Duration.ZERO : maxWait);
        while (true) {
            Claim c;
            try {
                c = client.getClaim(claim.claimId());
            } catch (AtlasApiException e) {
                return VerifyResult.error(domain, claim.claimId(), Msg.of("core.validation.readFailed",
                        ClaimService.describe(e)));
            } catch (AtlasTransportException e) {
                return VerifyResult.error(domain, claim.claimId(), e.getMessage());
            }
            refresh(domain);
            if (c.verified()) {
                return VerifyResult.verified(domain, claim.claimId());
            }
            List<Claim.LogEntry> log = c.log();
            for (int i = Math.min(baseline, log.size()); i < log.size(); i++) {
                if ("ERROR".equalsIgnoreCase(log.get(i).status())) {
                    return VerifyResult.error(domain, claim.claimId(), Msg.of("core.validation.checkFailed",
                            methodMsg(method), log.get(i).description()));
                }
            }
            Instant now = clock.instant();
            if (!now.isBefore(deadline)) {
                return VerifyResult.pending(domain, claim.claimId(), Msg.of("e-mail".equals(method)
                        ? "core.validation.notConfirmedEmail" : "core.validation.notConfirmed"));
            }
            Duration left = Duration.between(now, deadline);
            try {
                sleeper.sleep(left.compareTo(pollInterval) < 0 ? left : pollInterval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return VerifyResult.pending(domain, claim.claimId(), Msg.of("core.validation.cancelled"));
            }
        }
    }

    /** The method's name as a message argument ("HTTP", "e-mail"). */
    private static Msg methodMsg(String method) {
        return Msg.of("e-mail".equals(method) ? "core.validation.method.email" : "core.validation.method.http");
    }

    private void refresh(String domain) {
        try {
            claims.refresh(List.of(domain));
        } catch (RuntimeException ignored) {
            // the outcome is what matters; the stored state catches up on the next refresh
        }
    }
}
