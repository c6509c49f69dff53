package io.atlasonboard.ui.wizard;

import javafx.scene.Node;

/**
 * What the wizard frame gets from outside the wizard package: the pages of steps 5 to 7 (provider, connection status,
 * DNS validation) and optional banners above steps 1 to 4 (the sandbox's "portal" buttons).
 */
public interface StepPages {
    /** The page of a step from {@link WizardViewModel#PROVIDER_STEP} on; called each time the step is shown. */
    Node page(int index);

    /** A node shown above the page of step {@code index} (0-3), or null; called once per step. */
    default Node banner(int index) {
        return null;
    }

    /** Pages of steps 1-4 only (the provider steps show a placeholder). */
    StepPages NONE = index -> new javafx.scene.control.Label(
            io.atlasonboard.ui.common.I18n.t("ui.wizard.noProviders"));
}
