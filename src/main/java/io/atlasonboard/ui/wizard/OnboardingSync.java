package io.atlasonboard.ui.wizard;

import io.atlasonboard.core.onboarding.Onboarding;
import io.atlasonboard.core.onboarding.OnboardingField;
import io.atlasonboard.core.tasks.TaskService;
import io.atlasonboard.ui.common.FxTask;
import io.atlasonboard.ui.common.I18n;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Keeps a {@link WizardState} and its stored {@link Onboarding} in step, driven by the state's field bindings (one
 * per {@link OnboardingField}). Loading reads every value (secrets opened) on the task service; afterwards every
 * change is queued on the UI thread in its stored form and written shortly after (debounced) by a background job, in
 * order, so the UI thread never touches the database or the cipher. Secrets travel as {@code char[]}: the snapshot's
 * are wiped once shown, a queued one when a newer value replaces it or once it is sealed.
 */
public final class OnboardingSync {
    /** How long changes are collected before they are written. */
    public static final long DEBOUNCE_MILLIS = 250;

    private final Onboarding onboarding;
    private final TaskService tasks;
    private final Executor ui;
    private final Object lock = new Object();
    /** Latest pending stored value per field (insertion order kept). Guarded by {@code lock}. */
    private final Map<OnboardingField<?>, Object> pending = new LinkedHashMap<>();
    private boolean scheduled;
    private CompletableFuture<Void> lastWrite = CompletableFuture.completedFuture(null);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private boolean attached;

    public OnboardingSync(Onboarding onboarding, TaskService tasks, Executor ui) {
        this.onboarding = onboarding;
        this.tasks = tasks;
        this.ui = ui;
    }

    public Onboarding onboarding() {
        return onboarding;
    }

    /** "Saving…", "All changes saved" or what went wrong; updated on the UI thread. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /**
     * Every stored value of an onboarding, read in the background (secrets opened there, as char[]). Handed to
     * {@link #attach} once, which wipes its secrets; {@link #wipe()} does so for a snapshot that is not attached.
     */
    public static final class Snapshot {
        private final Map<OnboardingField<?>, Object> values;

        private Snapshot(Map<OnboardingField<?>, Object> values) {
            this.values = values;
        }

        @SuppressWarnings("unchecked")
        <T> T value(OnboardingField<T> field) {
            return (T) values.get(field);
        }

        /** Overwrites every secret this snapshot holds. */
        public void wipe() {
            for (Object v : values.values()) {
                if (v instanceof char[] c) {
                    Arrays.fill(c, '\0');
                }
            }
        }

        @Override
        public String toString() {
            return "Snapshot[" + values.get(OnboardingField.LABEL) + ", step " // not user-visible
                    + values.get(OnboardingField.STEP) + ", secrets hidden]"; // not user-visible
        }
    }

    /** Reads the onboarding; call on a worker thread. */
    public static Snapshot read(Onboarding o) {
        Map<OnboardingField<?>, Object> values = new HashMap<>();
        try {
            for (OnboardingField<?> f : OnboardingField.all()) {
                values.put(f, o.get(f));
            }
        } catch (RuntimeException e) {
            new Snapshot(values).wipe();
            throw e;
        }
        return new Snapshot(values);
    }

    /** Fills the state (UI thread), wipes the snapshot's secrets, and from then on writes every change back. */
    public void attach(WizardState s, Snapshot snap) {
        try {
            for (FieldBinding<?> b : s.bindings()) {
                load(b, snap);
            }
        } finally {
            snap.wipe();
        }
        // a stored step past the provider step needs the provider (5) it was reached with
        int last = s.providerIdProperty().get() == null ? WizardViewModel.PROVIDER_STEP
                : WizardViewModel.AVAILABLE_STEPS - 1;
        s.stepProperty().set(Math.max(0, Math.min(last, s.stepProperty().get())));
        if (attached) {
            return;
        }
        attached = true;
        for (FieldBinding<?> b : s.bindings()) {
            b.watch(this::queue);
        }
    }

    private static <S> void load(FieldBinding<S> b, Snapshot snap) {
        b.load(snap.value(b.field));
    }

    private void queue(OnboardingField<?> field, Object stored) {
        boolean schedule;
        synchronized (lock) {
            wipe(pending.remove(field));
            pending.put(field, stored);
            schedule = !scheduled;
            scheduled = true;
        }
        status.set(I18n.t("ui.wizard.sync.saving"));
        if (schedule) {
            Executor later = CompletableFuture.delayedExecutor(DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS);
            later.execute(this::writePending);
        }
    }

    private static void wipe(Object stored) {
        if (stored instanceof char[] c) {
            Arrays.fill(c, '\0');
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void store(Onboarding o, OnboardingField<T> field, Object value) {
        o.set(field, (T) value);
    }

    /** One queued write: a field and its value in stored form (may be null). */
    private record Write(OnboardingField<?> field, Object value) {
        @Override
        public String toString() {
            return "Write[" + field + "]"; // not user-visible
        }
    }

    /** Submits the pending writes as one background job, chained after the previous one so order is kept. */
    private CompletableFuture<Void> writePending() {
        synchronized (lock) {
            scheduled = false;
            if (pending.isEmpty()) {
                return lastWrite;
            }
            List<Write> batch = pending.entrySet().stream().map(w -> new Write(w.getKey(), w.getValue())).toList();
            pending.clear();
            CompletableFuture<Void> previous = lastWrite;
            CompletableFuture<Void> next = previous.handle((v, e) -> null)
                    .thenCompose(x -> tasks.<Void>submit(I18n.t("ui.wizard.sync.task"), p -> {
                        try {
                            for (Write w : batch) {
                                store(onboarding, w.field(), w.value());
                            }
                        } finally {
                            batch.forEach(w -> wipe(w.value()));
                        }
                        return null;
                    }).result());
            lastWrite = next;
            // the returned stage completes after the status was handed to the UI thread
            return next.whenComplete((v, e) -> ui.execute(() -> {
                boolean more;
                synchronized (lock) {
                    more = !pending.isEmpty() || lastWrite != next;
                }
                if (e != null) {
                    status.set(I18n.t("ui.wizard.sync.failed", I18n.text(FxTask.unwrap(e))));
                } else if (!more) {
                    status.set(I18n.t("ui.wizard.sync.saved"));
                }
            }));
        }
    }

    /** Marks the onboarding complete (Finish on the last step) and writes it with whatever else is pending. */
    public CompletableFuture<Void> markCompleted() {
        queue(OnboardingField.COMPLETED, Boolean.TRUE);
        return flush();
    }

    /** Writes what is pending now; the future completes when everything queued so far is stored. */
    public CompletableFuture<Void> flush() {
        return writePending();
    }
}
