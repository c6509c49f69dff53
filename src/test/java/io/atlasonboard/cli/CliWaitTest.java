package io.atlasonboard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CliWaitTest {
    @Test
    void durationsAsUsersWriteThem() {
        assertThat(CliWait.parse("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(CliWait.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(CliWait.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(CliWait.parse("2m30s")).isEqualTo(Duration.ofSeconds(150));
        assertThat(CliWait.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(CliWait.parse("1500ms")).isEqualTo(Duration.ofMillis(1500));
        assertThat(CliWait.parse("0")).isZero();
        assertThatThrownBy(() -> CliWait.parse("soon")).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("not a duration");
        assertThatThrownBy(() -> CliWait.parse("25h")).hasMessageContaining("longer than 24 hours");
        assertThatThrownBy(() -> CliWait.parse("-5")).hasMessageContaining("not a duration");
    }

    @Test
    void wordsAndNames() {
        assertThat(CliWait.words(Duration.ofSeconds(12))).isEqualTo("12 s");
        assertThat(CliWait.words(Duration.ofMinutes(5))).isEqualTo("5 min");
        assertThat(CliWait.words(Duration.ofSeconds(3700))).isEqualTo("1 h 1 min");
        assertThat(CliWait.names(List.of("a.com", "b.com", "c.com", "d.com"))).isEqualTo("a.com, b.com and 2 more");
    }

    @Test
    void theCommandNameSkipsOptionsAndValues() {
        CommandLine cl = Cli.commandLine();
        assertThat(CliCancellation.commandName(cl, new String[] {"--home", "/x", "dns", "verify", "--provider", "p",
                "status"})).isEqualTo("dns verify");
        assertThat(CliCancellation.commandName(cl, new String[] {"--help"})).isEmpty();
    }
}
