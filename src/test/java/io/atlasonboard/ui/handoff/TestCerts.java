package io.atlasonboard.ui.handoff;

import java.security.cert.X509Certificate;

/** Certificate parsing for tests outside this package. */
public final class TestCerts {
    private TestCerts() {
    }

    public static X509Certificate parse(String pem) throws Exception {
        return HandoffRig.certificate(pem);
    }
}
