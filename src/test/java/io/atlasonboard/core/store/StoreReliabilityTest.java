package io.atlasonboard.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.reliability.Figures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes racing for one data folder and being killed mid-way (the OS lock and the creation protocol are only
 * meaningful across processes). Few rounds in the normal build, many under {@code -Preliability}; each test prints its
 * figure.
 */
class StoreReliabilityTest {
    @TempDir
    Path tmp;

    private static final Random RANDOM = new Random();

    @Test
    void processesCreatingAtOnceOnAnEmptyFolderLeaveExactlyOneStore() throws Exception {
        int rounds = Figures.rounds(1, 10);
        int procs = Figures.rounds(3, 4);
        int good = 0;
        for (int r = 0; r < rounds; r++) {
            Path home = tmp.resolve("race" + r);
            List<Process> ps = new ArrayList<>();
            for (int i = 0; i < procs; i++) {
                ps.add(start("create", home.toString(), "1500"));
            }
            int winners = 0;
            int clear = 0;
            List<String> others = new ArrayList<>();
            for (Process p : ps) {
                String out = drain(p);
                if (out.startsWith("created")) {
                    winners++;
                } else if (out.contains("in use by another Atlas Onboard")
                        || out.startsWith("refused: StoreExistsException")) {
                    clear++;
                } else {
                    others.add(out);
                }
            }
            assertThat(others).as("unclear outcomes in round " + r).isEmpty();
            assertThat(winners).as("winners in round " + r).isEqualTo(1);
            assertThat(clear).isEqualTo(procs - 1);
            assertThat(drain(start("open", home.toString()))).isEqualTo("opened 0");
            assertOwnerOnly(home);
            good++;
        }
        Figures.print("concurrent creation", good + "/" + rounds + " rounds of " + procs
                + " processes at once on an empty folder: exactly one store, the others told 'in use by another "
                + "Atlas Onboard (pid N)' or 'already exists'");
    }

    @Test
    void processesOpeningAnExistingStoreAtOnceGetOneWinnerAndClearRefusals() throws Exception {
        Path home = tmp.resolve("existing");
        StoreTestSupport.newStore(home).close();
        int rounds = Figures.rounds(1, 10);
        int procs = Figures.rounds(3, 4);
        int good = 0;
        for (int r = 0; r < rounds; r++) {
            List<Process> ps = new ArrayList<>();
            for (int i = 0; i < procs; i++) {
                ps.add(start("open", home.toString()));
            }
            int opened = 0;
            List<String> others = new ArrayList<>();
            for (Process p : ps) {
                String out = drain(p);
                if (out.equals("opened 0")) {
                    opened++;
                } else if (!out.contains("in use by another Atlas Onboard")) {
                    // the pid is named when the holder still holds the lock while it is read; one that is closing
                    // has already emptied the lock file, then the message has no pid
                    others.add(out);
                }
            }
            assertThat(others).as("unclear outcomes").isEmpty();
            assertThat(opened).isGreaterThanOrEqualTo(1);
            good++;
        }
        assertThat(drain(start("open", home.toString()))).isEqualTo("opened 0");
        Figures.print("concurrent opening", good + "/" + rounds + " rounds of " + procs
                + " processes opening one store: store intact, every refusal 'in use by another Atlas Onboard'");
    }

    @Test
    void killedDuringCreationTheNextCreationWorks() throws Exception {
        int rounds = Figures.rounds(2, 20);
        int good = 0;
        int interrupted = 0;
        for (int r = 0; r < rounds; r++) {
            Path home = tmp.resolve("kill" + r);
            Process p = start("create-announce", home.toString());
            BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("begin");
            Thread.sleep(RANDOM.nextInt(4000)); // somewhere inside Store.create (KDF, database, migrations, header)
            p.destroyForcibly();
            p.waitFor(60, TimeUnit.SECONDS);
            if (StoreCreation.halfMade(home)) {
                interrupted++;
            }
            // the next run: a complete store opens, anything else is created afresh
            String out = Store.exists(home) ? drain(start("open", home.toString()))
                    : drain(start("create", home.toString()));
            assertThat(out).as("after kill in round " + r).isIn("opened 0", "created");
            assertThat(drain(start("open", home.toString()))).isEqualTo("opened 0");
            good++;
        }
        Figures.print("crash during creation", good + "/" + rounds + " kill -9 rounds reopen (" + interrupted
                + " of them interrupted a creation, cleared by the next one)");
    }

