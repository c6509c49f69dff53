package io.atlasonboard.core.handoff;

import io.atlasonboard.core.Msg;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.atlasonboard.core.pki.EncryptedKeys;
import io.atlasonboard.core.pki.PkiException;

/** Helpers for the checks that read a written bundle back from disk. */
final class ReadBack {
    private ReadBack() {
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ExportException(Msg.of("core.handoff.readBack.unreadable", file.toString(),
                    ExportException.part(e)), e);
        }
    }

    static String text(Path file) {
        return new String(bytes(file), StandardCharsets.UTF_8);
    }

    static List<X509Certificate> certificates(String pem, Object what) {
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw ExportException.of("core.handoff.readBack.noCertificate", what);
            }
            return out;
        } catch (CertificateException e) {
            throw new ExportException(Msg.of("core.handoff.readBack.badCertificate", what, e.getMessage()), e);
        }
    }

    /** Decrypts (or reads, when {@code passphrase} is null) the key; a wrong passphrase fails the export. */
    static PrivateKey key(String pem, char[] passphrase, Object what) {
        try {
            return EncryptedKeys.decrypt(pem, passphrase);
        } catch (PkiException | IllegalArgumentException e) {
            throw new ExportException(Msg.of("core.handoff.readBack.keyDoesNotOpen", what, ExportException.part(e)), e);
        }
    }

    static void identity(ExportMaterial m, X509Certificate cert, PrivateKey key, Object what) {
        if (!m.sameIdentity(cert, key)) {
            throw ExportException.of("core.handoff.readBack.wrongIdentity", what);
        }
    }

    /** True when the UTF-8 bytes are exactly the secret (compared without building a String of it). */
    static boolean sameSecret(byte[] utf8, char[] secret) {
        ByteBuffer bb = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        byte[] b = new byte[bb.remaining()];
        bb.get(b);
        if (bb.hasArray()) {
            Arrays.fill(bb.array(), (byte) 0);
        }
        try {
            return java.security.MessageDigest.isEqual(b, utf8);
        } finally {
            Arrays.fill(b, (byte) 0);
        }
    }

    static void secretFile(Path file, char[] secret, Object what) {
        byte[] b = bytes(file);
        try {
            if (!sameSecret(b, secret)) {
                throw ExportException.of("core.handoff.readBack.secretMismatch", what);
            }
        } finally {
            Arrays.fill(b, (byte) 0);
        }
    }

    static String path(Path p) {
        return p.toAbsolutePath().normalize().toString();
    }
}
