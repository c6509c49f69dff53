package io.atlasonboard.core.store;

import io.atlasonboard.core.Msg;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A quick strength estimate for the master passphrase: score 0 (very weak) to 4 (strong), a hint for the user, and
 * whether it meets the minimum policy that {@link Store#create} enforces (at least {@link #MIN_LENGTH} characters and
 * a score of at least 2). The estimate is length times character variety, penalised for repeats, sequences, keyboard
 * rows and common words. The passphrase itself never appears in the hint.
 */
public record PassphraseStrength(int score, String hint, boolean acceptable, List<Msg> hintParts) {
    public static final int MIN_LENGTH = 12;
    public static final int MIN_SCORE = 2;

    private static final String[] LABELS = {"very weak", "weak", "fair", "good", "strong"};
    private static final String[] SEQUENCES = {"abcdefghijklmnopqrstuvwxyz", "0123456789", "qwertyuiop", "asdfghjkl",
        "zxcvbnm", "qwertzuiop", "yxcvbnm", "azertyuiop"};
    private static final Set<String> COMMON = Set.of("password", "passwort", "passphrase", "letmein", "welcome",
            "admin", "administrator", "iloveyou", "monkey", "dragon", "master", "secret", "changeme", "default",
            "login", "qwerty", "123456", "111111", "abc123", "trustno1", "sunshine", "football", "baseball",
            "globalsign", "atlas", "onboard", "certificate", "hallo", "geheim", "test", "summer", "winter");

    public PassphraseStrength {
        hintParts = hintParts == null ? List.of() : List.copyOf(hintParts);
    }

    /** The hint in {@code locale} (sentences joined by spaces); {@link #hint()} is the English one. */
    public String hint(Locale locale) {
        StringBuilder sb = new StringBuilder();
        for (Msg m : hintParts) {
            sb.append(m.render(locale)).append(' ');
        }
        return sb.toString().strip();
    }

    private static PassphraseStrength of(int score, boolean acceptable, List<Msg> parts) {
        StringBuilder en = new StringBuilder();
        for (Msg m : parts) {
            en.append(m.english()).append(' ');
        }
        return new PassphraseStrength(score, en.toString().strip(), acceptable, parts);
    }

    /** A word for the score: very weak, weak, fair, good, strong. */
    public String label() {
        return LABELS[score];
    }

    public static PassphraseStrength assess(char[] pw) {
        int len = pw == null ? 0 : pw.length;
        if (len == 0) {
            return of(0, false, List.of(Msg.of("core.store.strength.empty", MIN_LENGTH)));
        }
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean space = false;
        boolean symbol = false;
        boolean other = false;
        for (char c : pw) {
            if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c == ' ') {
                space = true;
            } else if (c < 128) {
                symbol = true;
            } else {
                other = true;
            }
        }
        int pool = (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (space ? 1 : 0) + (symbol ? 33 : 0)
                + (other ? 100 : 0);
        int classes = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (space || symbol ? 1 : 0) + (other ? 1 : 0);

        // effective length: characters that are not predictable from the previous ones
        char[] low = new char[len];
        for (int i = 0; i < len; i++) {
            low[i] = Character.toLowerCase(pw[i]);
        }
        int predictable = 0;
        for (int i = 1; i < len; i++) {
            if (low[i] == low[i - 1] || inSequence(low[i - 1], low[i]) || (i >= 2 && low[i] == low[i - 2])) {
                predictable++;
            }
        }
        int commonChars = 0;
        // searched as char[] (never a String that would outlive this call); both copies are wiped below
        char[] leet = new char[len];
        for (int i = 0; i < len; i++) {
            leet[i] = leet(low[i]);
        }
        boolean hasCommon = false;
        for (String w : COMMON) {
            char[] in = indexOf(leet, w, 0) >= 0 ? leet : indexOf(low, w, 0) >= 0 ? low : null;
            if (in != null) {
                hasCommon = true;
                for (int from = indexOf(in, w, 0); from >= 0; from = indexOf(in, w, from + w.length())) {
                    commonChars += w.length() - 1; // a known word is worth about one character
                }
            }
        }
        java.util.Arrays.fill(leet, '\0');
        // a block repeated over and over is worth one block
        int period = len;
        for (int p = 1; p <= len / 2; p++) {
            boolean repeats = true;
            for (int i = p; i < len && repeats; i++) {
                repeats = low[i] == low[i - p];
            }
            if (repeats) {
                period = p;
                break;
            }
        }
        java.util.Arrays.fill(low, '\0');
        double effective = Math.max(0, Math.min(period, len - predictable - commonChars));
        double bits = effective * (Math.log(Math.max(pool, 2)) / Math.log(2));
        int score;
        if (bits < 28) {
            score = 0;
        } else if (bits < 45) {
            score = 1;
        } else if (bits < 60) {
            score = 2;
        } else if (bits < 80) {
            score = 3;
        } else {
            score = 4;
        }
        if (len < MIN_LENGTH) {
            score = Math.min(score, 1);
        }
        boolean acceptable = len >= MIN_LENGTH && score >= MIN_SCORE;

        List<Msg> hint = new java.util.ArrayList<>();
        hint.add(Msg.of("core.store.strength.score." + score));
        if (len < MIN_LENGTH) {
            hint.add(Msg.of("core.store.strength.short", MIN_LENGTH, len));
        }
        if (predictable * 3 >= len) {
            hint.add(Msg.of("core.store.strength.predictable"));
        }
        if (hasCommon) {
            hint.add(Msg.of("core.store.strength.common"));
        }
        if (classes < 3 && score < 4) {
            hint.add(Msg.of("core.store.strength.mix"));
        }
        if (score < 4 && len >= MIN_LENGTH && !hasCommon && predictable * 3 < len) {
            hint.add(Msg.of("core.store.strength.longer"));
        }
        if (score == 4) {
            hint.add(Msg.of("core.store.strength.keep"));
        }
        return of(score, acceptable, hint);
    }

    private static char leet(char c) {
        return switch (c) {
            case '0' -> 'o';
            case '1' -> 'l';
            case '3' -> 'e';
            case '4', '@' -> 'a';
            case '5', '$' -> 's';
            case '7' -> 't';
            default -> c;
        };
    }

    /** {@code String.indexOf} on a char[], so the passphrase is never copied into a String. */
    private static int indexOf(char[] hay, String w, int from) {
        outer:
        for (int i = Math.max(from, 0); i + w.length() <= hay.length; i++) {
            for (int j = 0; j < w.length(); j++) {
                if (hay[i + j] != w.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean inSequence(char a, char b) {
        for (String s : SEQUENCES) {
            int i = s.indexOf(a);
            if (i >= 0 && ((i + 1 < s.length() && s.charAt(i + 1) == b) || (i > 0 && s.charAt(i - 1) == b))) {
                return true;
            }
        }
        return false;
    }
}