    @Test
    void killedWhileWritingNothingCommittedIsLost() throws Exception {
        Path home = tmp.resolve("writes");
        StoreTestSupport.newStore(home).close();
        int rounds = Figures.rounds(1, 15);
        int good = 0;
        long committedTotal = 0;
        for (int r = 0; r < rounds; r++) {
            Process p = start("write", home.toString());
            BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            List<String> committed = new ArrayList<>();
            long stopAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2500 + RANDOM.nextInt(2000));
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("committed ")) {
                    committed.add(line.substring(10));
                } else {
                    break;
                }
                if (System.nanoTime() > stopAt && !committed.isEmpty()) {
                    break;
                }
            }
            p.destroyForcibly();
            p.waitFor(60, TimeUnit.SECONDS);
            assertThat(committed).as("the writer wrote something").isNotEmpty();
            try (Store s = StoreTestSupport.reopen(home)) {
                List<String> labels = s.onboardings().list().stream().map(o -> o.label()).toList();
                assertThat(labels).containsAll(committed);
                for (var o : s.onboardings().list()) {
                    s.onboardings().delete(o.id());
                }
            }
            committedTotal += committed.size();
            good++;
        }
        Figures.print("crash while writing", good + "/" + rounds + " kill -9 rounds reopen with all " + committedTotal
                + " committed writes there");
    }

    @Test
    void anInterruptedCreationIsExplainedAndClearedByTheNextCreationButNeverAStoreWithoutTheMarker() throws Exception {
        Path home = tmp.resolve("half");
        Files.createDirectories(home);
        // what a creation killed after the database but before vault.json leaves behind
        Files.writeString(home.resolve(StoreCreation.MARKER), "pid 4242\n");
        Files.write(home.resolve(Store.DB_FILE), new byte[] {1, 2, 3});
        Files.writeString(home.resolve(StoreState.FILE), "{}");
        Files.writeString(home.resolve("notes.txt"), "the user's own file");
        assertThat(Store.exists(home)).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StoreTestSupport.reopen(home))
                .isInstanceOf(StoreUnreadableException.class)
                .hasMessageContaining("never completely created")
                .hasMessageContaining("pid 4242")
                .hasMessageContaining("holds no data");
        try (Store s = StoreTestSupport.newStore(home)) {
            assertThat(s.onboardings().list()).isEmpty();
        }
        assertThat(home.resolve("notes.txt")).hasContent("the user's own file");
        assertThat(home.resolve(StoreCreation.MARKER)).doesNotExist();
        // without the marker a database without its vault header is never cleared
        Path other = tmp.resolve("lostvault");
        Files.createDirectories(other);
        Files.write(other.resolve(Store.DB_FILE), new byte[] {1, 2, 3});
        assertThat(Store.exists(other)).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StoreTestSupport.newStore(other))
                .isInstanceOf(StoreExistsException.class);
        assertThat(other.resolve(Store.DB_FILE)).hasBinaryContent(new byte[] {1, 2, 3});
    }

    private static void assertOwnerOnly(Path home) throws IOException {
        try (Stream<Path> s = Files.list(home)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(f)) {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString())
                            .isEqualTo("rw-------");
                }
            }
        }
    }

    private static Process start(String... args) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), StoreRaceMain.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static String drain(Process p) throws Exception {
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("process did not end");
        }
        String s = new String(out, StandardCharsets.UTF_8).strip();
        // only the first line counts; a stack trace would show up as an unclear outcome
        return s.contains("Exception\n\tat") || s.contains("\tat ") ? "stack trace: " + s : s.lines().findFirst()
                .orElse("");
    }
}
