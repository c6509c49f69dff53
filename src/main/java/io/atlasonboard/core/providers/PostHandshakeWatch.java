package io.atlasonboard.core.providers;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * The plain socket under the connection test's TLS handshake. After {@link #watchFromNow()} it follows the TLS
 * record framing (5-byte header with the length) of what the TLS engine reads; when the engine has taken whole
 * records and comes back for more without having failed, the server has sent something other than an alert (TLS 1.3
 * session tickets follow a client certificate the server accepted), and the next read ends at once with a
 * {@link SocketTimeoutException} instead of waiting for application data that never comes.
 */
final class PostHandshakeWatch extends Socket {

    private Watch watch;

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (watch == null) {
            watch = new Watch(super.getInputStream());
        }
        return watch;
    }

    /** Counts records from here on (call right after the handshake). */
    void watchFromNow() throws IOException {
        ((Watch) getInputStream()).armed = true;
    }

    /** Thrown into the TLS engine's read once a whole post-handshake record went through without an alert. */
    static final class RecordSeen extends SocketTimeoutException {
        RecordSeen() {
            super("the server sent a post-handshake message (no alert)");
        }
    }

    private static final class Watch extends FilterInputStream {
        volatile boolean armed;
        private final byte[] header = new byte[5];
        private int headerPos;
        private long bodyLeft;
        private int records;

        Watch(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (armed && records > 0 && headerPos == 0 && bodyLeft == 0) {
                throw new RecordSeen();
            }
            int n = super.read(b, off, len);
            if (armed && n > 0) {
                follow(b, off, n);
            }
            return n;
        }

        private void follow(byte[] b, int off, int n) {
            int i = off;
            int end = off + n;
            while (i < end) {
                if (bodyLeft > 0) {
                    int take = (int) Math.min(bodyLeft, end - i);
                    bodyLeft -= take;
                    i += take;
                    if (bodyLeft == 0) {
                        records++;
                    }
                } else {
                    header[headerPos++] = b[i++];
                    if (headerPos == 5) {
                        headerPos = 0;
                        bodyLeft = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
                        if (bodyLeft == 0) {
                            records++;
                        }
                    }
                }
            }
        }
    }
}
