package io.atlasonboard.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atlasonboard.core.onboarding.Onboarding;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged store files are reported with StoreUnreadableException and kept byte-for-byte; never replaced. */
class StoreUnreadableTest {
    @TempDir
    Path tmp;
    Path home;
    Path db;
    Path vault;

    @BeforeEach
    void fillStore() {
        home = tmp.resolve("home");
        try (Store s = StoreTestSupport.newStore(home)) {
            for (int i = 0; i < 12; i++) {
                Onboarding o = s.onboardings().create("Onboarding " + i, i % 2 == 0);
                o.setApiKey("key-" + i);
                o.setApiSecret(("secret-" + i).toCharArray());
                o.setCertificatePem("-----BEGIN CERTIFICATE-----\n" + "A".repeat(2000) + "\n-----END CERTIFICATE-----");
                o.setKeystore(new byte[5000 + i]);
            }
        }
        db = home.resolve(Store.DB_FILE);
        vault = home.resolve(Store.VAULT_FILE);
    }

    private void assertUnreadableAndUnchanged(Path expectedFile) throws IOException {
        Map<String, String> before = StoreTestSupport.snapshot(home);
        assertThatThrownBy(() -> StoreTestSupport.reopen(home))
                .isInstanceOf(StoreUnreadableException.class)
                .hasMessageContaining(expectedFile.toString())
                .hasMessageContaining("kept untouched")
                .satisfies(e -> assertThat(((StoreUnreadableException) e).file()).isEqualTo(expectedFile));
        assertThat(StoreTestSupport.snapshot(home)).isEqualTo(before);
        // and create never replaces it
        assertThatThrownBy(() -> Store.create(home, StoreTestSupport.PASS.clone(), StoreTestSupport.FAST_KDF))
                .isInstanceOf(StoreExistsException.class);
        assertThat(StoreTestSupport.snapshot(home)).isEqualTo(before);
    }

