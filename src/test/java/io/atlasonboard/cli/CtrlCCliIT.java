package io.atlasonboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.claims.ClaimService;
import io.atlasonboard.core.store.DomainClaimRecord;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.sim.SimulatorConfig;
import io.atlasonboard.sim.ValidationPolicies;
import io.atlasonboard.testing.SimProviderFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C as a user presses it: the product jar runs {@code dns verify --wait 5m} against the simulator, whose check
 * never finishes in time (a 10-minute check delay), printing its "waiting for" lines; SIGINT arrives mid-wait. The
 * process says what it stopped, exits 130 within seconds, the store was closed cleanly (its state file says so) and
 * reopens with the claim intact.
 */
@Timeout(240)
class CtrlCCliIT {
    @TempDir
    Path tmp;

    @Test
    void ctrlCDuringAWaitStopsItClosesTheStoreAndExits130() throws Exception {
        String domain = "ctrlc.example.com";
        try (SimProviderFixture fx = SimProviderFixture.start(SimulatorConfig.defaults()
                .claimCheckDelay(Duration.ofMinutes(10)), ValidationPolicies.tls(), IntendedUse.TLS, "sim", tmp)) {
            String claimId;
            try (AtlasClient c = fx.client(0, null)) {
                claimId = new ClaimService(fx.store(), fx.provider, c).claim(domain).claim().claimId();
                c.createClaim("orphan.example.com"); // made at GlobalSign, never saved here
            }
            fx.closeStore();

            Path out = tmp.resolve("out.txt");
            Path err = tmp.resolve("err.txt");
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Djava.awt.headless=true", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
                    System.getProperty("atlas.test.jar", "target/atlas-onboard.jar"),
                    "--home", fx.home.toString(), "--passphrase-file", fx.passphraseFile.toString(),
                    "dns", "verify", "--provider", "sim", "--wait", "5m", domain));
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (!read(err).contains("waiting for GlobalSign to verify " + domain) && p.isAlive()
                        && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertThat(read(err)).as("progress while waiting; stdout: " + read(out))
                        .contains("waiting for GlobalSign to verify " + domain + ": ").contains(" of 5 min");
                assertThat(p.isAlive()).isTrue();

                long t0 = System.nanoTime();
                Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
                assertThat(kill.waitFor()).isZero();
                assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("ended after Ctrl-C; stderr: " + read(err)).isTrue();
                long ms = (System.nanoTime() - t0) / 1_000_000;

                String e = read(err);
                assertThat(p.exitValue()).as(e).isEqualTo(130);
                assertThat(ms).as("ms from SIGINT to exit").isLessThan(10_000);
                assertThat(e).contains("Stopping dns verify (Ctrl-C)")
                        .contains("Cancelled (Ctrl-C): dns verify was stopped")
                        .contains("The store was closed; what was saved before stays saved.")
                        .doesNotContain("Exception").doesNotContain("\tat ");
                System.out.println("CTRL-C dns verify: exit " + p.exitValue() + " after " + ms + " ms; stderr:\n" + e);
            } finally {
                p.destroyForcibly();
            }
            assertThat(Files.readString(fx.home.resolve("atlas.state.json"))).as("closed cleanly")
                    .contains("\"cleanClose\":true");
            // the CLI opens it again; dns status imports the orphan and marks it adopted, the other one not
            io.atlasonboard.testing.ProcessRun st = io.atlasonboard.testing.ProcessRun.atlas("--home",
                    fx.home.toString(), "--passphrase-file", fx.passphraseFile.toString(), "dns", "status",
                    "--provider", "sim");
            assertThat(st.exit).as(st.toString()).isZero();
            assertThat(st.out).containsPattern("orphan\\.example\\.com .*\\n    adopted from GlobalSign ")
                    .doesNotContainPattern("ctrlc\\.example\\.com .*\\n    adopted");
            try (Store again = Store.open(fx.home, SimProviderFixture.PASSPHRASE.toCharArray())) {
                List<DomainClaimRecord> claims = again.domainClaims().findByDomain(fx.provider.id(), domain);
                assertThat(claims).extracting(DomainClaimRecord::claimId).containsExactly(claimId);
            }
        }
    }

    private static String read(Path f) throws Exception {
        return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
    }
}
