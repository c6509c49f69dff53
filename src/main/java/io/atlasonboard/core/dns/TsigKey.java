package io.atlasonboard.core.dns;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;

/**
 * A TSIG key (RFC 8945) for signing dynamic updates. The secret is a secret: {@link #toString()} and every message
 * built by this package leave it out.
 */
public final class TsigKey {

    /** BIND algorithm names (as {@code tsig-keygen -a} takes them) to their DNS names. */
    private static final Map<String, Name> ALGORITHMS = Map.of(
            "hmac-md5", TSIG.HMAC_MD5,
            "hmac-sha1", TSIG.HMAC_SHA1,
            "hmac-sha224", TSIG.HMAC_SHA224,
            "hmac-sha256", TSIG.HMAC_SHA256,
            "hmac-sha384", TSIG.HMAC_SHA384,
            "hmac-sha512", TSIG.HMAC_SHA512);

    private final String name;
    private final String algorithm;
    private final byte[] secret;
    private volatile boolean destroyed;

    /**
     * @param name      the key name as the server knows it (e.g. {@code atlas-update})
     * @param algorithm BIND's name, e.g. {@code hmac-sha256} (case-insensitive; {@code hmac-md5.sig-alg.reg.int} too)
     * @param secret    the decoded key bytes (copied)
     */
    public TsigKey(String name, String algorithm, byte[] secret) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(secret, "secret");
        if (name.isBlank()) {
            throw new IllegalArgumentException("TSIG key name is empty");
        }
        if (secret.length == 0) {
            throw new IllegalArgumentException("TSIG key '" + name + "' has an empty secret");
        }
        String a = normaliseAlgorithm(algorithm);
        if (!ALGORITHMS.containsKey(a)) {
            throw new IllegalArgumentException("unsupported TSIG algorithm '" + algorithm + "' for key '" + name
                    + "' (supported: hmac-sha256, hmac-sha512, hmac-sha384, hmac-sha224, hmac-sha1, hmac-md5)");
        }
        this.name = name;
        this.algorithm = a;
        this.secret = secret.clone();
    }

    static String normaliseAlgorithm(String algorithm) {
        String a = algorithm.trim().toLowerCase(Locale.ROOT);
        if (a.endsWith(".")) {
            a = a.substring(0, a.length() - 1);
        }
        if (a.equals("hmac-md5.sig-alg.reg.int")) {
            a = "hmac-md5";
        }
        return a;
    }

    public String name() {
        return name;
    }

    /** BIND's spelling, e.g. {@code hmac-sha256}. */
    public String algorithm() {
        return algorithm;
    }

    /** A copy of the key bytes; callers must not log it. */
    public byte[] secret() {
        return secret.clone();
    }

    /** Overwrites this object's copy of the secret (call when the key is no longer needed); later use fails. */
    public void destroy() {
        Arrays.fill(secret, (byte) 0);
        destroyed = true;
    }

    /** The dnsjava signer for this key. */
    public TSIG toTsig() {
        if (destroyed) {
            throw new IllegalStateException("TSIG key '" + name + "' was destroyed after use");
        }
        try {
            return new TSIG(ALGORITHMS.get(algorithm), Name.fromString(name, Name.root), secret);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("TSIG key name '" + name + "' is not a valid DNS name");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TsigKey k && k.name.equals(name) && k.algorithm.equals(algorithm)
                && Arrays.equals(k.secret, secret);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, algorithm);
    }

    @Override
    public String toString() {
        return "TsigKey[" + name + ", " + algorithm + ", secret hidden]";
    }
}
