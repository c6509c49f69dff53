package io.atlasonboard.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResolverSpecTest {
    @Test
    void parsesHostAndOptionalPort() {
        assertThat(ResolverSpec.parse("192.0.2.1")).isEqualTo(new ResolverSpec("192.0.2.1", 53));
        assertThat(ResolverSpec.parse("127.0.0.2:5353")).isEqualTo(new ResolverSpec("127.0.0.2", 5353));
        assertThat(ResolverSpec.parse("dns.example:8053")).isEqualTo(new ResolverSpec("dns.example", 8053));
        assertThat(ResolverSpec.parse("[::1]:5353")).isEqualTo(new ResolverSpec("::1", 5353));
        assertThat(ResolverSpec.parse("2001:db8::1")).isEqualTo(new ResolverSpec("2001:db8::1", 53));
        assertThat(ResolverSpec.parse("[::1]:5353").toString()).isEqualTo("[::1]:5353");
        assertThat(ResolverSpec.parse("ns", 1053).port()).isEqualTo(1053);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> ResolverSpec.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResolverSpec.parse("h:x")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> ResolverSpec.parse("h:70000")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> ResolverSpec.parse(":53")).hasMessageContaining("empty");
    }
}
