package io.atlasonboard.core.dns;

import io.atlasonboard.testing.Secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import io.atlasonboard.testing.ProcessRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

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
}
