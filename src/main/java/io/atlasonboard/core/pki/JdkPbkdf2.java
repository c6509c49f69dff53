package io.atlasonboard.core.pki;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.KeySpec;
import java.util.Locale;

import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.SecretKeyFactorySpi;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.jcajce.spec.PBKDF2KeySpec;

/**
 * Bouncy Castle's provider, except that PBKDF2-HMAC-SHA256 is computed by the JDK's {@code PBKDF2WithHmacSHA256}
 * (same bytes, RFC 8018; the JDK's HMAC-SHA256 uses the CPU's SHA-256 instructions, about 2.5× faster at 600,000
 * iterations). Handed to Bouncy Castle's PKCS#8 / PKCS#12 builders in place of {@link Bc#PROVIDER}: Bouncy Castle
 * still writes and reads the ASN.1 and does the ciphers; every other PRF and algorithm is Bouncy Castle's own.
 */
final class JdkPbkdf2 extends Provider {

    static final Provider PROVIDER = new JdkPbkdf2();

    private static final String PBKDF2_OID = PKCSObjectIdentifiers.id_PBKDF2.getId();
    private static final String HMAC_SHA256_OID = PKCSObjectIdentifiers.id_hmacWithSHA256.getId();

    private JdkPbkdf2() {
        super("AtlasOnboard-BC-JdkPbkdf2", "1.0", "Bouncy Castle with the JDK's PBKDF2WithHmacSHA256");
    }

    @Override
    public synchronized Service getService(String type, String algorithm) {
        if ("SecretKeyFactory".equalsIgnoreCase(type) && algorithm != null) {
            String a = algorithm.toUpperCase(Locale.ROOT);
            if (a.equals("PBKDF2WITHHMACSHA256") || a.equals(PBKDF2_OID) || a.equals("PBKDF2")) {
                Provider bc = Bc.PROVIDER;
                String name = algorithm;
                return new Service(this, "SecretKeyFactory", algorithm, Spi.class.getName(), null, null) {
                    @Override
                    public Object newInstance(Object ignored) throws NoSuchAlgorithmException {
                        return new Spi(name, bc);
                    }
                };
            }
        }
        return Bc.PROVIDER.getService(type, algorithm);
    }

    /** Sends HMAC-SHA256 requests to the JDK, everything else (other PRFs, translateKey, getKeySpec) to BC. */
    static final class Spi extends SecretKeyFactorySpi {
        private final String algorithm;
        private final Provider bc;

        Spi(String algorithm, Provider bc) {
            this.algorithm = algorithm;
            this.bc = bc;
        }

        @Override
        protected SecretKey engineGenerateSecret(KeySpec spec) throws InvalidKeySpecException {
            if (spec instanceof PBEKeySpec p && sha256(p)) {
                try {
                    SecretKey k = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                            .generateSecret(new PBEKeySpec(p.getPassword(), p.getSalt(), p.getIterationCount(),
                                    p.getKeyLength()));
                    byte[] raw = k.getEncoded();
                    try {
                        return new SecretKeySpec(raw, "PBKDF2WithHmacSHA256");
                    } finally {
                        java.util.Arrays.fill(raw, (byte) 0);
                    }
                } catch (NoSuchAlgorithmException e) {
                    // no JDK PBKDF2 (not on a standard JDK): Bouncy Castle computes it
                }
            }
            return bcFactory().generateSecret(spec);
        }

        /** Named for HMAC-SHA256, or the generic PBKDF2 with a BC spec that names HMAC-SHA256 as its PRF. */
        private boolean sha256(PBEKeySpec p) {
            if (p.getKeyLength() <= 0 || p.getSalt() == null || p.getIterationCount() <= 0) {
                return false;
            }
            if (algorithm.equalsIgnoreCase("PBKDF2WithHmacSHA256")) {
                return !(p instanceof PBKDF2KeySpec k) || k.getPrf() == null
                        || HMAC_SHA256_OID.equals(k.getPrf().getAlgorithm().getId());
            }
            return p instanceof PBKDF2KeySpec k && k.getPrf() != null
                    && HMAC_SHA256_OID.equals(k.getPrf().getAlgorithm().getId());
        }

        private SecretKeyFactory bcFactory() throws InvalidKeySpecException {
            try {
                return SecretKeyFactory.getInstance(algorithm, bc);
            } catch (NoSuchAlgorithmException e) {
                throw new InvalidKeySpecException("no " + algorithm + " in Bouncy Castle", e);
            }
        }

        @Override
        protected KeySpec engineGetKeySpec(SecretKey key, Class<?> keySpec) throws InvalidKeySpecException {
            return bcFactory().getKeySpec(key, keySpec);
        }

        @Override
        protected SecretKey engineTranslateKey(SecretKey key) throws InvalidKeyException {
            try {
                return bcFactory().translateKey(key);
            } catch (InvalidKeySpecException e) {
                throw new InvalidKeyException(e.getMessage(), e);
            }
        }
    }
}
