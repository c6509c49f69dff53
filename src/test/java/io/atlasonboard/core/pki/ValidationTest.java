package io.atlasonboard.core.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValidationTest {

    @Test
    void urlIsReducedToItsHostAndEveryChangeIsReported() {
        Normalized n = HostNames.normalizeCommonName("  https://admin@Atlas.Example.COM.:8443/portal/login?x=1#top ");
        assertThat(n.value()).isEqualTo("atlas.example.com");
        assertThat(n.changes()).containsExactly(
                "removed spaces around the input",
                "removed the scheme https://",
                "removed the path and the query and the fragment /portal/login?x=1#top",
                "removed the user information admin@",
                "removed the port :8443",
                "removed the trailing dot",
                "changed to lower case");
    }

    @Test
    void aPlainHostIsUnchanged() {
        Normalized n = HostNames.normalizeCommonName("atlas.example.com");
        assertThat(n.value()).isEqualTo("atlas.example.com");
        assertThat(n.changed()).isFalse();
    }

    @Test
    void internationalCommonNameBecomesAnALabel() {
        Normalized n = HostNames.normalizeCommonName("http://bücher.example/");
        assertThat(n.value()).isEqualTo("xn--bcher-kva.example");
        assertThat(n.changes()).containsExactly("removed the scheme http://", "removed the path /",
                "converted the international name to its A-label form xn--bcher-kva.example");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|empty",
        "https://|contains no host name",
        "https://[2001:db8::1]/|IPv6",
        "10.0.0.1|IP address",
        "*.example.com|wildcard is not accepted as the Common Name",
        "localhost|at least two labels",
        "a_b.example.com|only letters, digits and hyphens",
        "-a.example.com|starts or ends with a hyphen",
    })
    void badCommonNamesAreRefusedWithAReason(String input, String reason) {
        assertThatThrownBy(() -> HostNames.normalizeCommonName(input)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void commonNameLongerThan64IsRefused() {
        String host = "a".repeat(60) + ".example.com";
        assertThatThrownBy(() -> HostNames.normalizeCommonName(host)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at most 64");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "www.example.com|www.example.com",
        "WWW.Example.Com.|www.example.com",
        "*.example.com|*.example.com",
        "bücher.example|xn--bcher-kva.example",
        "*.münchen.de|*.xn--mnchen-3ya.de",
        "xn--bcher-kva.example|xn--bcher-kva.example",
        "a-b.c-d.example|a-b.c-d.example",
        "123.example.com|123.example.com",
    })
    void validNamesAreNormalised(String input, String expected) {
        assertThat(DomainNames.normalize(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|empty",
        "www.*.example.com|wildcard is allowed only as the whole left-most label",
        "w*.example.com|wildcard is allowed only as the whole left-most label",
        "*.*.example.com|wildcard is allowed only as the whole left-most label",
        "*.com|a wildcard needs a domain below it",
        "example|at least two labels",
        "a..example.com|empty label",
        ".example.com|empty label",
        "-www.example.com|hyphen",
        "www-.example.com|hyphen",
        "www_x.example.com|no underscore",
        "www.exa mple.com|spaces",
        "https://www.example.com|looks like a URL",
        "www.example.com:443|looks like a URL",
        "1.2.3.4|IP address",
        "xn--zz-.example.com|not valid Punycode",
        "xn--a.example.com|not valid Punycode",
    })
    void invalidNamesAreRefusedWithAReason(String input, String reason) {
        assertThatThrownBy(() -> DomainNames.normalize(input)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void labelAndNameLengthLimits() {
        String l63 = "a".repeat(63);
        assertThat(DomainNames.normalize(l63 + ".example.com")).startsWith(l63);
        assertThatThrownBy(() -> DomainNames.normalize("a".repeat(64) + ".example.com"))
                .hasMessageContaining("1 to 63 characters");
        String name253 = String.join(".", l63, l63, l63, "a".repeat(58) + ".de");
        assertThat(name253).hasSize(253);
        assertThat(DomainNames.normalize(name253)).isEqualTo(name253);
        assertThatThrownBy(() -> DomainNames.normalize("b" + name253)).hasMessageContaining("1 to 63")
                .isInstanceOf(InvalidInputException.class);
        String name254 = String.join(".", l63, l63, l63, "a".repeat(59) + ".de");
        assertThatThrownBy(() -> DomainNames.normalize(name254)).hasMessageContaining("at most 253");
        // an IDN label whose A-label is too long
        assertThatThrownBy(() -> DomainNames.normalize("ü".repeat(60) + ".example"))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void duplicatesAreRefusedAfterNormalisation() {
        assertThat(DomainNames.normalizeList(List.of("a.example.com", "", "B.example.com")))
                .containsExactly("a.example.com", "b.example.com");
        assertThatThrownBy(() -> DomainNames.normalizeList(List.of("a.example.com", "b.example.com", "A.Example.com.")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("a.example.com is listed twice (entries 1 and 3");
        assertThatThrownBy(() -> DomainNames.normalizeList(List.of("bücher.example", "xn--bcher-kva.example")))
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> DomainNames.normalizeList(List.of("ok.example.com", "bad_name.example.com")))
                .hasMessageContaining("Entry 2");
        List<String> l = DomainNames.add(List.of("a.example.com"), "B.example.com");
        assertThat(l).containsExactly("a.example.com", "b.example.com");
        assertThatThrownBy(() -> DomainNames.add(l, "b.EXAMPLE.com")).hasMessageContaining("listed twice");
    }

    @Test
    void countries() {
        assertThat(Countries.DEFAULT).isEqualTo("DE");
        assertThat(Countries.isValid("DE")).isTrue();
        assertThat(Countries.isValid("de")).isFalse();
        assertThat(Countries.isValid("XX")).isFalse();
        assertThat(Countries.normalize(" ch ")).isEqualTo("CH");
        assertThat(Countries.displayName("AT")).isEqualTo("Austria");
        assertThatThrownBy(() -> Countries.normalize("UK")).hasMessageContaining("use GB");
        assertThatThrownBy(() -> Countries.normalize("Germany")).hasMessageContaining("ISO 3166 alpha-2");
        assertThatThrownBy(() -> Countries.normalize("XX")).hasMessageContaining("two letters");
        assertThatThrownBy(() -> Countries.normalize("")).hasMessageContaining("empty");
    }

    @Test
    void cnGoesIntoTheSansOnceAndCanBeRemoved() {
        CsrRequest r = new CsrRequest("atlas.example.com", "DE", "Org", List.of("b.example.com")).withCnInSans();
        assertThat(r.dnsNames()).containsExactly("atlas.example.com", "b.example.com");
        assertThat(r.withCnInSans().dnsNames()).containsExactly("atlas.example.com", "b.example.com");
        assertThat(r.withoutCnInSans().dnsNames()).containsExactly("b.example.com");
    }

    @Test
    void globalSignKeySizeIsFixedWithAReason() {
        GlobalSignProfile.checkKeySize(2048);
        assertThatThrownBy(() -> GlobalSignProfile.checkKeySize(4096)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("RSA 2048");
    }
}
