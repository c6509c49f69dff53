package io.atlasonboard.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.Theme;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The walk's checks for one feature screen shown on a test stage: at 1024×700 and 1366×768 (English) or 1024×700
 * (German), a PNG in target/screens/ and every cut text, unnamed control, faint text and (German) English text,
 * each prefixed with the screen's name.
 */
public final class FeatureScreens {
    public static final Path SCREENS = Path.of("target", "screens");
    private static final double[][] SIZES = {{1024, 700}, {1366, 768}};

    private FeatureScreens() {
    }

    /** Switches language and theme (call from the test thread). */
    public static void use(FxRobot robot, Locale locale, boolean dark) {
        I18n.setLocale(locale);
        robot.interact(() -> Theme.apply(dark));
    }

    /** Back to English and light. */
    public static void reset(FxRobot robot) {
        I18n.setLocale(Locale.ENGLISH);
        robot.interact(Theme::applyUserAgent);
    }

    /** Looks at the stage's scene at the sizes for the current language; returns the problems found. */
    public static List<String> look(FxRobot robot, Stage stage, String screen) throws Exception {
        List<String> out = new ArrayList<>();
        boolean german = I18n.german();
        String prefix = (german ? "de-" : "en-") + (Theme.isDark() ? "dark-" : "light-"); // not user-visible
        for (double[] size : german ? new double[][] {SIZES[0]} : SIZES) {
            robot.interact(() -> {
                stage.setWidth(size[0]);
                stage.setHeight(size[1]);
            });
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> {
                stage.getScene().getRoot().applyCss();
                stage.getScene().getRoot().layout();
            });
            WaitForAsyncUtils.waitForFxEvents();
            String name = prefix + screen + "-" + (int) size[0] + "x" + (int) size[1];
            Png.shoot(robot, stage.getScene(), SCREENS, name);
            var root = stage.getScene().getRoot();
            for (String c : WaitForAsyncUtils.asyncFx(() -> TextFit.cutTexts(root)).get(10, TimeUnit.SECONDS)) {
                out.add(name + " cut: " + c);
            }
            for (String c : WaitForAsyncUtils.asyncFx(() -> UiChecks.unnamedControls(root)).get(10, TimeUnit.SECONDS)) {
                out.add(name + " unnamed: " + c);
            }
            for (String c : WaitForAsyncUtils.asyncFx(() -> UiChecks.lowContrast(root)).get(10, TimeUnit.SECONDS)) {
                out.add(name + " faint: " + c);
            }
            if (german) {
                for (String c : WaitForAsyncUtils.asyncFx(() -> UiChecks.englishTexts(root))
                        .get(10, TimeUnit.SECONDS)) {
                    out.add(name + " English: " + c);
                }
            }
        }
        robot.interact(() -> {
            stage.setWidth(1100);
            stage.setHeight(760);
        });
        WaitForAsyncUtils.waitForFxEvents();
        return out;
    }
}
