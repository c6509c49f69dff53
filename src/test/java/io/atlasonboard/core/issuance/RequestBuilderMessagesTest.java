package io.atlasonboard.core.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.google.gson.Gson;

import org.junit.jupiter.api.Test;

import io.atlasonboard.core.atlas.ValidationPolicy;
import io.atlasonboard.core.pki.Inspector;
import io.atlasonboard.core.pki.Pem;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.sim.ValidationPolicies;

/** Core messages speak of the domain (a Common Name, DNS names, e-mail addresses), never of command-line options. */
class RequestBuilderMessagesTest {
    private static final Gson GSON = new Gson();

    private static String problems(String policyJson, IntendedUse use, IssueRequest req) {
        ValidationPolicy policy = GSON.fromJson(policyJson, ValidationPolicy.class);
        Throwable t = catchThrowable(() -> RequestBuilder.build(policy, use,
                req.withValidity(Duration.ofDays(1)).withKeyBits(2048), Instant.ofEpochSecond(1000)));
        assertThat(t).as("refused before sending").isNotNull();
        return t.getMessage();
    }

    @Test
    void tlsWithoutNamesAsksForACommonNameOrADnsName() {
        String m = problems(ValidationPolicies.tls().toString(), IntendedUse.TLS, IssueRequest.of(null, List.of(),
                List.of()));
        assertThat(m).contains("subject_dn.common_name: REQUIRED by the account's validation policy (give a Common"
                + " Name)").contains("give a Common Name or at least one DNS name").doesNotContain("--");
    }

    @Test
    void smimeWithoutAddressAsksForAnEmailAddress() {
        String m = problems(ValidationPolicies.smime().toString(), IntendedUse.SMIME, IssueRequest.of(null,
                List.of(), List.of()));
        assertThat(m).contains("an S/MIME certificate needs at least one e-mail address").doesNotContain("--");
    }

    @Test
    void inspectingAnEncryptedKeyWithoutPasswordNamesNoOption() throws Exception {
        var kp = io.atlasonboard.core.atlas.TestPki.rsa();
        String enc = io.atlasonboard.core.pki.EncryptedKeys.encryptPkcs8(kp.getPrivate(), "pw-123456".toCharArray(),
                10_000);
        String d = Inspector.describe(enc.getBytes(java.nio.charset.StandardCharsets.US_ASCII), null);
        assertThat(d).contains("give the password to see algorithm, size and fingerprint").doesNotContain("--");
        assertThat(Pem.readAll(enc)).hasSize(1);
    }
}
