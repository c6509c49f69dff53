package io.atlasonboard.ui.wizard.steps;

import io.atlasonboard.core.onboarding.ApiCredentials;
import io.atlasonboard.core.onboarding.CredentialsCsv;
import io.atlasonboard.ui.common.FxTask;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.UiJobs;
import io.atlasonboard.ui.wizard.WizardState;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** Step 1: the API key and secret, typed or imported from the portal's credentials CSV. */
public final class CredentialsViewModel {
    private final WizardState state;
    private final UiJobs tasks;

    private final StringProperty importError = new SimpleStringProperty("");
    private final StringProperty importMessage = new SimpleStringProperty("");
    private final BooleanProperty revealSecret = new SimpleBooleanProperty(false);
    private final BooleanProperty importing = new SimpleBooleanProperty(false);
    private final BooleanBinding complete;

    public CredentialsViewModel(WizardState state, UiJobs tasks) {
        this.state = state;
        this.tasks = tasks;
        complete = Bindings.createBooleanBinding(
                () -> !state.apiKeyProperty().get().isBlank() && !state.apiSecretProperty().get().isBlank(),
                state.apiKeyProperty(), state.apiSecretProperty());
    }

    public StringProperty apiKeyProperty() {
        return state.apiKeyProperty();
    }

    public StringProperty apiSecretProperty() {
        return state.apiSecretProperty();
    }

    /** Reads and parses the CSV in the background; on error the fields keep what they had. */
    public FxTask<ApiCredentials> importCsv(Path file) {
        importError.set("");
        importMessage.set("");
        importing.set(true);
        FxTask<ApiCredentials> t = tasks.run(I18n.t("ui.credentials.import.task"), p -> {
            return CredentialsCsv.read(file);
        });
        t.whenDone((c, e) -> {
            importing.set(false);
            if (e != null) {
                importError.set(I18n.t("ui.credentials.import.failed", file.getFileName(),
                        I18n.text(FxTask.unwrap(e))));
                return;
            }
            state.apiKeyProperty().set(c.apiKey());
            state.apiSecretProperty().set(new String(c.apiSecret()));
            c.wipe();
            importMessage.set(I18n.t("ui.credentials.import.done", file.getFileName()));
        });
        return t;
    }

    // ---- properties ----

    public StringProperty importErrorProperty() {
        return importError;
    }

    public StringProperty importMessageProperty() {
        return importMessage;
    }

    public BooleanProperty revealSecretProperty() {
        return revealSecret;
    }

    public BooleanProperty importingProperty() {
        return importing;
    }

    public BooleanBinding completeProperty() {
        return complete;
    }
}
