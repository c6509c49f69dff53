package io.atlasonboard.core.onboarding;

import io.atlasonboard.testing.Secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsCsvTest {
    private static final String KEY = "7b3c1d2e9f";
    private static final String SECRET = "Zx9!pQ2#wL5$kT8";

    private static void assertParsed(String csv, String key, String secret) {
        ApiCredentials c = CredentialsCsv.parse(csv);
        assertThat(c.apiKey()).isEqualTo(key);
        Secrets.assertSameSecret(secret, new String(c.apiSecret()), "c.apiSecret()");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "key,secret\n" + KEY + "," + SECRET + "\n",
        "api_key,api_secret\r\n" + KEY + "," + SECRET + "\r\n",
        "API Key,API Secret\n" + KEY + "," + SECRET,
        "\uFEFFAPI Key;API Secret\r\n" + KEY + ";" + SECRET + "\r\n",
        "\"API Key\",\"API Secret\"\n\"" + KEY + "\",\"" + SECRET + "\"\n",
        "Api_Secret,Api_Key\n" + SECRET + "," + KEY + "\n",
        "name,api_key,created,api_secret\nmy set," + KEY + ",2026-11-27," + SECRET + "\n",
        "KEY ; SECRET\n " + KEY + " ; " + SECRET + " \n\n\n",
        KEY + "," + SECRET + "\n",
        KEY + ";" + SECRET,
        "\uFEFF" + KEY + "," + SECRET + "\r\n",
        "API Key," + KEY + "\nAPI Secret," + SECRET + "\n",
        "api-secret;" + SECRET + "\r\napi-key;" + KEY,
    })
    void acceptsThePlausibleLayouts(String csv) {
        assertParsed(csv, KEY, SECRET);
    }

    @Test
    void quotedSecretsMayContainSeparatorsQuotesAndSpaces() {
        assertParsed("key,secret\n" + KEY + ",\"a,b;c \"\"d\"\" \"\n", KEY, "a,b;c \"d\" ");
        assertParsed(KEY + ";\"x;y\"", KEY, "x;y");
        assertParsed("api_key;api_secret\n" + KEY + ";se,cret", KEY, "se,cret");
        assertParsed(KEY + ",se;cret", KEY, "se;cret");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "\n\r\n",
        "just one value",
        "key,secret\n",
        "key,secret\nk1,s1\nk2,s2\n",
        "a,b\nc,d\n",
        "a,b,c\n",
        "name,api_key,created\nx,k,2026\n",
        "key,secret\n,only-secret\n",
        "key,secret\nk1,\n",
        "key,secret\nk 1,s1\n",
        "key,secret\nk1,\"unterminated\n",
        "key,secret\nk1,\"q\"x\n",
        "key,secret\nk1\n",
    })
    void rejectsEverythingElseSayingWhatWasExpected(String csv) {
        assertThatThrownBy(() -> CredentialsCsv.parse(csv))
                .isInstanceOf(CredentialsFormatException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Expected the Atlas portal's credentials CSV");
    }

    @Test
    void messagesNeverEchoCellContents() {
        String secretish = "S3cr3t-Th4t-Must-Not-Leak";
        for (String csv : new String[] {
            "key,secret\nk1," + secretish + "\nk2," + secretish + "\n",
            secretish + "\n",
            "a," + secretish + ",c\n",
            "key,secret\nk1,\"" + secretish + "\n",
            "key,secret\nk1," + secretish + "\u0001\n",
            "name,api_key\nx," + secretish + "\n",
            secretish + " x," + secretish + "\n",
        }) {
            assertThatThrownBy(() -> CredentialsCsv.parse(csv)).isInstanceOf(CredentialsFormatException.class)
                    .satisfies(e -> Secrets.assertAbsent(e.getMessage(), "CredentialsFormatException message",
                            secretish, "S3cr3t"));
        }
    }

    @Test
    void specificMessagesTellWhatIsWrong() {
        assertThatThrownBy(() -> CredentialsCsv.parse("key,secret\nk1,s1\nk2,s2\n"))
                .hasMessageContaining("2 credential rows; expected exactly one");
        assertThatThrownBy(() -> CredentialsCsv.parse("API Key,API Secret\n"))
                .hasMessageContaining("header row but no row");
        assertThatThrownBy(() -> CredentialsCsv.parse("name,api_key,created\nx,k,y\n"))
                .hasMessageContaining("\"api_key\" column but no secret column");
        assertThatThrownBy(() -> CredentialsCsv.parse("")).hasMessageContaining("empty");
    }

    @Test
    void readsFilesInUtf8WithBomAndUtf16(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.csv");
        Files.write(a, ("\uFEFFapi_key,api_secret\r\n" + KEY + ",Sëcret\r\n").getBytes(StandardCharsets.UTF_8));
        Secrets.assertSameSecret("Sëcret", new String(CredentialsCsv.read(a).apiSecret()),
                "CredentialsCsv.read(a).apiSecret()");
        Path b = dir.resolve("b.csv");
        Files.write(b, ("\uFEFFapi_key;api_secret\r\n" + KEY + ";Sëcret\r\n").getBytes(StandardCharsets.UTF_16LE));
        assertThat(CredentialsCsv.read(b).apiKey()).isEqualTo(KEY);
        Path c = dir.resolve("c.csv");
        Files.write(c, new byte[] {(byte) 0xC3, 0x28, ',', 'x'});
        assertThatThrownBy(() -> CredentialsCsv.read(c)).isInstanceOf(CredentialsFormatException.class)
                .hasMessageContaining("UTF-8");
        Path d = dir.resolve("d.csv");
        Files.write(d, new byte[CredentialsCsv.MAX_BYTES + 1]);
        assertThatThrownBy(() -> CredentialsCsv.read(d)).hasMessageContaining("too large");
    }

    @Test
    void credentialsHideTheSecretAndWipe() {
        ApiCredentials c = CredentialsCsv.parse(KEY + "," + SECRET);
        assertThat(c.toString()).contains(KEY);
        Secrets.assertAbsent(c.toString(), "ApiCredentials.toString()", SECRET);
        c.wipe();
        Secrets.assertSameSecret(new char[SECRET.length()], c.apiSecret(), "API secret after wipe (all zero)");
    }
}
