package io.atlasonboard.ui;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Text;

/**
 * Scene-graph checks run on every screen of the walks (call on the FX thread after a layout pass): every focusable
 * control has an accessible name; every visible text has contrast of at least 4.5:1 against the background it is
 * drawn on; in German, no English sentence is on screen.
 */
public final class UiChecks {
    private static final Path BUNDLES = Path.of("src/main/resources/io/atlasonboard/i18n");
    /** Whole words that occur in English sentences and not in German ones. */
    private static final Pattern ENGLISH = Pattern.compile(
            "\\b(the|and|with|your|this|is|are|of|to|has|for|from|can|cannot|be)\\b");
    private static final Pattern MACHINE = Pattern.compile("(?s).*(https?://|-----BEGIN|\\$ |openssl |keytool |dig @).*");

    private UiChecks() {
    }

    // ------------------------------------------------------------------ accessible names

    /** Focusable, visible, enabled controls without a name a screen reader can say. */
    public static List<String> unnamedControls(Parent root) {
        root.applyCss();
        root.layout();
        Set<Node> labelled = new HashSet<>();
        collectLabelled(root, labelled);
        List<String> out = new ArrayList<>();
        walkControls(root, labelled, out);
        return out;
    }

    private static void collectLabelled(Node n, Set<Node> labelled) {
        if (n instanceof Label l && l.getLabelFor() != null && l.getText() != null && !l.getText().isBlank()) {
            labelled.add(l.getLabelFor());
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collectLabelled(c, labelled);
            }
        }
    }

    private static void walkControls(Node n, Set<Node> labelled, List<String> out) {
        if (!n.isVisible() || n.getOpacity() == 0) {
            return;
        }
        if (n instanceof Control c && c.isFocusTraversable() && !c.isDisabled() && !named(c, labelled)) {
            out.add(c.getClass().getSimpleName() + (c.getId() == null ? "" : "#" + c.getId()) + " has no accessible name");
        }
        if (n instanceof Parent p && !(n instanceof Control c && c.isFocusTraversable() && n != null
                && isComposite(c))) {
            for (Node child : p.getChildrenUnmodifiable()) {
                walkControls(child, labelled, out);
            }
        }
    }

    /** Controls whose skin holds focusable parts that are not separate stops (the editor inside a spinner or combo). */
    private static boolean isComposite(Control c) {
        return c instanceof javafx.scene.control.ComboBoxBase<?> || c instanceof javafx.scene.control.Spinner<?>;
    }

    private static boolean named(Control c, Set<Node> labelled) {
        if (c.getAccessibleText() != null && !c.getAccessibleText().isBlank()) {
            return true;
        }
        if (labelled.contains(c)) {
            return true;
        }
        if (c instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
            return true;
        }
        // a field inside a labelled container (FormParts.secret's masked/plain pair) takes the container's label
        for (Node p = c.getParent(); p != null && !(p instanceof Control); p = p.getParent()) {
            if (labelled.contains(p)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ contrast

    /** Visible texts with a contrast ratio below 4.5:1 against their background (WCAG 2.1 AA). */
    public static List<String> lowContrast(Parent root) {
        root.applyCss();
        root.layout();
        List<String> out = new ArrayList<>();
        walkTexts(root, out);
        return out;
    }

    private static void walkTexts(Node n, List<String> out) {
        if (!n.isVisible() || n.getOpacity() == 0 || n.isDisabled()) {
            return; // WCAG exempts inactive controls
        }
        if (n instanceof Text t && t.getText() != null && !t.getText().isBlank() && !isIcon(t)
                && !isPrompt(t)) {
            Color fg = opaque(t.getFill());
            Color bg = background(t);
            if (fg != null && bg != null) {
                double ratio = contrast(fg, bg);
                if (ratio < 4.5) {
                    Node owner = t.getParent();
                    out.add(String.format("\"%s\" (%s) %s on %s: %.2f:1", abbreviate(t.getText()),
                            owner == null ? "?" : owner.getClass().getSimpleName()
                                    + (owner.getId() == null ? "" : "#" + owner.getId()), fg, bg, ratio));
                }
            }
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                walkTexts(c, out);
            }
        }
    }

    private static boolean isIcon(Text t) {
        return t.getClass().getName().startsWith("org.kordamp.ikonli");
    }

    /** A text field's prompt is a hint shown only while empty: checked like text, but AtlantaFX greys it on purpose. */
    private static boolean isPrompt(Text t) {
        for (Node p = t.getParent(); p != null; p = p.getParent()) {
            if (p instanceof TextInputControl in) {
                return in.getText() == null || in.getText().isEmpty();
            }
        }
        return false;
    }

    /** The first opaque background fill behind {@code n}, walking up to the scene's fill. */
    static Color background(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p instanceof Region r) {
                Background b = r.getBackground();
                if (b != null) {
                    for (int i = b.getFills().size() - 1; i >= 0; i--) {
                        BackgroundFill f = b.getFills().get(i);
                        Color c = opaque(f.getFill());
                        if (c != null) {
                            return c;
                        }
                    }
                }
            }
        }
        Paint fill = n.getScene() == null ? null : n.getScene().getFill();
        return opaque(fill);
    }

    private static Color opaque(Paint p) {
        return p instanceof Color c && c.getOpacity() > 0.9 ? c : null;
    }

    static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * channel(c.getRed()) + 0.7152 * channel(c.getGreen()) + 0.0722 * channel(c.getBlue());
    }

    private static double channel(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    // ------------------------------------------------------------------ English on a German screen

    /**
     * Visible texts that are English: an English bundle text whose German differs, or a sentence of common English
     * words. Addresses, PEM blocks and commands are not language.
     */
    public static List<String> englishTexts(Parent root) throws IOException {
        return englishTexts(root, Set.of());
    }

    /** As {@link #englishTexts(Parent)}, not looking inside the nodes with the ids in {@code knownGaps}. */
    public static List<String> englishTexts(Parent root, Set<String> knownGaps) throws IOException {
        root.applyCss();
        Set<String> english = englishOnlyValues();
        List<String> out = new ArrayList<>();
        walkEnglish(root, english, knownGaps, out);
        return out;
    }

    private static void walkEnglish(Node n, Set<String> english, Set<String> gaps, List<String> out) {
        if (!n.isVisible() || n.getOpacity() == 0 || (n.getId() != null && gaps.contains(n.getId()))) {
            return;
        }
        String text = n instanceof Labeled l ? l.getText() : n instanceof Text t && !(t.getParent() instanceof Labeled)
                ? t.getText() : null;
        if (n instanceof Labeled l && l.getTooltip() != null) {
            check(l.getTooltip().getText(), n, english, out);
        }
        if (n instanceof Control c && c.getAccessibleText() != null) {
            check(c.getAccessibleText(), n, english, out);
        }
        if (text != null && !(n instanceof TextInputControl)) {
            check(text, n, english, out);
        }
        if (n instanceof TextInputControl in && in.getPromptText() != null) {
            check(in.getPromptText(), n, english, out);
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                walkEnglish(c, english, gaps, out);
            }
        }
    }

    private static void check(String text, Node n, Set<String> english, List<String> out) {
        if (text == null || text.isBlank() || MACHINE.matcher(text).matches()) {
            return;
        }
        String plain = TextFit.withoutMnemonic(text).strip();
        long words = ENGLISH.matcher(plain.toLowerCase(java.util.Locale.ROOT)).results().count();
        if (english.contains(plain) || words >= 2) {
            out.add(n.getClass().getSimpleName() + (n.getId() == null ? "" : "#" + n.getId()) + ": \""
                    + abbreviate(plain) + "\"");
        }
    }

    /** English bundle values (without mnemonic markers) whose German text is different. */
    static Set<String> englishOnlyValues() throws IOException {
        Set<String> out = new HashSet<>();
        try (Stream<Path> files = Files.walk(BUNDLES)) {
            for (Path base : files.filter(f -> f.toString().endsWith(".properties")
                    && !f.getFileName().toString().contains("_")).toList()) {
                String n = base.getFileName().toString();
                Path de = base.resolveSibling(n.replace(".properties", "_de.properties"));
                Properties en = load(base);
                Properties ge = Files.exists(de) ? load(de) : new Properties();
                for (String k : en.stringPropertyNames()) {
                    String v = en.getProperty(k);
                    if (!v.equals(ge.getProperty(k)) && v.codePoints().filter(Character::isLetter).count() >= 4
                            && !v.contains("{")) {
                        out.add(TextFit.withoutMnemonic(v).strip());
                    }
                }
            }
        }
        return out;
    }

    private static Properties load(Path p) throws IOException {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            props.load(r);
        }
        return props;
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 80 ? one.substring(0, 77) + "…" : one;
    }
}
