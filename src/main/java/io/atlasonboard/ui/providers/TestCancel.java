package io.atlasonboard.ui.providers;

import io.atlasonboard.core.providers.ConnectionStep;
import io.atlasonboard.core.store.ConnectionStatus;
import io.atlasonboard.ui.common.I18n;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Cancel side of {@link ConnectionStatusViewModel}: what the running test waits for ("Testing the connection to
 * https://…: step 3 of 6") and the "Cancelled: …" sentence after Cancel. UI thread only.
 */
final class TestCancel {
    private final ConnectionStatusViewModel vm;
    private final StringProperty waitingFor = new SimpleStringProperty("");
    private long urlOf = -1;
    private String url;
    private ConnectionStatus.State before = ConnectionStatus.State.UNKNOWN;
    private int step;

    TestCancel(ConnectionStatusViewModel vm) {
        this.vm = vm;
        vm.runningProperty().addListener((o, a, running) -> {
            if (!running) {
                waitingFor.set("");
            }
        });
    }

    /** The API URL of the provider shown (known from its record; a test by id alone names no URL). */
    void url(long providerId, String apiUrl) {
        urlOf = providerId;
        url = apiUrl;
    }

    void started(long providerId, ConnectionStatus.State shownBefore) {
        if (providerId != urlOf) {
            url = null;
            urlOf = providerId;
        }
        before = shownBefore == null ? ConnectionStatus.State.UNKNOWN : shownBefore;
        step = 0;
        update();
    }

    void step(ConnectionStep s) {
        step = s.ordinal() + 1;
        update();
    }

    void show(int ofRun) {
        int total = ConnectionStep.values().length;
        String what = url == null
                ? I18n.t("ui.providers.cancel.done", step, total)
                : I18n.t("ui.providers.cancel.doneUrl", url, step, total);
        vm.showCancelled(ofRun, before, what);
    }

    private void update() {
        int total = ConnectionStep.values().length;
        int shown = Math.max(1, step);
        waitingFor.set(url == null ? I18n.t("ui.providers.cancel.waiting", shown, total)
                : I18n.t("ui.providers.cancel.waitingUrl", url, shown, total));
    }

    StringProperty waitingForProperty() {
        return waitingFor;
    }
}
