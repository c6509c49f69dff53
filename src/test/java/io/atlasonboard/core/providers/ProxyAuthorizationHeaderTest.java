package io.atlasonboard.core.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import io.atlasonboard.core.atlas.ProxySettings;

/** The CONNECT request's Basic header is built from the char[] password without a String of it. */
class ProxyAuthorizationHeaderTest {
    @Test
    void headerIsBasicOfUserColonPasswordInUtf8() {
        char[] pw = "päss:wörd".toCharArray();
        byte[] line = ConnectionTester.proxyAuthorization(new ProxySettings("proxy", 3128, "üser", pw));
        String expected = "Proxy-Authorization: Basic "
                + Base64.getEncoder().encodeToString("üser:päss:wörd".getBytes(StandardCharsets.UTF_8)) + "\r\n";
        assertThat(new String(line, StandardCharsets.ISO_8859_1)).isEqualTo(expected);
        assertThat(pw).containsExactly("päss:wörd".toCharArray()); // the owner's array is not touched
    }

    @Test
    void noPasswordGivesAnEmptyOne() {
        byte[] line = ConnectionTester.proxyAuthorization(new ProxySettings("proxy", 3128, "u", null));
        assertThat(new String(line, StandardCharsets.ISO_8859_1))
                .isEqualTo("Proxy-Authorization: Basic " + Base64.getEncoder().encodeToString("u:".getBytes(
                        StandardCharsets.UTF_8)) + "\r\n");
    }
}
