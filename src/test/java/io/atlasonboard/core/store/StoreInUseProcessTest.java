package io.atlasonboard.core.store;

import io.atlasonboard.testing.Secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real second processes: a store held by another process is reported as in use (not as damaged) and nothing is
 * written; a change made just before the process is killed (no close) is there after a restart.
 */
class StoreInUseProcessTest {
    @TempDir
    Path tmp;

    @Test
    void secondProcessIsToldTheStoreIsInUseAndChangesNothing() throws Exception {
        Path home = tmp.resolve("home");
        try (Store s = StoreTestSupport.newStore(home)) {
            s.onboardings().create("held", false);
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process holder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                StoreHolderMain.class.getName(), home.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            String first = out.readLine();
            assertThat(first).as("holder process output").isEqualTo("holding 1");
            Map<String, String> before = StoreTestSupport.snapshot(home);
            assertThatThrownBy(() -> StoreTestSupport.reopen(home)).isInstanceOf(StoreInUseException.class)
                    .hasMessageContaining("in use by another");
            assertThat(StoreTestSupport.snapshot(home)).isEqualTo(before);
            holder.getOutputStream().close();
            assertThat(out.readLine()).isEqualTo("closed");
            assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(holder.exitValue()).isZero();
        } finally {
            holder.destroyForcibly();
        }
        // once released, it opens normally
        try (Store s = StoreTestSupport.reopen(home)) {
            assertThat(s.onboardings().list()).hasSize(1);
        }
    }

    @Test
    void aChangeSurvivesTheProcessBeingKilledRightAfterTheSetterReturned() throws Exception {
        Path home = tmp.resolve("home");
        long id;
        try (Store s = StoreTestSupport.newStore(home)) {
            id = s.onboardings().create("killed", false).getId();
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process writer = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                StoreHolderMain.class.getName(), home.toString(), "write", String.valueOf(id))
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).as("writer process output").isEqualTo("written");
        } finally {
            writer.destroyForcibly(); // SIGKILL: no shutdown hook, no close
            writer.waitFor(60, TimeUnit.SECONDS);
        }
        try (Store s = StoreTestSupport.reopen(home)) {
            io.atlasonboard.core.onboarding.Onboarding o = s.onboardings().load(id);
            assertThat(o.getStep()).isEqualTo(3);
            assertThat(o.getApiKey()).isEqualTo("written-before-kill");
            Secrets.assertSameSecret("secret-before-kill".toCharArray(), o.getApiSecret(), "o.getApiSecret()");
        }
    }
}
