package io.atlasonboard.ui.wizard;

import io.atlasonboard.core.store.ConnectionStatus;
import io.atlasonboard.core.store.DomainClaimRecord;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.ui.common.FxTask;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.UiJobs;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The page after Finish: what the onboarding created (the provider and its connection status, the keystore file,
 * the verified domains) and what to do next. Reads the provider and its claims from the store in the background.
 */
public final class CompletionViewModel {
    /** What the completion page is about; taken from the wizard when Finish is pressed. */
    public record Finished(long onboardingId, String label, boolean sandbox, Long providerId, String keystorePath) {
    }

    private final Store store;
    private final UiJobs tasks;
    private final Finished finished;
    private final ReadOnlyStringWrapper provider = new ReadOnlyStringWrapper(I18n.t("ui.wizard.provider.reading"));
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper good = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper keystore = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper domains = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    public CompletionViewModel(Store store, UiJobs tasks, Finished finished) {
        this.store = store;
        this.tasks = tasks;
        this.finished = finished;
        keystore.set(finished.keystorePath() == null || finished.keystorePath().isBlank()
                ? I18n.t("ui.wizard.completion.keystore.notSaved")
                : Path.of(finished.keystorePath()).toString());
    }

    private record Read(ProviderRecord provider, List<DomainClaimRecord> claims) {
    }

    /** Reads the provider and its domain claims. */
    public FxTask<Read> load() {
        Long id = finished.providerId();
        FxTask<Read> t = tasks.run(I18n.t("ui.wizard.completion.task"), p -> id == null ? new Read(null, List.of())
                : new Read(store.providers().find(id).orElse(null), store.domainClaims().list(id)));
        t.onSuccess(r -> {
            if (r.provider() == null) {
                provider.set(I18n.t("ui.wizard.completion.noProvider"));
                status.set("");
                domains.set("");
                return;
            }
            String name = r.provider().name();
            provider.set(r.provider().sandbox() && !name.contains("SANDBOX")
                    ? I18n.t("ui.wizard.completion.provider.sandbox", name) : name);
            ConnectionStatus s = r.provider().status();
            good.set(s.state() == ConnectionStatus.State.GOOD);
            status.set(switch (s.state()) {
                case GOOD -> I18n.t("ui.wizard.completion.status.GOOD");
                case BAD -> s.failedStep() == null ? I18n.t("ui.wizard.completion.status.BAD")
                        : I18n.t("ui.wizard.completion.status.BAD.step", s.failedStep());
                case UNKNOWN -> I18n.t("ui.wizard.completion.status.UNKNOWN");
            });
            domains.set(domainText(r.claims()));
        });
        t.onFailure(e -> error.set(I18n.t("ui.wizard.completion.error", I18n.text(FxTask.unwrap(e)))));
        return t;
    }

    static String domainText(List<DomainClaimRecord> claims) {
        List<String> verified = claims.stream().filter(c -> "VERIFIED".equalsIgnoreCase(c.status()))
                .map(DomainClaimRecord::domain).sorted().toList();
        long other = claims.size() - verified.size();
        String v = verified.isEmpty() ? I18n.t("ui.wizard.completion.domains.none") : String.join(", ", verified);
        return other == 0 ? v : I18n.t("ui.wizard.completion.domains.pending", v, other);
    }

    public Finished finished() {
        return finished;
    }

    public ReadOnlyStringProperty providerProperty() {
        return provider.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty goodProperty() {
        return good.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty keystoreProperty() {
        return keystore.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty domainsProperty() {
        return domains.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
