package io.atlasonboard.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Path;
import javafx.css.CssParser;
import javafx.css.Stylesheet;
import org.junit.jupiter.api.Test;

/**
 * The application's stylesheet ships in binary form (Theme.style adds {@code app.bss}); {@code app.css} is its source.
 * This fails when the two disagree, i.e. when app.css was edited and app.bss not remade:
 * {@code java -cp "$(cat cp.txt)" com.sun.javafx.css.parser.Css2Bin src/main/resources/io/atlasonboard/ui/common/app.css
 * src/main/resources/io/atlasonboard/ui/common/app.bss} (cp.txt: the test class path, e.g. from
 * {@code mvn dependency:build-classpath}).
 */
class ThemeStylesheetTest {
    private static final Path DIR = Path.of("src/main/resources/io/atlasonboard/ui/common");

    @Test
    void theBinaryStylesheetIsTheCssOfTheSourceTree() throws Exception {
        // rule by rule, selectors and declarations (property, value, importance) alike: the bytes of Css2Bin's output
        // are not compared, they need not be stable across JVMs
        Stylesheet text = new CssParser().parse(DIR.resolve("app.css").toUri().toURL());
        Stylesheet binary = Stylesheet.loadBinary(DIR.resolve("app.bss").toUri().toURL());
        assertTrue(text.getRules().size() > 10, "app.css has its rules");
        assertEquals(describe(text), describe(binary),
                "app.bss is older than app.css: remake it with Css2Bin (see this test's comment)");
    }

    private static java.util.List<String> describe(Stylesheet s) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (javafx.css.Rule r : s.getRules()) {
            out.add(r.getSelectors().toString());
            for (javafx.css.Declaration d : r.getDeclarations()) {
                out.add("  " + d.getProperty() + ": " + d.getParsedValue() + (d.isImportant() ? " !important" : ""));
            }
        }
        return out;
    }

    @Test
    void theShippedBinaryHasEveryRuleOfTheCss() throws Exception {
        URL bss = new URL(Theme.appStylesheet());
        assertTrue(bss.getPath().endsWith("/app.bss"), bss.toString());
        Stylesheet binary = Stylesheet.loadBinary(bss);
        Stylesheet text = new CssParser().parse(Theme.class.getResource("app.css"));
        assertTrue(text.getRules().size() > 10, "app.css has its rules");
        assertEquals(text.getRules().size(), binary.getRules().size());
        for (int i = 0; i < text.getRules().size(); i++) {
            assertEquals(text.getRules().get(i).getSelectors().toString(),
                    binary.getRules().get(i).getSelectors().toString());
            assertEquals(text.getRules().get(i).getDeclarations().size(),
                    binary.getRules().get(i).getDeclarations().size());
        }
    }
}
