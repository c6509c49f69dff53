package io.atlasonboard.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's mailbox: the approval mails that {@code POST /claims/domains/{id}/email} "sends", listed and approved
 * through {@code /portal/sandbox-mail} as a recipient would click "Approve". Thread-safe.
 */
final class SimMailbox {
    /** One approval mail; {@code approvedAt} null until approved. */
    static final class Mail {
        final String id;
        final String apiKey;
        final String claimId;
        final String domain;
        final String to;
        final String token;
        final Instant sentAt;
        Instant approvedAt;

        Mail(String id, String apiKey, String claimId, String domain, String to, String token, Instant sentAt) {
            this.id = id;
            this.apiKey = apiKey;
            this.claimId = claimId;
            this.domain = domain;
            this.to = to;
            this.token = token;
            this.sentAt = sentAt;
        }
    }

    private final Map<String, Mail> mails = new LinkedHashMap<>();

    synchronized Mail send(String apiKey, String claimId, String domain, String to, String token, Instant now) {
        String id;
        do {
            id = SimState.randomHex32();
        } while (mails.containsKey(id));
        Mail m = new Mail(id, apiKey, claimId, domain, to, token, now);
        mails.put(id, m);
        return m;
    }

    synchronized List<Mail> all() {
        return new ArrayList<>(mails.values());
    }

    synchronized Mail get(String id) {
        return mails.get(id.toUpperCase(java.util.Locale.ROOT));
    }

    /** Restores a mail (persistence). */
    synchronized void put(Mail m) {
        mails.put(m.id, m);
    }
}
