package io.atlasonboard.ui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The UI's file reads: a FIFO, a folder or an oversized file is refused in words, never read or waited on. */
@Timeout(30)
class SafeFilesTest {
    @TempDir
    Path dir;

    @Test
    void readsARegularFileWithinTheLimit() throws Exception {
        Path f = Files.write(dir.resolve("ok.pem"), new byte[] {1, 2, 3});
        assertThat(SafeFiles.read(f, 3)).containsExactly(1, 2, 3);
    }

    @Test
    void refusesAFifoAFolderAndAnOversizedFile() throws Exception {
        Path fifo = dir.resolve("pipe");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        // without the check this read would block for ever: nobody writes to the pipe
        assertThatThrownBy(() -> SafeFiles.read(fifo, 1024)).isInstanceOf(IOException.class)
                .hasMessageContaining("is not a regular file");
        assertThatThrownBy(() -> SafeFiles.read(dir, 1024)).isInstanceOf(IOException.class)
                .hasMessageContaining("is not a regular file");
        Path big = Files.write(dir.resolve("big.p12"), new byte[5000]);
        assertThatThrownBy(() -> SafeFiles.read(big, 4096)).isInstanceOf(IOException.class)
                .hasMessageContaining("too large");
    }
}
