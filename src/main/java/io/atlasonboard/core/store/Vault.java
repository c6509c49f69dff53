package io.atlasonboard.core.store;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The vault header ({@code vault.json}): KDF parameters, salt, and the random 256-bit data key wrapped (AES-256-GCM)
 * under the key derived from the passphrase. Unwrapping the data key is the passphrase check, done before the
 * database is touched. A SHA-256 checksum over the header fields tells a garbled header apart from a wrong
 * passphrase.
 */
final class Vault {
    static final String FORMAT = "atlas-onboard-vault";
    static final int VERSION = 1;
    private static final byte[] WRAP_AAD = "atlas-onboard/v1/vault/data-key".getBytes(StandardCharsets.UTF_8);
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    /** JSON shape of the file. */
    static final class Header {
        String format;
        Integer version;
        Kdf kdf;
        Wrapped dataKey;
        String checksum;
    }

    static final class Kdf {
        String algorithm;
        Integer memoryKiB;
        Integer iterations;
        Integer parallelism;
        String salt;
    }

    static final class Wrapped {
        String cipher;
        String blob;
    }

    private Vault() {
    }

    /** Creates a new header for a fresh random data key; returns the file content and hands the data key out. */
    static byte[] newHeader(char[] passphrase, KdfParams params, byte[] dataKeyOut) {
        byte[] dataKey = SecretBox.randomBytes(32);
        try {
            byte[] header = wrapHeader(dataKey, passphrase, params);
            System.arraycopy(dataKey, 0, dataKeyOut, 0, 32);
            return header;
        } finally {
            SecretChars.wipe(dataKey);
        }
    }

    /** A header that wraps the given data key under {@code passphrase} (fresh salt). */
    static byte[] wrapHeader(byte[] dataKey, char[] passphrase, KdfParams params) {
        byte[] salt = SecretBox.randomBytes(16);
        byte[] kek = derive(passphrase, params, salt);
        try {
            SecretBox box = new SecretBox(kek);
            byte[] wrapped = box.encrypt(dataKey, wrapAad(params, salt));
            box.destroy();
            Header h = new Header();
            h.format = FORMAT;
            h.version = VERSION;
            h.kdf = new Kdf();
            h.kdf.algorithm = params.algorithm();
            h.kdf.memoryKiB = params.memoryKiB();
            h.kdf.iterations = params.iterations();
            h.kdf.parallelism = params.parallelism();
            h.kdf.salt = Base64.getEncoder().encodeToString(salt);
            h.dataKey = new Wrapped();
            h.dataKey.cipher = "AES-256-GCM";
            h.dataKey.blob = Base64.getEncoder().encodeToString(wrapped);
            h.checksum = checksum(h);
            return (GSON.toJson(h) + "\n").getBytes(StandardCharsets.UTF_8);
        } finally {
            SecretChars.wipe(kek);
        }
    }

    /** Parsed, checked header, ready to unlock. */
    record Parsed(KdfParams params, byte[] salt, byte[] wrapped) {
    }

