package io.atlasonboard.core.store;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code atlas.state.json}: whether the database was closed cleanly and, if so, the SHA-256 of the database file at
 * that moment. H2 silently repairs some damage (a garbled first header block, for instance) by rewriting the file;
 * comparing the fingerprint first lets the store report such damage and keep the file as it is instead. After a
 * crash (no clean close) only the read-only probe applies.
 */
final class StoreState {
    static final String FILE = Store.DB_NAME + ".state.json";
    private static final Gson GSON = new Gson();

    static final class Json {
        boolean cleanClose;
        String databaseSha256;
    }

    private StoreState() {
    }

    /** Reads the state; null if the file is absent or unreadable (then only the probe applies). */
    static Json read(Path home) {
        Path f = home.resolve(FILE);
        if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            return GSON.fromJson(Files.readString(f, StandardCharsets.UTF_8), Json.class);
        } catch (IOException | JsonParseException | IllegalStateException e) {
            return null;
        }
    }

    static void write(Path home, boolean cleanClose, String sha256) throws IOException {
        Json j = new Json();
        j.cleanClose = cleanClose;
        j.databaseSha256 = sha256;
        Path f = home.resolve(FILE);
        Path tmp = Files.createTempFile(home, FILE + ".", ".tmp", StoreCreation.ownerOnly(home));
        Files.writeString(tmp, GSON.toJson(j) + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
