package io.atlasonboard.core.dns;

import io.atlasonboard.testing.Secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

import io.atlasonboard.testing.ProcessRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TsigKeyFileTest {

    @ParameterizedTest
    @ValueSource(strings = {"hmac-sha256", "hmac-sha512", "hmac-sha384", "hmac-sha1", "hmac-md5"})
    void readsWhatTsigKeygenWrites(String alg) {
        ProcessRun gen = ProcessRun.of("tsig-keygen", "-a", alg, "k-" + alg);
        assertThat(gen.exit).as("tsig-keygen (install bind9-utils; .ci/run does): " + gen.err).isZero();
        TsigKey k = TsigKeyFile.parse(gen.out);
        assertThat(k.name()).isEqualTo("k-" + alg);
        assertThat(k.algorithm()).isEqualTo(alg);
        String secretB64 = gen.out.replaceAll("(?s).*secret \"([^\"]+)\".*", "$1").trim();
        Secrets.assertSameSecret(Base64.getDecoder().decode(secretB64), k.secret(), "parsed TSIG secret");
        assertThat(k.toString()).contains("secret hidden");
        Secrets.assertAbsent(k.toString(), "TsigKey.toString()", secretB64);
        assertThat(k.toTsig()).isNotNull();
    }

    @Test
    void toleratesCommentsUnquotedNamesAndSeveralKeys() {
        String text = "# made by hand\n// another comment\n/* block\n comment */\n"
                + "key ddns-key.example.com {\n  algorithm HMAC-SHA256;\n  secret \"AAECAwQFBgcICQoLDA0ODw==\"; };\n"
                + "key \"second\" { algorithm hmac-sha512; secret \"EBESEw==\"; };\n";
        assertThat(TsigKeyFile.parseAll(text)).hasSize(2);
        TsigKey first = TsigKeyFile.parse(text);
        assertThat(first.name()).isEqualTo("ddns-key.example.com");
        assertThat(first.algorithm()).isEqualTo("hmac-sha256");
        assertThat(first.secret().length).as("TSIG secret length").isEqualTo(16);
        assertThat(TsigKeyFile.parse(text, "second").algorithm()).isEqualTo("hmac-sha512");
    }

    @Test
    void errorsSayWhatIsWrongWithoutTheSecret() {
        assertThatThrownBy(() -> TsigKeyFile.parse("hello")).hasMessageContaining("no TSIG key found")
                .hasMessageContaining("tsig-keygen");
        assertThatThrownBy(() -> TsigKeyFile.parse("key \"k\" { secret \"AAAA\"; };"))
                .hasMessageContaining("no 'algorithm");
        assertThatThrownBy(() -> TsigKeyFile.parse("key \"k\" { algorithm hmac-sha256; secret \"not*base64!!\"; };"))
                .hasMessageContaining("not valid base64")
                .satisfies(e -> Secrets.assertAbsent(e.getMessage(), "TSIG parse error", "not*base64"));
        assertThatThrownBy(() -> TsigKeyFile.parse("key \"k\" { algorithm gss-tsig; secret \"AAAA\"; };"))
                .hasMessageContaining("unsupported TSIG algorithm");
    }

    @Test
    void parsesBytesWithoutChangingThemAndTheKeyCanBeWiped(@TempDir Path dir) throws Exception {
        ProcessRun gen = ProcessRun.of("tsig-keygen", "-a", "hmac-sha256", "wipe-me");
        assertThat(gen.exit).as("tsig-keygen: " + gen.err).isZero();
        byte[] file = gen.out.getBytes(StandardCharsets.UTF_8);
        byte[] copy = file.clone();
        byte[] expected = Base64.getDecoder().decode(gen.out.replaceAll("(?s).*secret \"([^\"]+)\".*", "$1").trim());

        TsigKey k = TsigKeyFile.parse(file);

        assertThat(file).as("the caller's bytes are the caller's to wipe").isEqualTo(copy);
        Secrets.assertSameSecret(expected, k.secret(), "TSIG secret parsed from bytes");
        k.destroy();
        assertThat(k.secret()).as("destroyed key holds zeros").containsOnly((byte) 0);
        assertThatThrownBy(k::toTsig).isInstanceOf(IllegalStateException.class).hasMessageContaining("destroyed");

        Path f = dir.resolve("k.key");
        Files.write(f, file);
        Arrays.fill(file, (byte) 0);
        TsigKey fromFile = TsigKeyFile.read(f);
        Secrets.assertSameSecret(expected, fromFile.secret(), "TSIG secret read from the file");
        assertThatThrownBy(() -> TsigKeyFile.read(dir)).hasMessageContaining("not a regular file");
        Path big = dir.resolve("big.key");
        Files.write(big, new byte[TsigKeyFile.MAX_BYTES + 10]);
        assertThatThrownBy(() -> TsigKeyFile.read(big)).hasMessageContaining("at most " + TsigKeyFile.MAX_BYTES);
    }

    @Test
    void skipsOtherStatementsAndRefusesUnfinishedBlocks() {
        String text = "options { directory \"/x\"; listen { 1; }; };\n"
                + "key \"k1\" { inner { a; b; }; algorithm \"hmac-sha384\"; secret \"AAEC\nAw==\"; };\n"
                + "KEY k2 { algorithm hmac-sha1; secret \"BAUG\"; }";
        assertThat(TsigKeyFile.parseAll(text)).extracting(TsigKey::name).containsExactly("k1", "k2");
        TsigKey k1 = TsigKeyFile.parse(text, "k1");
        assertThat(k1.algorithm()).isEqualTo("hmac-sha384");
        assertThat(k1.secret()).containsExactly(0, 1, 2, 3);
        assertThatThrownBy(() -> TsigKeyFile.parse(text, "k3")).hasMessageContaining("no TSIG key named 'k3'");
        assertThatThrownBy(() -> TsigKeyFile.parse("key \"k\" { algorithm hmac-sha256; secret \"AAAA"))
                .hasMessageContaining("no TSIG key found");
        assertThatThrownBy(() -> TsigKeyFile.parse("key \"k\" { algorithm hmac-sha256; secret \"AAAA\";"))
                .hasMessageContaining("no TSIG key found");
        assertThatThrownBy(() -> TsigKeyFile.parse("  \n\t")).hasMessageContaining("empty");
    }
}
