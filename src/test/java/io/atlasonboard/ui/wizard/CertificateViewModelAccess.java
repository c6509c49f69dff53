package io.atlasonboard.ui.wizard;

import io.atlasonboard.core.pki.Pem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.stream.Stream;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/** Small readers the view-model tests use to look at what the view models produced. */
final class CertificateViewModelAccess {
    private CertificateViewModelAccess() {
    }

    static PublicKey csrKey(String pem) throws Exception {
        for (Object o : Pem.readAll(pem)) {
            if (o instanceof PKCS10CertificationRequest r) {
                return new JcaPKCS10CertificationRequest(r).getPublicKey();
            }
        }
        throw new AssertionError("no CSR");
    }

    static String firstCertSubject(String pem) {
        for (Object o : Pem.readAll(pem)) {
            if (o instanceof org.bouncycastle.cert.X509CertificateHolder c) {
                return c.getSubject().toString();
            }
        }
        throw new AssertionError("no certificate");
    }

    /** Every file under {@code dir} as ISO-8859-1 text (byte-for-byte), to search for clear-text secrets. */
    static String readAll(Path dir) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                sb.append(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        }
        return sb.toString();
    }
}
