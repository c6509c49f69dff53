package io.atlasonboard.core.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Helpers for store tests: a fast KDF for most tests and a snapshot of every file's hash. */
final class StoreTestSupport {
    /** Argon2id with small memory so tests stay fast; the default parameters are covered by their own test. */
    static final KdfParams FAST_KDF = new KdfParams(KdfParams.ARGON2ID, 1024, 1, 1);
    static final String PASS_STRING = "correct horse battery staple 42";
    static final char[] PASS = PASS_STRING.toCharArray();

    private StoreTestSupport() {
    }

    static Store newStore(Path home) {
        return Store.create(home, PASS.clone(), FAST_KDF);
    }

    static Store reopen(Path home) {
        return Store.open(home, PASS.clone());
    }

    /** Relative path -> SHA-256 of every regular file under {@code dir}. */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p)) {
                    try {
                        out.put(dir.relativize(p).toString(), HexFormat.of().formatHex(
                                MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
                    } catch (java.security.NoSuchAlgorithmException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return out;
    }
}
