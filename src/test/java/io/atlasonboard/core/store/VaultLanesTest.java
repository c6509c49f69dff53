package io.atlasonboard.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.atlasonboard.testing.Secrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Argon2id lanes follow the cores: lanes are part of the key, and a vault written with one
 * lane (before this change) still unlocks and is re-wrapped for this machine's lanes, with its data untouched.
 */
class VaultLanesTest {

    @TempDir
    Path tmp;

    @Test
    void lanesChangeTheKeyAndEachLaneCountDerivesTheSameKeyEveryTime() {
        byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        Set<String> keys = new HashSet<>();
        for (int lanes : new int[] {1, 2, 3, 4}) {
            KdfParams p = new KdfParams(KdfParams.ARGON2ID, 4096, 2, lanes);
            byte[] first = Vault.derive(StoreTestSupport.PASS.clone(), p, salt);
            assertThat(Vault.derive(StoreTestSupport.PASS.clone(), p, salt)).as("lanes " + lanes).isEqualTo(first);
            keys.add(java.util.HexFormat.of().formatHex(first));
        }
        assertThat(keys).as("one key per lane count: lanes are part of the derivation").hasSize(4);
    }

    /**
     * Known answers from the Argon2 reference implementation's command line (Debian package argon2, version 19):
     * {@code echo -n "$PASS" | argon2 0123456789abcdef -id -t T -k M -p P -l 32 -r}. Stores written by any earlier
     * build (one lane, or lanes computed by Password4j) hold keys wrapped under these bytes.
     */
    @Test
    void derivationMatchesTheReferenceImplementation() {
        byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        String[][] cases = {
                {"4096", "2", "1", "6f0f3907e34cea595f80eab6d3647285ef1106692ca57e280de0c41ca6b087c1"},
                {"4096", "2", "2", "b5a78511ce65b0bacea5ad031092c03d33a531b3fc1c57df1cdfa1517830b55d"},
                {"4096", "2", "4", "36d895a61ea3a62a9f5f363fac3951f388cd25cba9c8e02ddade22f5b726fa60"},
                {"65536", "3", "2", "002c982f8721713e258691245cb8f56e7140a70b6945100a4e8d6d8ca52163a9"}}; // the default
        for (String[] c : cases) {
            KdfParams p = new KdfParams(KdfParams.ARGON2ID, Integer.parseInt(c[0]), Integer.parseInt(c[1]),
                    Integer.parseInt(c[2]));
            assertThat(java.util.HexFormat.of().formatHex(Vault.derive(StoreTestSupport.PASS.clone(), p, salt)))
                    .as("m=%s t=%s p=%s", c[0], c[1], c[2]).isEqualTo(c[3]);
        }
    }

    @Test
    void preferredKeepsMemoryAndPassesAndUsesTheCores() {
        KdfParams p = KdfParams.preferred();
        assertThat(p.memoryKiB()).isEqualTo(64 * 1024);
        assertThat(p.iterations()).isEqualTo(3);
        assertThat(p.parallelism()).isEqualTo(Math.min(KdfParams.MAX_LANES,
                Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void oneLaneVaultUnlocksAndIsReWrappedWithoutReEncryptingData() throws IOException {
        assumeTrue(KdfParams.preferred().parallelism() > 1, "one core: nothing to migrate");
        Path home = tmp.resolve("home");
        long id;
        try (Store s = Store.create(home, StoreTestSupport.PASS.clone(), KdfParams.DEFAULT)) { // the old format
            s.onboardings().create("x", false).setApiSecret("kept secret".toCharArray());
            id = s.onboardings().list().get(0).id();
        }
        assertThat(kdf(home).get("parallelism").getAsInt()).isEqualTo(1);
        Map<String, String> before = StoreTestSupport.snapshot(home);

        assertThatThrownBy(() -> Store.open(home, "not the passphrase at all 99".toCharArray()))
                .isInstanceOf(WrongPassphraseException.class);
        assertThat(kdf(home).get("parallelism").getAsInt()).as("a wrong passphrase migrates nothing").isEqualTo(1);

        try (Store s = StoreTestSupport.reopen(home)) {
            Secrets.assertSameSecret("kept secret".toCharArray(), s.onboardings().load(id).getApiSecret(),
                    "s.onboardings().load(id).getApiSecret()");
        }
        JsonObject after = kdf(home);
        assertThat(after.get("parallelism").getAsInt()).isEqualTo(KdfParams.preferred().parallelism());
        assertThat(after.get("memoryKiB").getAsInt()).isEqualTo(64 * 1024);
        assertThat(after.get("iterations").getAsInt()).isEqualTo(3);
        Map<String, String> migrated = StoreTestSupport.snapshot(home);
        assertThat(migrated.get(Store.VAULT_FILE)).isNotEqualTo(before.get(Store.VAULT_FILE));

        try (Store s = StoreTestSupport.reopen(home)) {
            Secrets.assertSameSecret("kept secret".toCharArray(), s.onboardings().load(id).getApiSecret(),
                    "s.onboardings().load(id).getApiSecret() after migration");
        }
        assertThat(StoreTestSupport.snapshot(home).get(Store.VAULT_FILE)).as("migrated once only")
                .isEqualTo(migrated.get(Store.VAULT_FILE));
    }

    @Test
    void cheaperOrCustomVaultsAreLeftAsTheyAre() throws IOException {
        Path home = tmp.resolve("fast");
        try (Store s = StoreTestSupport.newStore(home)) {
            s.onboardings().create("x", false);
        }
        String header = Files.readString(home.resolve(Store.VAULT_FILE));
        try (Store s = StoreTestSupport.reopen(home)) {
            assertThat(s.onboardings().list()).hasSize(1);
        }
        assertThat(Files.readString(home.resolve(Store.VAULT_FILE))).isEqualTo(header);
    }

    private static JsonObject kdf(Path home) throws IOException {
        return JsonParser.parseString(Files.readString(home.resolve(Store.VAULT_FILE))).getAsJsonObject()
                .getAsJsonObject("kdf");
    }
}
