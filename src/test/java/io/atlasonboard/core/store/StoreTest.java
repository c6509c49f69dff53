package io.atlasonboard.core.store;

import io.atlasonboard.testing.Secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.atlasonboard.core.onboarding.Onboarding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
    @TempDir
    Path tmp;

    @Test
    void createThenOpenWithTheSamePassphrase() {
        Path home = tmp.resolve("home");
        assertThat(Store.exists(home)).isFalse();
        long id;
        try (Store s = StoreTestSupport.newStore(home)) {
            assertThat(s.isOpen()).isTrue();
            id = s.onboardings().create("Main", false).getId();
        }
        assertThat(Store.exists(home)).isTrue();
        try (Store s = StoreTestSupport.reopen(home)) {
            assertThat(s.onboardings().load(id).getLabel()).isEqualTo("Main");
        }
    }

    @Test
    void closedStoreRefusesWork() {
        Store s = StoreTestSupport.newStore(tmp.resolve("home"));
        Onboarding o = s.onboardings().create("x", false);
        s.close();
        s.close(); // idempotent
        assertThat(s.isOpen()).isFalse();
        assertThatThrownBy(() -> o.setApiKey("k")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> s.providers().list()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void defaultKdfIsArgon2idWith64MiBAndItsParametersAreInTheVaultFile() throws IOException {
        Path home = tmp.resolve("home");
        try (Store s = Store.create(home, StoreTestSupport.PASS.clone())) {
            s.onboardings().create("x", false);
        }
        JsonObject kdf = JsonParser.parseString(Files.readString(home.resolve(Store.VAULT_FILE)))
                .getAsJsonObject().getAsJsonObject("kdf");
        assertThat(kdf.get("algorithm").getAsString()).isEqualTo("argon2id");
        assertThat(kdf.get("memoryKiB").getAsInt()).isEqualTo(65536);
        assertThat(kdf.get("iterations").getAsInt()).isEqualTo(3);
        assertThat(kdf.get("parallelism").getAsInt()).isEqualTo(KdfParams.preferred().parallelism()); // lanes = cores
        assertThat(java.util.Base64.getDecoder().decode(kdf.get("salt").getAsString())).hasSize(16);
        try (Store s = StoreTestSupport.reopen(home)) {
            assertThat(s.onboardings().list()).hasSize(1);
        }
    }

    @Test
    void wrongPassphraseIsRefusedAndNoFileChanges() throws IOException {
        Path home = tmp.resolve("home");
        try (Store s = StoreTestSupport.newStore(home)) {
            Onboarding o = s.onboardings().create("x", false);
            o.setApiSecret("some secret".toCharArray());
        }
        Map<String, String> before = StoreTestSupport.snapshot(home);
        assertThat(before).containsKeys(Store.VAULT_FILE, Store.DB_FILE);
        for (String wrong : new String[] {"correct horse battery staple 43", "", "x",
            "CORRECT HORSE BATTERY STAPLE 42"}) {
            assertThatThrownBy(() -> Store.open(home, wrong.toCharArray()))
                    .isInstanceOf(WrongPassphraseException.class)
                    .hasMessage("The passphrase is not correct. Nothing was changed.");
            assertThat(StoreTestSupport.snapshot(home)).isEqualTo(before);
        }
        // and the right one still works afterwards
        try (Store s = StoreTestSupport.reopen(home)) {
            assertThat(s.onboardings().list()).hasSize(1);
        }
    }

    @Test
    void aSecondOpenerWhileTheStoreIsHeldIsToldItIsInUseWhateverThePassphrase() throws IOException {
        Path home = tmp.resolve("home");
        try (Store s = StoreTestSupport.newStore(home)) {
            s.onboardings().create("x", false);
            // the lock is taken before the passphrase is even looked at
            assertThatThrownBy(() -> Store.open(home, "not the passphrase!".toCharArray()))
                    .isInstanceOf(StoreInUseException.class)
                    .hasMessageContaining("in use by another Atlas Onboard (pid " + ProcessHandle.current().pid());
            assertThatThrownBy(() -> StoreTestSupport.reopen(home)).isInstanceOf(StoreInUseException.class);
            s.onboardings().create("still works", false);
            assertThat(s.onboardings().list()).hasSize(2);
        }
    }

    @Test
    void createRefusesOverAnExistingStoreAndChangesNothing() throws IOException {
        Path home = tmp.resolve("home");
        try (Store s = StoreTestSupport.newStore(home)) {
            s.onboardings().create("keep me", false);
        }
        Map<String, String> before = StoreTestSupport.snapshot(home);
        assertThatThrownBy(() -> Store.create(home, "another long passphrase 7".toCharArray()))
                .isInstanceOf(StoreExistsException.class).hasMessageContaining("already exists");
        assertThat(StoreTestSupport.snapshot(home)).isEqualTo(before);
    }

    @Test
    void createRefusesWhenOnlyTheDatabaseFileIsLeft() throws IOException {
        Path home = tmp.resolve("home");
        try (Store s = StoreTestSupport.newStore(home)) {
            s.onboardings().create("x", false);
        }
        Files.delete(home.resolve(Store.VAULT_FILE));
        Files.delete(home.resolve(StoreState.FILE));
        Map<String, String> before = StoreTestSupport.snapshot(home);
        assertThat(Store.exists(home)).isTrue();
        assertThatThrownBy(() -> Store.create(home, "another long passphrase 7".toCharArray()))
                .isInstanceOf(StoreExistsException.class).hasMessageContaining(Store.DB_FILE);
        assertThat(StoreTestSupport.snapshot(home)).isEqualTo(before);
    }

    @Test
    void openWithoutStoreSaysSoAndCreatesNothing() throws IOException {
        Path home = tmp.resolve("empty");
        Files.createDirectories(home);
        assertThatThrownBy(() -> StoreTestSupport.reopen(home)).isInstanceOf(StoreNotFoundException.class);
        try (Stream<Path> s = Files.list(home)) {
            assertThat(s.count()).isZero();
        }
        assertThatThrownBy(() -> StoreTestSupport.reopen(tmp.resolve("missing")))
                .isInstanceOf(StoreNotFoundException.class);
        assertThat(tmp.resolve("missing")).doesNotExist();
    }

    @Test
    void weakPassphraseIsRefusedByCreateWithAReasonAndNothingIsCreated() {
        Path home = tmp.resolve("home");
        assertThatThrownBy(() -> Store.create(home, "short1!".toCharArray()))
                .isInstanceOf(WeakPassphraseException.class).hasMessageContaining("at least 12 characters")
                .satisfies(e -> Secrets.assertAbsent(e.getMessage(), "WeakPassphraseException message", "short1!"));
        assertThatThrownBy(() -> Store.create(home, "aaaaaaaaaaaaaaaa".toCharArray()))
                .isInstanceOf(WeakPassphraseException.class).hasMessageContaining("repeated");
        assertThatThrownBy(() -> Store.create(home, "password1234".toCharArray()))
                .isInstanceOf(WeakPassphraseException.class).hasMessageContaining("common");
        assertThat(home).doesNotExist();
    }

    @Test
    void dataFolderIsOwnerOnlyAndFilesAre0600() throws IOException {
        Path home = tmp.resolve("a/b/home");
        try (Store s = StoreTestSupport.newStore(home)) {
            s.onboardings().create("x", false).setApiSecret("abc def ghi".toCharArray());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
        }
        try (Stream<Path> files = Files.list(home)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                        .as(f.getFileName().toString()).isEqualTo("rw-------");
            }
        }
        try (Store s = StoreTestSupport.reopen(home)) {
            assertThat(s.home()).isEqualTo(home.toAbsolutePath());
        }
        try (Stream<Path> files = Files.list(home)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                        .as(f.getFileName().toString()).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void existingDataFolderIsTightenedTo0700() throws IOException {
        Path home = tmp.resolve("home");
        Files.createDirectories(home);
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        StoreTestSupport.newStore(home).close();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
    }

    @Test
    void schemaFromANewerVersionIsRefusedAndKept() throws Exception {
        Path home = tmp.resolve("home");
        StoreTestSupport.newStore(home).close();
        // simulate a newer application: one more migration applied
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + home.resolve(Store.DB_NAME)
                + ";IFEXISTS=TRUE", "atlas", "");
             PreparedStatement ps = c.prepareStatement("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", "
                     + "\"version\", \"description\", \"type\", \"script\", \"checksum\", \"installed_by\", "
                     + "\"execution_time\", \"success\") VALUES (99, '" + (Store.SCHEMA_VERSION + 1) + "', 'future', "
                     + "'SQL', 'V9__future.sql', 0, 'atlas', 0, TRUE)")) {
            ps.executeUpdate();
        }
        Files.delete(home.resolve(StoreState.FILE)); // the other version closed it; our fingerprint is stale
        Map<String, String> before = StoreTestSupport.snapshot(home);
        assertThatThrownBy(() -> StoreTestSupport.reopen(home)).isInstanceOf(StoreUnreadableException.class)
                .hasMessageContaining("newer version").hasMessageContaining("kept untouched");
        assertThat(StoreTestSupport.snapshot(home)).isEqualTo(before);
    }

    @Test
    void schemaVersionConstantMatchesTheLastMigration() throws Exception {
        Path dir = Path.of("src/main/resources/db/migration");
        int max = 0;
        Pattern p = Pattern.compile("V(\\d+)__.*\\.sql");
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                Matcher m = p.matcher(f.getFileName().toString());
                if (m.matches()) {
                    max = Math.max(max, Integer.parseInt(m.group(1)));
                }
            }
        }
        assertThat(max).isEqualTo(Store.SCHEMA_VERSION);
    }

    @Test
    void ciphertextMovedToAnotherRowDoesNotDecrypt() throws Exception {
        Path home = tmp.resolve("home");
        long a;
        long b;
        try (Store s = StoreTestSupport.newStore(home)) {
            Onboarding oa = s.onboardings().create("a", false);
            oa.setApiSecret("secret of a!".toCharArray());
            Onboarding ob = s.onboardings().create("b", false);
            ob.setApiSecret("secret of b!".toCharArray());
            a = oa.getId();
            b = ob.getId();
        }
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + home.resolve(Store.DB_NAME)
                + ";IFEXISTS=TRUE", "atlas", "");
             PreparedStatement ps = c.prepareStatement("UPDATE onboarding SET api_secret_enc = "
                     + "(SELECT api_secret_enc FROM onboarding WHERE id = ?) WHERE id = ?")) {
            ps.setLong(1, a);
            ps.setLong(2, b);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        Files.delete(home.resolve(StoreState.FILE));
        try (Store s = StoreTestSupport.reopen(home)) {
            Onboarding ob = s.onboardings().load(b);
            assertThatThrownBy(ob::getApiSecret).isInstanceOf(StoreException.class)
                    .hasMessageContaining("integrity check");
            Secrets.assertSameSecret("secret of a!", new String(s.onboardings().load(a).getApiSecret()),
                    "s.onboardings().load(a).getApiSecret()");
        }
    }

    @Test
    void passphraseChangeReWrapsTheKeyAndKeepsTheData() throws IOException {
        Path home = tmp.resolve("home");
        char[] next = "violet tundra marble 77 kite".toCharArray();
        try (Store s = StoreTestSupport.newStore(home)) {
            s.onboardings().create("x", false).setApiSecret("kept secret".toCharArray());
            Map<String, String> before = StoreTestSupport.snapshot(home);
            assertThatThrownBy(() -> s.changePassphrase("not the current one".toCharArray(), next.clone(),
                    StoreTestSupport.FAST_KDF)).isInstanceOf(WrongPassphraseException.class);
            assertThatThrownBy(() -> s.changePassphrase(StoreTestSupport.PASS.clone(), "short".toCharArray(),
                    StoreTestSupport.FAST_KDF)).isInstanceOf(WeakPassphraseException.class);
            assertThat(StoreTestSupport.snapshot(home).get(Store.VAULT_FILE)).isEqualTo(before.get(Store.VAULT_FILE));
            s.changePassphrase(StoreTestSupport.PASS.clone(), next.clone(), StoreTestSupport.FAST_KDF);
            assertThat(StoreTestSupport.snapshot(home).get(Store.VAULT_FILE)).isNotEqualTo(before.get(Store.VAULT_FILE));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(Store.VAULT_FILE))))
                    .isEqualTo("rw-------");
        }
        assertThatThrownBy(() -> StoreTestSupport.reopen(home)).isInstanceOf(WrongPassphraseException.class);
        try (Store s = Store.open(home, next.clone())) {
            long id = s.onboardings().list().get(0).id();
            Secrets.assertSameSecret("kept secret".toCharArray(), s.onboardings().load(id).getApiSecret(),
                    "s.onboardings().load(id).getApiSecret()");
        }
    }

    @Test
    void toStringsCarryNoSecrets() {
        try (Store s = StoreTestSupport.newStore(tmp.resolve("home"))) {
            Onboarding o = s.onboardings().create("x", false);
            o.setApiSecret("TOPSECRET-123".toCharArray());
            o.setKeyPassword("TOPSECRET-456".toCharArray());
            Secrets.assertAbsent(o.toString(), "Onboarding.toString()", "TOPSECRET");
            Secrets.assertAbsent(s.toString(), "Store.toString()", "TOPSECRET");
            ProviderSecrets ps = ProviderSecrets.of("TOPSECRET-1".toCharArray(), "TOPSECRET-2".toCharArray(), null);
            Secrets.assertAbsent(ps.toString(), "ProviderSecrets.toString()", "TOPSECRET");
            ProviderRecord r = s.providers().save(ProviderRecord.builder().name("p").apiKey("k").build(), ps);
            Secrets.assertAbsent(r.toString(), "ProviderRecord.toString()", "TOPSECRET");
            Secrets.assertAbsent(new io.atlasonboard.core.onboarding.ApiCredentials("k", "TOPSECRET-9".toCharArray())
                    .toString(), "ApiCredentials.toString()", "TOPSECRET");
        }
    }
}
