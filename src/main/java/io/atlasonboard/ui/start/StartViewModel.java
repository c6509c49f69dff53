package io.atlasonboard.ui.start;

import io.atlasonboard.core.onboarding.Onboarding;
import io.atlasonboard.core.onboarding.OnboardingSummary;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.ui.common.FxTask;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.UiJobs;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import io.atlasonboard.core.providers.MtlsLifetime;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The start page: onboardings in progress (Resume / Delete) and "New onboarding". */
public final class StartViewModel {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm") // not user-visible
            .withZone(ZoneId.systemDefault());

    private final Store store;
    private final UiJobs tasks;
    private final LongConsumer openWizard;

    public final ObservableList<OnboardingSummary> onboardings = FXCollections.observableArrayList();
    public final StringProperty newLabel = new SimpleStringProperty("");
    public final StringProperty error = new SimpleStringProperty("");
    public final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final ObservableList<MtlsLifetime> renewals = FXCollections.observableArrayList();
    private Consumer<String> onRenew = n -> { };

    public StartViewModel(Store store, UiJobs tasks, LongConsumer openWizard) {
        this.store = store;
        this.tasks = tasks;
        this.openWizard = openWizard;
    }

    public FxTask<List<OnboardingSummary>> refresh() {
        checkRenewals();
        FxTask<List<OnboardingSummary>> t = tasks.run(I18n.t("ui.start.task.list"), p -> store.onboardings().list());
        t.onSuccess(onboardings::setAll);
        t.onFailure(e -> error.set(I18n.t("ui.start.error.list", I18n.text(e))));
        return t;
    }

    /** Providers whose mTLS certificate is within 30 days of expiry (or expired): the start-up warning. */
    public FxTask<List<MtlsLifetime>> checkRenewals() {
        FxTask<List<MtlsLifetime>> t = tasks.run(I18n.t("ui.handoff.start.job"),
                p -> MtlsLifetime.needingRenewal(store.providers(), Instant.now()));
        t.onSuccess(renewals::setAll);
        return t;
    }

    /** The warning's sentence for one provider, in the user's language. */
    public static String renewalText(MtlsLifetime l) {
        return l.level() == MtlsLifetime.Level.EXPIRED
                ? I18n.t("ui.handoff.start.expired", l.providerName(), I18n.date(l.notAfter()))
                : I18n.t("ui.handoff.start.expires", l.providerName(), I18n.date(l.notAfter()), l.daysLeft());
    }

    /** What "Renew…" next to a warned provider does (open the providers window on its renewal). */
    public void setOnRenew(Consumer<String> action) {
        this.onRenew = action == null ? n -> { } : action;
    }

    public void renew(MtlsLifetime l) {
        onRenew.accept(l.providerName());
    }

    public ObservableList<MtlsLifetime> renewals() {
        return renewals;
    }

    public String defaultLabel() {
        return I18n.t("ui.start.defaultLabel", WHEN.format(Instant.now()));
    }

    public FxTask<Onboarding> createNew() {
        String label = newLabel.get() == null || newLabel.get().isBlank() ? defaultLabel() : newLabel.get().strip();
        busy.set(true);
        error.set("");
        FxTask<Onboarding> t = tasks.run(I18n.t("ui.start.task.create"), p -> store.onboardings().create(label, false));
        t.whenDone((o, e) -> {
            busy.set(false);
            if (e != null) {
                error.set(I18n.t("ui.start.error.create", I18n.text(FxTask.unwrap(e))));
            } else {
                newLabel.set("");
                openWizard.accept(o.getId());
            }
        });
        return t;
    }

    public void resume(OnboardingSummary s) {
        openWizard.accept(s.id());
    }

    public FxTask<Boolean> delete(OnboardingSummary s) {
        FxTask<Boolean> t = tasks.run(I18n.t("ui.start.task.delete"), p -> store.onboardings().delete(s.id()));
        t.whenDone((ok, e) -> {
            if (e != null) {
                error.set(I18n.t("ui.start.error.delete", s.label(), I18n.text(FxTask.unwrap(e))));
            }
            refresh();
        });
        return t;
    }

    public static String stepText(int step) {
        List<String> titles = io.atlasonboard.ui.wizard.WizardViewModel.stepTitles();
        int i = Math.max(1, step);
        return I18n.t("ui.start.step", i, i <= titles.size() ? titles.get(io.atlasonboard.ui.wizard.StepNumbers.toIndex(i)) : I18n.t("ui.start.step.later"));
    }

    public static String when(Instant t) {
        return t == null ? "" : WHEN.format(t);
    }
}
