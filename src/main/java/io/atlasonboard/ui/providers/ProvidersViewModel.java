package io.atlasonboard.ui.providers;

import io.atlasonboard.ui.common.I18n;

import io.atlasonboard.ui.common.UiJobs;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.atlasonboard.core.providers.MtlsLifetime;
import javafx.collections.ObservableMap;

import io.atlasonboard.core.store.ConnectionStatus;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.Store;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** "Administration -> Certificate Providers": the stored providers with their last connection status. */
public final class ProvidersViewModel {

    private final Store store;
    private final UiJobs jobs;
    private final ConnectionStatusViewModel status;
    private final ObservableList<ProviderRecord> providers = FXCollections.observableArrayList();
    private final ObjectProperty<ProviderRecord> selected = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    /** The mTLS certificate's lifetime per provider id (absent: the keystore does not open). */
    private final ObservableMap<Long, MtlsLifetime> lifetimes = FXCollections.observableHashMap();
    private java.util.function.LongConsumer onDeleted = id -> { };

    public ProvidersViewModel(Store store, UiJobs jobs, ConnectionStatusViewModel status) {
        this.store = Objects.requireNonNull(store);
        this.jobs = Objects.requireNonNull(jobs);
        this.status = Objects.requireNonNull(status);
        status.setOnFinished(this::refresh);
        selected.addListener((o, a, r) -> {
            if (r != null && !status.runningProperty().get()) {
                status.show(r);
            }
        });
    }

    public void refresh() {
        jobs.run(I18n.t("ui.providers.list.job"), p -> {
            List<ProviderRecord> list = store.providers().list();
            Map<Long, MtlsLifetime> l = new HashMap<>();
            Instant now = Instant.now();
            for (ProviderRecord r : list) {
                MtlsLifetime.of(store.providers(), r, now).ifPresent(x -> l.put(r.id(), x));
            }
            return Map.entry(list, l);
        }).onSuccess(loaded -> {
            List<ProviderRecord> list = loaded.getKey();
            ProviderRecord sel = selected.get();
            lifetimes.clear();
            lifetimes.putAll(loaded.getValue());
            providers.setAll(list);
            if (sel != null) {
                ProviderRecord again = list.stream().filter(x -> x.id().equals(sel.id())).findFirst().orElse(null);
                selected.set(again);
            } else if (!list.isEmpty()) {
                selected.set(list.get(0));
            }
        }).onFailure(e -> message.set(I18n.t("ui.providers.list.readFailed", I18n.text(UiJobs.unwrap(e)))));
    }

    public void retestSelected() {
        ProviderRecord r = selected.get();
        if (r != null) {
            message.set("");
            status.test(r.id());
        }
    }

    /** Deletes the provider with its claims and certificates (the view confirms first). */
    public void delete(ProviderRecord r) {
        jobs.run(I18n.t("ui.providers.delete.job"), p -> {
            boolean ok = store.providers().delete(r.id());
            onDeleted.accept(r.id());
            return ok;
        }).onSuccess(ok -> {
            message.set(I18n.t(ok ? "ui.providers.delete.done" : "ui.providers.delete.gone", r.name()));
            if (selected.get() != null && selected.get().id().equals(r.id())) {
                selected.set(null);
            }
            refresh();
        }).onFailure(e -> message.set(I18n.t("ui.providers.delete.failed", I18n.text(UiJobs.unwrap(e)))));
    }

    /** Runs on the background job after a provider is deleted (e.g. to drop cached API clients). */
    public void setOnDeleted(java.util.function.LongConsumer action) {
        this.onDeleted = action == null ? id -> { } : action;
    }

    /** "Dec 22, 2026" for the mTLS column; empty when unknown. */
    public static String mtlsUntil(MtlsLifetime l) {
        return l == null ? I18n.t("ui.handoff.list.unknown") : I18n.date(l.notAfter());
    }

    /** Days left with the level in words (the colour only repeats it): "▲ 19 days: renew now". */
    public static String mtlsDaysLeft(MtlsLifetime l) {
        return l == null ? I18n.t("ui.handoff.list.unknown")
                : I18n.t("ui.handoff.list.days." + l.level().name(), l.daysLeft());
    }

    public static String statusText(ConnectionStatus s) {
        String state = I18n.t("ui.providers.state." + s.state().name());
        return s.checkedAt() == null ? state : I18n.t("ui.providers.state.withTime", state, I18n.dateTime(s.checkedAt()));
    }

    public ObservableList<ProviderRecord> providers() { return providers; }
    public ObjectProperty<ProviderRecord> selectedProperty() { return selected; }
    public StringProperty messageProperty() { return message; }
    public ObservableMap<Long, MtlsLifetime> lifetimes() { return lifetimes; }
    public ConnectionStatusViewModel status() { return status; }
}
