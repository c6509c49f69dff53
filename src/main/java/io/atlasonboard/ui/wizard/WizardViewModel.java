package io.atlasonboard.ui.wizard;

import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.UiJobs;
import io.atlasonboard.ui.wizard.steps.CertificateViewModel;
import io.atlasonboard.ui.wizard.steps.CredentialsViewModel;
import io.atlasonboard.ui.wizard.steps.CsrViewModel;
import io.atlasonboard.ui.wizard.steps.KeystoreViewModel;
import java.time.Clock;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.BooleanExpression;

/** The onboarding wizard: owns the shared state, one view model per step, and the Back/Next rules. */
public final class WizardViewModel {
    /** The steps' titles in the UI's language (a method: the language is chosen at start, after class loading). */
    public static List<String> stepTitles() {
        return List.of(I18n.t("ui.wizard.step.title.1"), I18n.t("ui.wizard.step.title.2"),
                I18n.t("ui.wizard.step.title.3"), I18n.t("ui.wizard.step.title.4"), I18n.t("ui.wizard.step.title.5"),
                I18n.t("ui.wizard.step.title.6"), I18n.t("ui.wizard.step.title.7"));
    }
    /** All steps are implemented (the header would show the rest as coming later). */
    public static final int AVAILABLE_STEPS = 7;
    /** 0-based step indexes ({@link StepNumbers} converts to the stored and shown 1-based numbers). */
    public static final int CREDENTIALS_STEP = 0;
    public static final int CSR_STEP = 1;
    public static final int CERTIFICATE_STEP = 2;
    public static final int KEYSTORE_STEP = 3;
    /** The steps that the provider panes supply ({@link StepPages}). */
    public static final int PROVIDER_STEP = 4;
    public static final int CONNECTION_STEP = 5;
    public static final int DNS_STEP = 6;

    private final WizardState state;
    private final OnboardingSync sync;
    private final CredentialsViewModel credentials;
    private final CsrViewModel csr;
    private final CertificateViewModel certificate;
    private final KeystoreViewModel keystore;
    private final List<BooleanExpression> complete;
    private final BooleanBinding canGoNext;
    private final BooleanBinding canGoBack;
    private final BooleanBinding onLastStep;
    /** The furthest step (0-based) shown in this session or stored; the step bar lets the user jump back to it. */
    private final javafx.beans.property.IntegerProperty furthest = new javafx.beans.property.SimpleIntegerProperty();

    public WizardViewModel(WizardState state, OnboardingSync sync, UiJobs tasks, Clock clock,
                           CsrViewModel.FileWriter files) {
        this.state = state;
        this.sync = sync;
        this.credentials = new CredentialsViewModel(state, tasks);
        this.csr = new CsrViewModel(state, tasks, files);
        this.certificate = new CertificateViewModel(state, tasks, clock);
        this.keystore = new KeystoreViewModel(state, tasks);
        BooleanExpression providerSaved = Bindings.createBooleanBinding(() -> state.providerIdProperty().get() != null,
                state.providerIdProperty());
        BooleanExpression good = state.connectionGoodProperty();
        BooleanExpression dnsDone = new javafx.beans.property.SimpleBooleanProperty(true);
        this.complete = List.of(credentials.completeProperty(), csr.completeProperty(),
                certificate.completeProperty(), keystore.completeProperty(), providerSaved, good, dnsDone);
        canGoNext = Bindings.createBooleanBinding(() -> complete.get(state.stepProperty().get()).get(),
                state.stepProperty(), complete.get(0), complete.get(1), complete.get(2), complete.get(3),
                complete.get(4),
                complete.get(5), complete.get(6));
        // a new certificate (e.g. issued again by a restarted sandbox) makes the old keystore out of date
        state.certificatePemProperty().addListener((o, a, b) -> {
            if (a != null && !a.isBlank() && !a.equals(b)) {
                state.keystoreProperty().set(null);
                state.keystorePathProperty().set("");
            }
        });
        canGoBack = state.stepProperty().greaterThan(0);
        onLastStep = state.stepProperty().isEqualTo(AVAILABLE_STEPS - 1);
        furthest.set(state.stepProperty().get());
        state.stepProperty().addListener((o, a, b) -> {
            furthest.set(Math.max(furthest.get(), b.intValue()));
            entered(b.intValue());
        });
        entered(state.stepProperty().get());
    }

    private void entered(int step) {
        if (step == KEYSTORE_STEP) {
            keystore.prepare();
        }
    }

    public WizardState state() {
        return state;
    }

    public OnboardingSync sync() {
        return sync;
    }

    public CredentialsViewModel credentials() {
        return credentials;
    }

    public CsrViewModel csr() {
        return csr;
    }

    public CertificateViewModel certificate() {
        return certificate;
    }

    public KeystoreViewModel keystore() {
        return keystore;
    }

    /** @return true when the step moved; false on the last available step (the caller shows "finished"). */
    public boolean next() {
        if (!canGoNext.get()) {
            return false;
        }
        int s = state.stepProperty().get();
        if (s == CSR_STEP) {
            csr.hidePassword();
        }
        if (s + 1 >= AVAILABLE_STEPS) {
            return false;
        }
        state.stepProperty().set(s + 1);
        return true;
    }

    /**
     * Hands on what a field holds but has not committed yet (a Common Name still being typed, the field focused), so
     * that it is saved before the wizard closes. UI thread.
     */
    public void commitPending() {
        String typed = csr.commonNameInputProperty().get();
        if (typed != null && !typed.isBlank() && !typed.strip().equals(state.commonNameProperty().get())) {
            csr.commitCommonName();
        }
    }

    public javafx.beans.property.ReadOnlyIntegerProperty furthestProperty() {
        return furthest;
    }

    /**
     * Jumps to a step picked in the step bar: any earlier step, or a later one already reached when every step in
     * between is complete (the same rule as pressing Next repeatedly).
     *
     * @return true when the step changed
     */
    public boolean goTo(int target) {
        int s = state.stepProperty().get();
        if (target == s || target < 0 || target > furthest.get() || target >= AVAILABLE_STEPS) {
            return false;
        }
        for (int k = s; k < target; k++) {
            if (!complete.get(k).get()) {
                return false;
            }
        }
        if (s == CSR_STEP) {
            csr.hidePassword();
        }
        state.stepProperty().set(target);
        return true;
    }

    public void back() {
        int s = state.stepProperty().get();
        if (s == CSR_STEP) {
            csr.hidePassword();
        }
        if (s > 0) {
            state.stepProperty().set(s - 1);
        }
    }

    // ---- properties ----

    public BooleanBinding canGoNextProperty() {
        return canGoNext;
    }

    public BooleanBinding canGoBackProperty() {
        return canGoBack;
    }

    public BooleanBinding onLastStepProperty() {
        return onLastStep;
    }
}
