package io.atlasonboard.core.store;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Helpers that move secrets between {@code char[]} and UTF-8 bytes without a {@code String} copy, and wipe them. */
public final class SecretChars {
    private SecretChars() {
    }

    /** UTF-8 bytes of {@code chars}; the caller wipes the result. No intermediate String is created. */
    public static byte[] toUtf8(char[] chars) {
        CharsetEncoder enc = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer buf = null;
        try {
            buf = enc.encode(CharBuffer.wrap(chars));
            byte[] out = Arrays.copyOfRange(buf.array(), buf.position(), buf.limit());
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("The secret contains characters that are not valid text (unpaired surrogates).");
        } finally {
            if (buf != null && buf.hasArray()) {
                Arrays.fill(buf.array(), (byte) 0);
            }
        }
    }

    /** Decodes UTF-8 into a new char[]; the caller wipes the result. */
    public static char[] fromUtf8(byte[] bytes) {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer buf = null;
        try {
            buf = dec.decode(ByteBuffer.wrap(bytes));
            return Arrays.copyOfRange(buf.array(), buf.position(), buf.limit());
        } catch (CharacterCodingException e) {
            throw new StoreException("A stored secret is not valid UTF-8 text.");
        } finally {
            if (buf != null && buf.hasArray()) {
                Arrays.fill(buf.array(), '\0');
            }
        }
    }

    public static char[] copy(char[] chars) {
        return chars == null ? null : chars.clone();
    }

    public static void wipe(char[] chars) {
        if (chars != null) {
            Arrays.fill(chars, '\0');
        }
    }

    public static void wipe(byte[] bytes) {
        if (bytes != null) {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
