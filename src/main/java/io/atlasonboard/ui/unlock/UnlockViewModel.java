package io.atlasonboard.ui.unlock;

import io.atlasonboard.core.store.PassphraseStrength;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.core.store.StoreException;
import io.atlasonboard.core.store.StoreUnreadableException;
import io.atlasonboard.core.store.WrongPassphraseException;
import io.atlasonboard.ui.common.FxTask;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.UiJobs;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * First start (choose the master passphrase) and later starts (unlock). Deriving the key and opening the database run
 * on the task service; the result arrives on the UI thread as an open {@link Store}.
 */
public final class UnlockViewModel {
    public enum Mode {
        CHECKING, CREATE, UNLOCK
    }

    private final Path home;
    private final UiJobs tasks;
    private final Consumer<Store> onOpened;

    public final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.CHECKING);
    public final StringProperty passphrase = new SimpleStringProperty("");
    public final StringProperty confirmation = new SimpleStringProperty("");
    public final StringProperty strengthText = new SimpleStringProperty("");
    /** 0..1 for the strength bar. */
    public final DoubleProperty strengthFraction = new SimpleDoubleProperty(0);
    public final BooleanProperty strengthAcceptable = new SimpleBooleanProperty(false);
    public final StringProperty error = new SimpleStringProperty("");
    /** A store that cannot be read: nothing destructive is offered, only this explanation. */
    public final BooleanProperty unreadable = new SimpleBooleanProperty(false);
    public final BooleanProperty busy = new SimpleBooleanProperty(false);
    public final StringProperty progressMessage = new SimpleStringProperty("");
    public final DoubleProperty progress = new SimpleDoubleProperty(-1);
    public final BooleanBinding canSubmit;

    public UnlockViewModel(Path home, UiJobs tasks, Consumer<Store> onOpened) {
        this.home = home;
        this.tasks = tasks;
        this.onOpened = onOpened;
        passphrase.addListener((o, a, b) -> {
            error.set("");
            assess();
        });
        confirmation.addListener((o, a, b) -> error.set(""));
        mode.addListener((o, a, b) -> assess());
        canSubmit = Bindings.createBooleanBinding(() -> {
            if (busy.get() || unreadable.get() || passphrase.get().isEmpty()) {
                return false;
            }
            return switch (mode.get()) {
                case CHECKING -> false;
                case UNLOCK -> true;
                case CREATE -> strengthAcceptable.get() && passphrase.get().equals(confirmation.get());
            };
        }, busy, unreadable, passphrase, confirmation, mode, strengthAcceptable);
    }

    public Path home() {
        return home;
    }

    /** Looks (off the UI thread) whether a store exists, and switches to CREATE or UNLOCK. */
    public FxTask<Boolean> check() {
        java.util.Locale locale = I18n.locale();
        FxTask<Boolean> t = tasks.run(I18n.t("ui.unlock.task.check"), p -> {
            // the strength texts' bundles read here, not by the FX thread's first assess() (a cold bundle load
            // was part of the unlock screen's longest stall, issue 12)
            PassphraseStrength.assess(new char[0]).hint(locale);
            return Store.exists(home);
        });
        t.onSuccess(exists -> mode.set(exists ? Mode.UNLOCK : Mode.CREATE));
        t.onFailure(e -> error.set(I18n.t("ui.unlock.error.check", home, I18n.text(e))));
        return t;
    }

    /** Text shown below the confirmation field while the two entries differ. */
    public String confirmationHint() {
        if (mode.get() != Mode.CREATE || confirmation.get().isEmpty()) {
            return "";
        }
        return I18n.t(passphrase.get().equals(confirmation.get()) ? "ui.unlock.match" : "ui.unlock.mismatch");
    }

    private void assess() {
        if (mode.get() != Mode.CREATE) {
            return;
        }
        char[] chars = passphrase.get().toCharArray();
        try {
            PassphraseStrength s = PassphraseStrength.assess(chars);
            strengthText.set(s.hint(I18n.locale()));
            strengthFraction.set(Math.max(0, Math.min(1, s.score() / 4.0)));
            strengthAcceptable.set(s.acceptable());
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    public FxTask<Store> submit() {
        if (!canSubmit.get()) {
            return null;
        }
        Mode m = mode.get();
        char[] chars = passphrase.get().toCharArray();
        busy.set(true);
        error.set("");
        FxTask<Store> t = tasks.run(I18n.t(m == Mode.CREATE ? "ui.unlock.task.create" : "ui.unlock.task.unlock"), p -> {
            try {
                p.update(-1, I18n.t(m == Mode.CREATE ? "ui.unlock.progress.create" : "ui.unlock.progress.unlock"));
                return m == Mode.CREATE ? Store.create(home, chars) : Store.open(home, chars);
            } finally {
                Arrays.fill(chars, '\0');
            }
        });
        progressMessage.bind(t.messageProperty());
        progress.bind(t.progressProperty());
        t.whenDone((store, e) -> {
            progressMessage.unbind();
            progress.unbind();
            busy.set(false);
            if (e == null) {
                passphrase.set("");
                confirmation.set("");
                onOpened.accept(store);
                return;
            }
            Throwable cause = FxTask.unwrap(e);
            if (cause instanceof WrongPassphraseException) {
                passphrase.set(""); // clears the old error too, so the message is set after it
                error.set(I18n.t("ui.unlock.error.wrong"));
            } else if (cause instanceof StoreUnreadableException u) {
                unreadable.set(true);
                error.set(I18n.t("ui.unlock.error.unreadable", I18n.text(u), u.file().getFileName()));
            } else if (cause instanceof StoreException) {
                error.set(I18n.text(cause));
            } else {
                error.set(I18n.t("ui.unlock.error.open", cause));
            }
        });
        return t;
    }
}
