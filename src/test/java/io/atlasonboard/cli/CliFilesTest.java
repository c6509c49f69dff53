package io.atlasonboard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atlasonboard.core.pki.BoundedFiles;

/** The password-file reader: files, {@code -} for standard input, and its refusals. */
class CliFilesTest {
    @TempDir
    Path dir;

    private static InputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheFirstLineOfAFile() throws Exception {
        Path f = Files.writeString(dir.resolve("k.txt"), "key-ÄÖ-123\r\nsecond line\n");
        assertThat(CliFiles.readPassword(f, "API key", in("unused"))).containsExactly("key-ÄÖ-123".toCharArray());
    }

    @Test
    void dashReadsOnlyTheFirstLineOfStandardInput() throws Exception {
        InputStream stdin = in("from-stdin-42\nrest");
        assertThat(CliFiles.readPassword(Path.of("-"), "API key", stdin))
                .containsExactly("from-stdin-42".toCharArray());
        assertThat(new String(stdin.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("rest");
        assertThat(CliFiles.readPassword(Path.of("-"), "API key", in("no-newline")))
                .containsExactly("no-newline".toCharArray());
        assertThat(CliFiles.isStdin(Path.of("-"))).isTrue();
        assertThat(CliFiles.isStdin(Path.of("./-"))).isFalse();
        assertThat(CliFiles.isStdin(null)).isFalse();
    }

    @Test
    void emptyStandardInputIsRefusedInWords() {
        assertThatThrownBy(() -> CliFiles.readPassword(Path.of("-"), "API key (--api-key-file)", in("")))
                .isInstanceOf(CliException.class).hasMessageContaining("API key (--api-key-file)")
                .hasMessageContaining("standard input").hasMessageContaining("empty");
        assertThatThrownBy(() -> CliFiles.readPassword(Path.of("-"), "API key", in("\nsecond")))
                .isInstanceOf(CliException.class).hasMessageContaining("empty");
    }

    @Test
    void tooLongStandardInputIsRefusedWithoutEchoingIt() {
        String longLine = "x".repeat(BoundedFiles.MAX_PASSWORD_BYTES + 1);
        assertThatThrownBy(() -> CliFiles.readPassword(Path.of("-"), "API key", in(longLine)))
                .isInstanceOf(CliException.class).hasMessageContaining("longer than")
                .message().doesNotContain("xxxx");
    }

    @Test
    void missingEmptyAndNonUtf8FilesAreRefusedInWords() throws Exception {
        Path missing = dir.resolve("missing.txt");
        assertThatThrownBy(() -> CliFiles.readPassword(missing, "API key", in("")))
                .isInstanceOf(CliException.class).hasMessageContaining("does not exist")
                .hasMessageContaining(missing.toString());
        Path empty = Files.writeString(dir.resolve("empty.txt"), "");
        assertThatThrownBy(() -> CliFiles.readPassword(empty, "API key", in("")))
                .isInstanceOf(CliException.class).hasMessageContaining("is empty");
        Path latin1 = Files.write(dir.resolve("latin1.txt"), new byte[] {'a', (byte) 0xC4, 'b', '\n'});
        assertThatThrownBy(() -> CliFiles.readPassword(latin1, "API key", in("")))
                .isInstanceOf(CliException.class).hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> CliFiles.readPassword(dir, "API key", in("")))
                .isInstanceOf(CliException.class);
    }
}
