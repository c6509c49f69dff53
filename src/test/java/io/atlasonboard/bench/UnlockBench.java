package io.atlasonboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.atlasonboard.core.store.Store;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** Unlocking the store (Argon2id 64 MiB × 3 with lanes = cores, H2 open, checks) and closing it again. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class UnlockBench {

    private static final String PASS = "correct horse battery staple 42";
    private Path home;

    @Setup(Level.Trial)
    public void create() throws IOException {
        home = Files.createTempDirectory("atlas-bench-store").resolve("home");
        Store.create(home, PASS.toCharArray()).close();
    }

    @Benchmark
    public void unlockAndClose() {
        Store.open(home, PASS.toCharArray()).close();
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        try (var s = Files.walk(home.getParent())) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
