package io.atlasonboard.core.pki;

import io.atlasonboard.core.Msg;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** PEM through Bouncy Castle (JcaPEMWriter / PEMParser). */
public final class Pem {
    private Pem() {
    }

    /**
     * PEM text for a certificate (X509Certificate or holder), CSR, public key, PKCS#8 object, PemObject, ...
     * Do not pass an unencrypted private key unless you mean to write it in clear.
     */
    public static String write(Object o) {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(o);
        } catch (IOException e) {
            throw new PkiException(Msg.of("core.pki.pem.writeFailed", e.getMessage()), e);
        }
        return sw.toString();
    }

    /** Several objects one after another (e.g. a chain). */
    /**
     * {@link #write} for secrets (a private key): the PEM text as a char[] that the caller wipes, never a String. The
     * writer's own buffer is wiped here; Bouncy Castle's short-lived internal buffers are garbage at once.
     */
    public static char[] writeChars(Object o) {
        WipeableCharWriter sw = new WipeableCharWriter();
        try {
            try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
                w.writeObject(o);
            } catch (IOException e) {
                throw new PkiException("Could not write PEM: " + e.getMessage(), e);
            }
            return sw.toCharArray();
        } finally {
            sw.wipe();
        }
    }

    private static final class WipeableCharWriter extends java.io.CharArrayWriter {
        void wipe() {
            java.util.Arrays.fill(buf, '\0');
            count = 0;
        }
    }

    public static String writeAll(List<?> objects) {
        StringBuilder sb = new StringBuilder();
        for (Object o : objects) {
            sb.append(write(o));
        }
        return sb.toString();
    }

    /**
     * Every PEM object in the text, as PEMParser returns them (X509CertificateHolder, PKCS10CertificationRequest,
     * ContentInfo, PEMKeyPair, PrivateKeyInfo, PKCS8EncryptedPrivateKeyInfo, PEMEncryptedKeyPair, ...).
     * Text outside PEM blocks is ignored.
     */
    public static List<Object> readAll(String text) {
        List<Object> out = new ArrayList<>();
        try (PEMParser p = new PEMParser(new StringReader(text))) {
            Object o;
            while ((o = p.readObject()) != null) {
                out.add(o);
            }
        } catch (IOException | RuntimeException e) {
            // the parser's own message names library classes ("org.bouncycastle.asn1.ASN1Exception: corrupted
            // stream ..."): say what the user can act on instead, and keep the parser's reason as the cause
            throw new InvalidInputException(Msg.of("core.pki.pem.damaged"), e);
        }
        return out;
    }
}
