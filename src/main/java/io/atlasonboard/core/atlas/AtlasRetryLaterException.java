package io.atlasonboard.core.atlas;

import java.time.Duration;
import java.util.Map;

/**
 * The API answered 429/503 asking for a wait longer than this call may spend waiting: the call stops and says how long
 * GlobalSign asks to wait, instead of sleeping for it.
 */
public final class AtlasRetryLaterException extends AtlasApiException {
    private final Duration asked;

    public AtlasRetryLaterException(String method, String path, int status, Duration asked, Duration limit) {
        super(method, path, status, "GlobalSign asks to retry in " + words(asked) + "; not waiting that long (an API "
                + "call waits at most " + words(limit) + " for retries). Try again later.", null, Map.of());
        this.asked = asked;
    }

    /** How long the server asked to wait (its Retry-After, or our own backoff when it gave none). */
    public Duration asked() {
        return asked;
    }

    static String words(Duration d) {
        long s = d.toSeconds();
        if (s < 120) {
            return s + (s == 1 ? " second" : " seconds");
        }
        long m = (s + 30) / 60;
        if (m < 180) {
            return m + " minutes";
        }
        return (m + 30) / 60 + " hours";
    }
}
