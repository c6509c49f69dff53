package io.atlasonboard.core.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.atlasonboard.core.atlas.AtlasConnectionConfig;
import io.atlasonboard.core.store.IntendedUse;

/** The administrator's presets file, read from real files; malformed files are ignored with a message. */
class PresetsTest {
    @TempDir
    Path dir;

    private Path file(String content) throws Exception {
        return Files.writeString(dir.resolve("presets.properties"), content);
    }

    @Test
    void readsEveryKeyWithCommentsAndBlankLines() throws Exception {
        Path f = file("""
                # Example Corp rollout
                api.url = https://atlas.proxy.example:9443/
                ! another comment style

                proxy.host=proxy.example
                proxy.port=3128
                intended.use=smime
                lock.api.url=true
                """);
        Presets p = Presets.load(Map.of(Presets.ENV, f.toString()));
        assertThat(p.problem()).isEmpty();
        assertThat(p.source()).contains(f);
        assertThat(p.apiUrl()).contains("https://atlas.proxy.example:9443/v2");
        assertThat(p.apiUrlOrDefault()).isEqualTo("https://atlas.proxy.example:9443/v2");
        assertThat(p.proxyHost()).contains("proxy.example");
        assertThat(p.proxyPort()).contains(3128);
        assertThat(p.intendedUse()).contains(IntendedUse.SMIME);
        assertThat(p.apiUrlLocked()).isTrue();
    }

    @Test
    void absentSystemFileMeansNoPresetsAndNoMessage() {
        Presets p = Presets.load(Map.of());
        // this machine has no /etc/atlas-onboard/presets.properties unless an administrator put one there
        if (!Files.exists(Presets.SYSTEM_FILE)) {
            assertThat(p.problem()).isEmpty();
            assertThat(p.source()).isEmpty();
            assertThat(p.apiUrlOrDefault()).isEqualTo(AtlasConnectionConfig.DEFAULT_API_URL);
        }
        assertThat(Presets.location(Map.of())).isEqualTo(Presets.SYSTEM_FILE);
        assertThat(Presets.location(Map.of(Presets.ENV, "/x/p.properties"))).isEqualTo(Path.of("/x/p.properties"));
    }

    @Test
    void missingFileNamedByTheEnvironmentIsReported() {
        Path f = dir.resolve("nope.properties");
        Presets p = Presets.load(Map.of(Presets.ENV, f.toString()));
        assertThat(p.problem()).hasValueSatisfying(m -> assertThat(m).contains(f.toString())
                .contains("does not exist").contains("built-in defaults"));
        assertThat(p.apiUrl()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "api.url=https://a.example/v2\\nthis line has no equals sign | line 2 is not a setting: expected key=value",
        "proxy.hostname=p.example | line 1 has the unknown key 'proxy.hostname': expected one of api.url, proxy.host",
        "api.url=http://plain.example | line 1 (api.url): expected the HVCA API URL, an https:// address",
        "proxy.host=p.example\\nproxy.port=99999 | line 2 (proxy.port): expected a port number from 1 to 65535",
        "proxy.host=p.example\\nproxy.port=abc | line 2 (proxy.port): expected a port number",
        "proxy.host=p.example:3128 | line 1 (proxy.host): expected a host name or address without port",
        "#\\n\\nproxy.host=p.example | line 3 (proxy.host): expected proxy.host and proxy.port together",
        "intended.use=code-signing | line 1 (intended.use): expected TLS or SMIME",
        "lock.api.url=yes | line 1 (lock.api.url): expected true or false",
        "lock.api.url=true | line 1 (lock.api.url): expected an api.url line to lock",
        "api.url=https://a.example\\napi.url=https://b.example | line 2 sets api.url again (first set on line 1)",
    })
    void malformedFileIsIgnoredWithLineAndExpectation(String content, String message) throws Exception {
        Path f = file(content.replace("\\n", "\n"));
        Presets p = Presets.read(f);
        assertThat(p.problem()).hasValueSatisfying(m -> assertThat(m)
                .startsWith("The administrator's presets in " + f + " are ignored, built-in defaults apply: ")
                .contains(message));
        assertThat(p.apiUrl()).isEmpty();
        assertThat(p.apiUrlOrDefault()).isEqualTo(AtlasConnectionConfig.DEFAULT_API_URL);
        assertThat(p.proxyHost()).isEmpty();
        assertThat(p.proxyPort()).isEmpty();
        assertThat(p.intendedUse()).isEmpty();
        assertThat(p.apiUrlLocked()).isFalse();
    }

    @Test
    void valuesAreNotEchoedInMessages() throws Exception {
        Path f = file("proxy.password=Sup3rSecretValue\n");
        assertThat(Presets.read(f).problem()).hasValueSatisfying(m -> assertThat(m)
                .contains("proxy.password").doesNotContain("Sup3rSecretValue"));
    }

    @Test
    void notUtf8OrUnreadableIsReportedNotThrown() throws Exception {
        Path f = Files.write(dir.resolve("latin1.properties"),
                "proxy.host=m\u00fcnchen.example\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(Presets.read(f).problem()).hasValueSatisfying(m -> assertThat(m).contains("not UTF-8"));
        assertThat(Presets.read(dir).problem()).hasValueSatisfying(m -> assertThat(m).contains("cannot be read"));
    }
}
