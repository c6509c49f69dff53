package io.atlasonboard.ui.help;

import io.atlasonboard.ui.common.I18n;
import java.util.List;

/**
 * Per-step help: what the step is for, where in the Atlas portal its input comes from, and GlobalSign's page on it.
 * The texts are in the help bundle ({@code ui.help.step.N.*}, N = the step's 1-based number); titles are the step bar's.
 */
public final class HelpTopics {
    public static final int STEPS = 7;
    /** GlobalSign's documentation for Atlas and its HVCA API (the same in every language). */
    static final List<String> LINKS = List.of(
            "https://www.globalsign.com/en/atlas",
            "https://www.globalsign.com/en/resources/apis/api-documentation/globalsign_hvca_api_documentation_version_v2.html",
            "https://support.globalsign.com/atlas");

    private HelpTopics() {
    }

    /** @param step 1-based step number (1..7) */
    public static String title(int step) {
        return I18n.t("ui.wizard.step.title." + step); // the step bar's own title
    }

    public static String purpose(int step) {
        return I18n.t("ui.help.step." + step + ".purpose");
    }

    public static String portal(int step) {
        return I18n.t("ui.help.step." + step + ".portal");
    }
}
