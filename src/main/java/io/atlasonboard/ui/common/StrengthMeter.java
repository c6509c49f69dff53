package io.atlasonboard.ui.common;

import io.atlasonboard.core.store.PassphraseStrength;
import java.util.Arrays;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.StringProperty;

/** Shows how strong a typed password is: the hint, a 0..1 fraction for a bar and whether it is acceptable. */
public final class StrengthMeter {
    private StrengthMeter() {
    }

    /** Assesses {@code pw} (a char[] copy, wiped after) into the three properties; empty clears them. FX thread. */
    public static void assess(String pw, StringProperty hint, DoubleProperty fraction, BooleanProperty acceptable) {
        if (pw == null || pw.isEmpty()) {
            hint.set("");
            fraction.set(0);
            acceptable.set(false);
            return;
        }
        char[] chars = pw.toCharArray();
        try {
            PassphraseStrength s = PassphraseStrength.assess(chars);
            hint.set(s.hint(I18n.locale()));
            fraction.set(Math.max(0, Math.min(1, s.score() / 4.0)));
            acceptable.set(s.acceptable());
        } finally {
            Arrays.fill(chars, '\0');
        }
    }
}
