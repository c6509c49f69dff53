package io.atlasonboard.core.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.google.gson.Gson;
import com.google.gson.JsonObject;

import org.junit.jupiter.api.Test;

import io.atlasonboard.core.atlas.ValidationPolicy;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.sim.ValidationPolicies;

/** A request built long before it is sent (slow key generation) gets its not_before stamped again, same length. */
class RequestValidityWindowTest {

    @Test
    void startingAtMovesTheWholeWindowAndLeavesTheRestAlone() {
        ValidationPolicy policy = new Gson().fromJson(ValidationPolicies.tls().toString(), ValidationPolicy.class);
        RequestBuilder.Built built = RequestBuilder.build(policy, IntendedUse.TLS,
                IssueRequest.of("www.example.com", List.of("www.example.com"), List.of())
                        .withValidity(Duration.ofDays(1)).withKeyBits(2048), Instant.ofEpochSecond(1_000_000));

        RequestBuilder.Built later = built.startingAt(Instant.ofEpochSecond(1_000_400));

        JsonObject v = later.json().getAsJsonObject("validity");
        assertThat(v.get("not_before").getAsLong()).isEqualTo(1_000_400);
        assertThat(v.get("not_after").getAsLong() - v.get("not_before").getAsLong()).isEqualTo(86_400);
        assertThat(later.notBefore()).isEqualTo(Instant.ofEpochSecond(1_000_400));
        assertThat(later.keyPair()).isSameAs(built.keyPair());
        assertThat(built.json().getAsJsonObject("validity").get("not_before").getAsLong())
                .as("the original is not changed").isEqualTo(1_000_000);
        JsonObject rest = later.json().deepCopy();
        JsonObject orig = built.json().deepCopy();
        rest.remove("validity");
        orig.remove("validity");
        assertThat(rest).isEqualTo(orig);
        assertThat(built.startingAt(Instant.ofEpochSecond(999_000))).as("never moved back").isSameAs(built);
    }
}
