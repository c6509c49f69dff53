package io.atlasonboard.core.pki;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.DSAKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.Key;

/** Key facts for display and matching. */
public final class Keys {
    private Keys() {
    }

    /** Public key of an RSA CRT private key (what every tool writes). */
    public static PublicKey publicKeyOf(PrivateKey key) {
        if (key instanceof RSAPrivateCrtKey rsa) {
            try {
                return KeyFactory.getInstance("RSA").generatePublic(
                        new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            } catch (Exception e) {
                throw new PkiException("Could not derive the public key: " + e.getMessage(), e);
            }
        }
        throw new PkiException("Cannot derive the public key from a " + key.getAlgorithm()
                + " private key; only RSA keys are supported here");
    }

    /** Size in bits (RSA modulus, EC field/order, DSA p), or -1 if unknown. */
    public static int size(Key key) {
        if (key instanceof RSAKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECKey ec) {
            return ec.getParams().getOrder().bitLength();
        }
        if (key instanceof DSAKey dsa) {
            BigInteger p = dsa.getParams().getP();
            return p.bitLength();
        }
        return -1;
    }

    /** "RSA 2048", "EC 256". */
    public static String describe(Key key) {
        int s = size(key);
        return key.getAlgorithm() + (s > 0 ? " " + s : "");
    }

    /** SHA-256 over the DER SubjectPublicKeyInfo, as upper-case hex pairs separated by colons. */
    public static String spkiSha256(PublicKey key) {
        return Fingerprints.sha256(key.getEncoded());
    }

    public static boolean matches(PublicKey a, PublicKey b) {
        return java.util.Arrays.equals(a.getEncoded(), b.getEncoded());
    }
}
