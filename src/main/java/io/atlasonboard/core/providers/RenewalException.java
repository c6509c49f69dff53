package io.atlasonboard.core.providers;

import io.atlasonboard.core.Localized;
import io.atlasonboard.core.Msg;

/**
 * A renewal of the mTLS certificate that cannot go on in the provider's current state; shown in the user's language,
 * {@code getMessage()} is its English text.
 */
public final class RenewalException extends IllegalStateException implements Localized {
    private final transient Msg msg;

    public RenewalException(Msg msg) {
        super(msg.english());
        this.msg = msg;
    }

    public RenewalException(Msg msg, Throwable cause) {
        super(msg.english(), cause);
        this.msg = msg;
    }

    @Override
    public Msg msg() {
        return msg;
    }
}