    @Test
    void truncatedDatabaseToHalf() throws IOException {
        long size = Files.size(db);
        try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
            f.setLength(size / 2);
        }
        assertUnreadableAndUnchanged(db);
    }

    @Test
    void truncatedDatabaseToZero() throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
            f.setLength(0);
        }
        assertUnreadableAndUnchanged(db);
    }

    @Test
    void garbledDatabaseHeader() throws IOException {
        garble(db, 0, 200);
        assertUnreadableAndUnchanged(db);
    }

    @Test
    void garbledDatabaseBody() throws IOException {
        long size = Files.size(db);
        garble(db, size / 3, (int) Math.min(size / 3, 64 * 1024));
        assertUnreadableAndUnchanged(db);
    }

    @Test
    void garbledDatabaseTail() throws IOException {
        long size = Files.size(db);
        garble(db, size - 8192, 8192);
        assertUnreadableAndUnchanged(db);
    }

    // --- without the clean-close fingerprint (as after a crash) the read-only probe alone must catch the damage ---

    @Test
    void truncatedDatabaseAfterCrashIsCaughtByProbe() throws IOException {
        Files.delete(home.resolve(StoreState.FILE));
        long size = Files.size(db);
        try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
            f.setLength(size / 2);
        }
        assertUnreadableAndUnchanged(db);
    }

    @Test
    void garbledDatabaseBodyAfterCrashIsCaughtByProbe() throws IOException {
        garbleBodyAfterCrash();
        assertUnreadableAndUnchanged(db);
    }

    @Test
    void notAnH2FileAfterCrash() throws IOException {
        StoreState.write(home, false, null);
        Files.writeString(db, "this is not a database\n".repeat(1000));
        assertUnreadableAndUnchanged(db);
    }

    // --- the database check runs beside the key derivation: a wrong passphrase still wins, the check ends first ---

    @Test
    void wrongPassphraseOnADamagedDatabaseSaysWrongPassphraseThenTheDamage() throws IOException {
        garbleBodyAfterCrash();
        Map<String, String> before = StoreTestSupport.snapshot(home);
        assertThatThrownBy(() -> Store.open(home, "not the passphrase at all 9".toCharArray()))
                .isInstanceOf(WrongPassphraseException.class);
        assertThat(StoreTestSupport.snapshot(home)).isEqualTo(before);
        // and the right one is told the damage (a lock left by the check is what the healthy-store test below catches)
        assertUnreadableAndUnchanged(db);
    }

    @Test
    void aSecondTryOnADamagedDatabaseSaysTheDamageAgain() throws IOException {
        garbleBodyAfterCrash();
        String first = messageOfReopen();
        // H2 keeps the damaged file locked after its failed open: each retry is told the same damage, not "in use"
        assertUnreadableAndUnchanged(db);
        assertThat(messageOfReopen()).isEqualTo(first);
    }

    private String messageOfReopen() {
        try (Store s = StoreTestSupport.reopen(home)) {
            throw new AssertionError("a damaged store opened");
        } catch (StoreUnreadableException e) {
            return e.getMessage();
        }
    }

    @Test
    void wrongThenRightPassphraseOpensTheStoreWithItsData() {
        // fails with "in use" if the wrong try's check left its read-only connection (and H2's file lock) open
        assertThatThrownBy(() -> Store.open(home, "not the passphrase at all 9".toCharArray()))
                .isInstanceOf(WrongPassphraseException.class);
        try (Store s = StoreTestSupport.reopen(home)) {
            assertThat(s.onboardings().list()).hasSize(12);
        }
    }

    @Test
    void missingDatabase() throws IOException {
        Files.delete(db);
        assertUnreadableAndUnchanged(db);
    }

    @Test
    void garbledVaultJson() throws IOException {
        byte[] b = Files.readAllBytes(vault);
        b[b.length / 2] ^= 0x20;
        Files.write(vault, b);
        assertUnreadableAndUnchanged(vault);
    }

    @Test
    void vaultJsonNotJson() throws IOException {
        Files.write(vault, "\u0000\u0001garbage{".getBytes(StandardCharsets.ISO_8859_1));
        assertUnreadableAndUnchanged(vault);
    }

    @Test
    void vaultJsonEmpty() throws IOException {
        Files.write(vault, new byte[0]);
        assertUnreadableAndUnchanged(vault);
    }

    @Test
    void vaultCiphertextAlteredIsDamagedNotWrongPassphrase() throws IOException {
        String json = Files.readString(vault);
        int i = json.indexOf("\"blob\": \"") + 12;
        char c = json.charAt(i);
        String altered = json.substring(0, i) + (c == 'A' ? 'B' : 'A') + json.substring(i + 1);
        Files.writeString(vault, altered);
        assertUnreadableAndUnchanged(vault);
    }

    @Test
    void vaultMissingButDatabasePresent() throws IOException {
        Files.delete(vault);
        assertUnreadableAndUnchanged(db);
    }

    @Test
    void vaultOfAnotherStoreWithTheSamePassphraseIsRefused() throws IOException {
        Path other = tmp.resolve("other");
        StoreTestSupport.newStore(other).close();
        Files.copy(other.resolve(Store.VAULT_FILE), vault, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Map<String, String> before = StoreTestSupport.snapshot(home);
        assertThatThrownBy(() -> StoreTestSupport.reopen(home)).isInstanceOf(StoreUnreadableException.class)
                .hasMessageContaining("belongs to a different database")
                .satisfies(e -> assertThat(((StoreUnreadableException) e).file()).isEqualTo(vault));
        assertThat(StoreTestSupport.snapshot(home)).isEqualTo(before);
    }

    @Test
    void vaultFromNewerVersion() throws IOException {
        String json = Files.readString(vault).replace("\"version\": 1", "\"version\": 2");
        Files.writeString(vault, json);
        Map<String, String> before = StoreTestSupport.snapshot(home);
        assertThatThrownBy(() -> StoreTestSupport.reopen(home))
                .isInstanceOf(StoreUnreadableException.class).hasMessageContaining("newer version");
        assertThat(StoreTestSupport.snapshot(home)).isEqualTo(before);
    }

    /** A third of the database garbled, with no clean-close fingerprint (as after a crash): only the probe sees it. */
    private void garbleBodyAfterCrash() throws IOException {
        StoreState.write(home, false, null);
        long size = Files.size(db);
        garble(db, size / 3, (int) Math.min(size / 3, 64 * 1024));
    }

    private static void garble(Path file, long offset, int len) throws IOException {
        byte[] junk = new byte[len];
        new Random(42).nextBytes(junk);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            f.write(junk);
        }
    }
}
