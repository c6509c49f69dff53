package io.atlasonboard.core.atlas;

/** The request did not get an HTTP answer (DNS, connect, TLS, proxy, timeout). The cause keeps the JDK exception. */
public class AtlasTransportException extends AtlasException {
    public AtlasTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