    /** Reads and checks {@code vault.json} (read only). Any problem is a {@link StoreUnreadableException}. */
    static Parsed read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StoreUnreadableException(file, "it could not be read (" + e.getClass().getSimpleName() + ").", e);
        }
        Header h;
        try {
            h = GSON.fromJson(new String(bytes, StandardCharsets.UTF_8), Header.class);
        } catch (JsonParseException | IllegalStateException e) {
            throw new StoreUnreadableException(file, "it is not a valid vault header (not JSON).");
        }
        if (h == null || !FORMAT.equals(h.format) || h.version == null) {
            throw new StoreUnreadableException(file, "it is not an Atlas Onboard vault header.");
        }
        if (h.version > VERSION) {
            throw new StoreUnreadableException(file, "it was written by a newer version of Atlas Onboard (vault format "
                    + h.version + "; this version reads " + VERSION + "). Update the application.");
        }
        if (h.kdf == null || h.dataKey == null || h.kdf.salt == null || h.kdf.memoryKiB == null
                || h.kdf.iterations == null || h.kdf.parallelism == null || h.dataKey.blob == null
                || h.checksum == null) {
            throw new StoreUnreadableException(file, "the vault header is incomplete.");
        }
        if (!MessageDigest.isEqual(checksum(h).getBytes(StandardCharsets.US_ASCII),
                h.checksum.getBytes(StandardCharsets.US_ASCII))) {
            throw new StoreUnreadableException(file, "the vault header is damaged (checksum mismatch).");
        }
        KdfParams params;
        try {
            params = new KdfParams(h.kdf.algorithm, h.kdf.memoryKiB, h.kdf.iterations, h.kdf.parallelism);
        } catch (IllegalArgumentException e) {
            throw new StoreUnreadableException(file, "its key derivation settings are not supported ("
                    + h.kdf.algorithm + ").");
        }
        try {
            byte[] salt = Base64.getDecoder().decode(h.kdf.salt);
            byte[] wrapped = Base64.getDecoder().decode(h.dataKey.blob);
            if (salt.length < 16) {
                throw new IllegalArgumentException();
            }
            return new Parsed(params, salt, wrapped);
        } catch (IllegalArgumentException e) {
            throw new StoreUnreadableException(file, "the vault header is damaged (bad encoding).");
        }
    }

    /** Unwraps the data key, or throws {@link WrongPassphraseException}. */
    static byte[] unlock(Parsed p, char[] passphrase) {
        byte[] kek = derive(passphrase, p.params(), p.salt());
        SecretBox box = new SecretBox(kek);
        SecretChars.wipe(kek);
        try {
            byte[] key = box.decrypt(p.wrapped(), wrapAad(p.params(), p.salt()));
            if (key.length != 32) {
                SecretChars.wipe(key);
                throw new WrongPassphraseException();
            }
            return key;
        } catch (AEADBadTagException e) {
            throw new WrongPassphraseException();
        } finally {
            box.destroy();
        }
    }

    /**
     * Argon2id of the passphrase (RFC 9106), by Bouncy Castle, which computes the lanes one after the other. Measured
     * on the 2-core machine kind, 64 MiB x 3 passes x 2 lanes in a fresh JVM: 280 ms and 117 MiB peak RSS, against
     * 500 ms and 332 MiB with Password4j's lanes on parallel threads (whose cached instance also kept its 64 MiB
     * template for the process's life); and one core stays free for the window while the GUI unlocks.
     */
    static byte[] derive(char[] passphrase, KdfParams params, byte[] salt) {
        Argon2Parameters a = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(params.memoryKiB())
                .withIterations(params.iterations())
                .withParallelism(params.parallelism())
                .withSalt(salt)
                .build();
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(a);
        byte[] pw = SecretChars.toUtf8(passphrase);
        byte[] out = new byte[32];
        try {
            gen.generateBytes(pw, out);
        } catch (OutOfMemoryError e) {
            throw new StoreException("Not enough memory to derive the key (Argon2id needs " + params.memoryKiB() / 1024
                    + " MiB); start Atlas Onboard with a larger heap (-Xmx).");
        } finally {
            SecretChars.wipe(pw);
        }
        return out;
    }

    private static byte[] wrapAad(KdfParams params, byte[] salt) {
        byte[] prefix = (new String(WRAP_AAD, StandardCharsets.UTF_8) + "/" + params.canonical() + "/")
                .getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[prefix.length + salt.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(salt, 0, out, prefix.length, salt.length);
        return out;
    }

    private static String checksum(Header h) {
        String canonical = h.format + "\n" + h.version + "\n" + h.kdf.algorithm + "\n" + h.kdf.memoryKiB + "\n"
                + h.kdf.iterations + "\n" + h.kdf.parallelism + "\n" + h.kdf.salt + "\n"
                + (h.dataKey.cipher == null ? "" : h.dataKey.cipher) + "\n" + h.dataKey.blob;
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
