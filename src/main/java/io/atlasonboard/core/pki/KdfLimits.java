package io.atlasonboard.core.pki;

import io.atlasonboard.core.Msg;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.misc.MiscObjectIdentifiers;
import org.bouncycastle.asn1.misc.ScryptParams;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * Key-derivation cost a file may ask for, checked before any derivation is done: a file must not set its own cost (a
 * 2 KB key asking for 10 million PBKDF2 iterations would take minutes with any password; scrypt N=2^20 r=8 a GiB).
 * The limits are far above what openssl, keytool and this application write (PBKDF2 2 048..600 000 iterations,
 * scrypt N=2^14 r=8 p=1).
 */
public final class KdfLimits {
    /** Most PBKDF2 / PKCS#12 PBE iterations accepted (a few seconds at worst). */
    public static final int MAX_ITERATIONS = 1_000_000;
    /** Most scrypt memory accepted, 128·N·r bytes. */
    public static final long MAX_SCRYPT_MEMORY = 128L * 1024 * 1024;
    /** Most scrypt work accepted, N·r·p. */
    public static final long MAX_SCRYPT_WORK = 1L << 24;

    private KdfLimits() {
    }

    /** The encryption parameters exceed a limit (not a wrong password): says which limit and why. */
    public static final class ExcessiveParametersException extends InvalidInputException {
        public ExcessiveParametersException(String message) {
            super(message);
        }

        public ExcessiveParametersException(Msg message) {
            super(message);
        }
    }

    /**
     * Checks the key-derivation parameters of a password-based encryption algorithm (PBES2 with PBKDF2 or scrypt,
     * PKCS#12 PBE, PKCS#5 v1 PBE). Unknown schemes pass (the decryptor then reports them as unsupported).
     *
     * @param what what is being opened, for the message ("this encrypted private key")
     */
    public static void check(AlgorithmIdentifier alg, String what) {
        if (alg == null) {
            return;
        }
        ASN1ObjectIdentifier oid = alg.getAlgorithm();
        ASN1Encodable params = alg.getParameters();
        try {
            if (PKCSObjectIdentifiers.id_PBES2.equals(oid)) {
                PBES2Parameters p = PBES2Parameters.getInstance(params);
                org.bouncycastle.asn1.pkcs.KeyDerivationFunc kdf = p.getKeyDerivationFunc();
                if (PKCSObjectIdentifiers.id_PBKDF2.equals(kdf.getAlgorithm())) {
                    iterations(PBKDF2Params.getInstance(kdf.getParameters()).getIterationCount().longValue(),
                            "PBKDF2", what);
                } else if (MiscObjectIdentifiers.id_scrypt.equals(kdf.getAlgorithm())) {
                    ScryptParams s = ScryptParams.getInstance(kdf.getParameters());
                    scrypt(s.getCostParameter().longValue(), s.getBlockSize().longValue(),
                            s.getParallelizationParameter().longValue(), what);
                }
            } else if (oid.getId().startsWith(PKCSObjectIdentifiers.pkcs_12PbeIds.getId() + ".")) {
                iterations(PKCS12PBEParams.getInstance(params).getIterations().longValue(), "PKCS#12 PBE", what);
            } else if (oid.getId().startsWith("1.2.840.113549.1.5.") && params != null) {
                org.bouncycastle.asn1.pkcs.PBEParameter p = org.bouncycastle.asn1.pkcs.PBEParameter.getInstance(params);
                iterations(p.getIterationCount().longValue(), "PKCS#5 PBE", what);
            }
        } catch (ExcessiveParametersException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidInputException(Msg.of("core.pki.kdf.damaged", what(what), e.getClass().getSimpleName()), e);
        }
    }

    /** Checks an iteration count (also used for a PKCS#12 MAC). */
    public static void iterations(long n, String scheme, String what) {
        if (n > MAX_ITERATIONS || n < 1) {
            throw new ExcessiveParametersException(Msg.of("core.pki.kdf.iterations", what(what), String.valueOf(n),
                    scheme, String.valueOf(MAX_ITERATIONS)));
        }
    }

    static void scrypt(long n, long r, long p, String what) {
        long memory = n > 0 && r > 0 && n <= Long.MAX_VALUE / 128 / r ? 128 * n * r : Long.MAX_VALUE;
        if (memory > MAX_SCRYPT_MEMORY) {
            String limit = String.valueOf(MAX_SCRYPT_MEMORY / (1024 * 1024));
            throw new ExcessiveParametersException(memory == Long.MAX_VALUE
                    ? Msg.of("core.pki.kdf.scryptMemoryAny", what(what), String.valueOf(n), String.valueOf(r),
                            String.valueOf(p), limit)
                    : Msg.of("core.pki.kdf.scryptMemory", what(what), String.valueOf(memory / (1024 * 1024)),
                            String.valueOf(n), String.valueOf(r), String.valueOf(p), limit));
        }
        if (p < 1 || n * r > MAX_SCRYPT_WORK / p) {
            throw new ExcessiveParametersException(Msg.of("core.pki.kdf.scryptWork", what(what), String.valueOf(n),
                    String.valueOf(r), String.valueOf(p), String.valueOf(MAX_SCRYPT_WORK)));
        }
    }

    /** What is being opened, as the callers name it ("this PKCS#12 keystore"), in the reader's language. */
    private static Object what(String what) {
        return switch (what == null ? "" : what) {
            case "this PKCS#12 keystore" -> Msg.of("core.pki.kdf.what.pkcs12");
            case "this encrypted private key" -> Msg.of("core.pki.kdf.what.key");
            default -> String.valueOf(what);
        };
    }
}
