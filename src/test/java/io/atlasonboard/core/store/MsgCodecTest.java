package io.atlasonboard.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.core.Msg;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The message column of a stored status: nested messages, text and numbers survive; damaged text reads as none. */
class MsgCodecTest {
    @Test
    void nestedMessagesTextAndNumbersRoundTrip() {
        Msg m = Msg.of("core.providers.status.summary", "77", Msg.of("core.providers.policy.join.lines",
                Msg.of("core.providers.policy.keys", "EC"), Msg.of("core.providers.policy.noRules")));
        Msg back = MsgCodec.decode(MsgCodec.encode(m));
        assertThat(back).isEqualTo(m);
        assertThat(back.render(Locale.GERMAN)).isEqualTo("Verbleibendes Ausstellungskontingent: 77\nSchlüssel: EC\n"
                + "keine Regeln angegeben");
        Msg numbers = Msg.of("core.pki.kdf.what.key", 3, 4L, 2.5, "\"quoted\" {0}");
        assertThat(MsgCodec.decode(MsgCodec.encode(numbers))).isEqualTo(numbers);
    }

    @Test
    void nothingOrDamagedTextIsNoMessage() {
        assertThat(MsgCodec.encode(null)).isNull();
        assertThat(MsgCodec.decode(null)).isNull();
        assertThat(MsgCodec.decode(" ")).isNull();
        assertThat(MsgCodec.decode("{\"k\":")).isNull();
        assertThat(MsgCodec.decode("[1,2]")).isNull();
        assertThat(MsgCodec.decode("{\"a\":[]}")).isNull();
    }
}
