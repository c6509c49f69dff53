package io.atlasonboard.ui.handoff;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.atlasonboard.core.providers.AuditTrail;
import io.atlasonboard.core.store.AuditEntry;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.SafeFiles;
import io.atlasonboard.ui.common.UiJobs;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** "Log…": the provider's recorded API calls from a chosen time on, and "Save as CSV…" for a support ticket. */
public final class AuditLogViewModel {
    /** How far back the table reaches. */
    public enum Since {
        HOUR(Duration.ofHours(1)), DAY(Duration.ofDays(1)), WEEK(Duration.ofDays(7)), MONTH(Duration.ofDays(30)),
        ALL(null);

        private final Duration duration;

        Since(Duration d) {
            this.duration = d;
        }

        public Duration duration() {
            return duration;
        }

        public String label() {
            return I18n.t("ui.handoff.log.since." + name());
        }
    }

    private final Store store;
    private final ProviderRecord provider;
    private final UiJobs jobs;
    private final Clock clock;
    private final ObservableList<AuditEntry> entries = FXCollections.observableArrayList();
    private final ObjectProperty<Since> since = new SimpleObjectProperty<>(Since.WEEK);
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty running = new SimpleBooleanProperty(false);

    public AuditLogViewModel(Store store, ProviderRecord provider, UiJobs jobs, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.provider = Objects.requireNonNull(provider);
        this.jobs = Objects.requireNonNull(jobs);
        this.clock = Objects.requireNonNull(clock);
        since.addListener((o, a, b) -> load());
    }

    /** Reads the entries from the chosen time on (newest last, as recorded). */
    public void load() {
        Duration d = since.get() == null ? null : since.get().duration();
        running.set(true);
        error.set("");
        jobs.run(I18n.t("ui.handoff.log.job"), p -> AuditTrail.since(store.audit(), provider.id(), d,
                clock.instant())).onSuccess(list -> {
                    running.set(false);
                    entries.setAll(list);
                    message.set(I18n.t("ui.handoff.log.count", list.size()));
                }).onFailure(e -> {
                    running.set(false);
                    error.set(I18n.t("ui.handoff.log.failed", I18n.text(UiJobs.unwrap(e))));
                });
    }

    /** Writes the entries shown now as CSV (RFC 4180, times in UTC). */
    public void saveCsv(Path file) {
        List<AuditEntry> now = List.copyOf(entries);
        running.set(true);
        error.set("");
        jobs.run(I18n.t("ui.handoff.log.csvJob"), p -> {
            SafeFiles.write(file, AuditTrail.csv(now).getBytes(StandardCharsets.UTF_8), false);
            return now.size();
        }).onSuccess(n -> {
            running.set(false);
            message.set(I18n.t("ui.handoff.log.saved", n, file));
        }).onFailure(e -> {
            running.set(false);
            error.set(I18n.t("ui.handoff.log.saveFailed", I18n.text(UiJobs.unwrap(e))));
        });
    }

    /** The status column: the HTTP status, or what failed when no answer came. */
    public static String status(AuditEntry e) {
        if (e.status() != null) {
            return String.valueOf(e.status());
        }
        return e.transportError() == null ? I18n.t("ui.handoff.log.noAnswer")
                : I18n.t("ui.handoff.log.noAnswerBecause", e.transportError());
    }

    public static String duration(AuditEntry e) {
        return I18n.t("ui.handoff.log.ms", I18n.number(e.duration().toMillis()));
    }

    public ProviderRecord provider() { return provider; }
    public ObservableList<AuditEntry> entries() { return entries; }
    public ObjectProperty<Since> sinceProperty() { return since; }
    public StringProperty messageProperty() { return message; }
    public StringProperty errorProperty() { return error; }
    public BooleanProperty runningProperty() { return running; }
}
