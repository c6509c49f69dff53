package io.atlasonboard.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.core.onboarding.Onboarding;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreSmokeTest {
    @TempDir
    Path tmp;

    @Test
    void createWriteCloseReopen() throws Exception {
        Path home = tmp.resolve("home");
        long id;
        try (Store s = StoreTestSupport.newStore(home)) {
            Onboarding o = s.onboardings().create("First", true);
            o.setApiKey("key-1");
            o.setApiSecret("s3cr3t-value".toCharArray());
            o.setDomains(List.of("a.example", "b.example"));
            id = o.getId();
        }
        System.out.println(StoreTestSupport.snapshot(home));
        try (Store s = StoreTestSupport.reopen(home)) {
            Onboarding o = s.onboardings().load(id);
            assertThat(o.getApiKey()).isEqualTo("key-1");
            assertThat(new String(o.getApiSecret())).isEqualTo("s3cr3t-value");
            assertThat(o.getDomains()).containsExactly("a.example", "b.example");
        }
    }
}
