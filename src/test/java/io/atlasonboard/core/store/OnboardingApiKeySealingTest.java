package io.atlasonboard.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.core.onboarding.Onboarding;
import io.atlasonboard.core.onboarding.OnboardingField;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The onboarding draft's API key is sealed (V44, like the provider's in V41); a key that a store from before schema
 * 44 kept in the clear column is sealed when the store is opened and still reads the same.
 */
class OnboardingApiKeySealingTest {
    @TempDir
    Path tmp;

    @Test
    void newKeysAreSealedAndAClearKeyFromAnOlderStoreIsSealedOnOpen() throws Exception {
        Path home = tmp.resolve("home");
        long id;
        long empty;
        try (Store s = StoreTestSupport.newStore(home)) {
            Onboarding o = s.onboardings().create("draft", false);
            id = o.getId();
            o.setApiKey("Onb-NewKey-1");
            assertThat(raw(s, id)).isEqualTo(new Object[] {null, true});
            assertThat(o.has(OnboardingField.API_KEY)).isTrue();
            empty = s.onboardings().create("no key yet", false).getId();
            // as schema 41..43 wrote it: the key in clear, nothing sealed
            s.db().tx(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE onboarding SET api_key='OnbLegacyKey-Clear-43', api_key_enc=NULL WHERE id=?")) {
                    ps.setLong(1, id);
                    return ps.executeUpdate();
                }
            });
        }
        try (Store s = StoreTestSupport.reopen(home)) {
            assertThat(raw(s, id)).as("sealed on open, clear column emptied").isEqualTo(new Object[] {null, true});
            assertThat(raw(s, empty)).isEqualTo(new Object[] {null, false});
            Onboarding o = s.onboardings().load(id);
            assertThat(o.getApiKey()).isEqualTo("OnbLegacyKey-Clear-43");
            assertThat(s.onboardings().load(empty).getApiKey()).isNull();
            assertThat(s.onboardings().sealClearApiKeys()).isZero();
            o.setApiKey(null);
            assertThat(raw(s, id)).isEqualTo(new Object[] {null, false});
            o.setApiKey("Onb-After-Reopen-2");
        }
        // the sealed key is no longer in any file in clear (the old clear value was overwritten and compacted away)
        try (Stream<Path> files = Files.walk(home)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                byte[] data = Files.readAllBytes(p);
                for (String key : new String[] {"Onb-NewKey-1", "Onb-After-Reopen-2"}) {
                    assertThat(SecretsOnDiskTest.indexOf(data, key.getBytes(StandardCharsets.UTF_8)))
                            .as("API key in %s", home.relativize(p)).isNegative();
                }
            }
        }
        try (Store s = StoreTestSupport.reopen(home)) {
            assertThat(s.onboardings().load(id).getApiKey()).isEqualTo("Onb-After-Reopen-2");
        }
    }

    /** {clear api_key column, whether api_key_enc is set} */
    private static Object[] raw(Store s, long id) {
        return s.db().tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT api_key, api_key_enc FROM onboarding WHERE id=?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Object[] {rs.getString(1), rs.getBytes(2) != null};
                }
            }
        });
    }
}
