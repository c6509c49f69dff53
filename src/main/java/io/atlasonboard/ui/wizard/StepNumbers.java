package io.atlasonboard.ui.wizard;

import io.atlasonboard.core.onboarding.Onboarding;

/**
 * The one boundary between the wizard's step <em>index</em> (0-based: {@link WizardState#stepProperty()}, the step bar, the
 * pages) and the step <em>number</em> people read and the store keeps (1-based: {@link Onboarding#getStep()}, the
 * start page's "Step 7", the help window). Every conversion goes through here.
 */
public final class StepNumbers {
    private StepNumbers() {
    }

    /** Step number (1-based, as stored and shown) to the wizard's 0-based index. */
    public static int toIndex(int number) {
        return number - Onboarding.FIRST_STEP;
    }

    /** The wizard's 0-based index to the step number (1-based, as stored and shown). */
    public static int toNumber(int index) {
        return index + Onboarding.FIRST_STEP;
    }
}
