package io.atlasonboard.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A provider's API key is sealed; one that an older version kept in clear is sealed when the store is opened. */
class ApiKeySealingTest {
    @TempDir
    Path tmp;

    @Test
    void aClearApiKeyFromAnOlderStoreIsSealedOnOpenAndStillReadsTheSame() throws Exception {
        Path home = tmp.resolve("home");
        long id;
        try (Store s = StoreTestSupport.newStore(home)) {
            id = s.providers().save(ProviderRecord.builder().name("Legacy").apiKey("NewKey-1")
                    .keystore(new byte[] {1}).build(), ProviderSecrets.of("secret".toCharArray(), null, null)).id();
            assertThat(raw(s, id)).isEqualTo(new Object[] {null, true});
            // as schema 40 wrote it: the key in clear, nothing sealed
            s.db().tx(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE provider SET api_key='LegacyKey-Clear-40', api_key_enc=NULL WHERE id=?")) {
                    ps.setLong(1, id);
                    return ps.executeUpdate();
                }
            });
            assertThat(s.providers().get(id).apiKey()).isEqualTo("LegacyKey-Clear-40");
        }
        try (Store s = StoreTestSupport.reopen(home)) {
            assertThat(raw(s, id)).isEqualTo(new Object[] {null, true});
            assertThat(s.providers().get(id).apiKey()).isEqualTo("LegacyKey-Clear-40");
            assertThat(s.providers().sealClearApiKeys()).isZero();
        }
    }

    /** {clear api_key column, whether api_key_enc is set} */
    private static Object[] raw(Store s, long id) {
        return s.db().tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT api_key, api_key_enc FROM provider WHERE id=?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Object[] {rs.getString(1), rs.getBytes(2) != null};
                }
            }
        });
    }
}
