package io.atlasonboard.ui.handoff;

import java.time.Clock;
import java.util.Objects;
import java.util.function.LongConsumer;

import io.atlasonboard.core.handoff.ProviderExporter;
import io.atlasonboard.core.atlas.Sleeper;
import io.atlasonboard.core.providers.MtlsRenewal;
import io.atlasonboard.core.providers.ProviderService;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.ui.common.Confirmer;
import io.atlasonboard.ui.common.FileOpener;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.UiJobs;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Opens the hand-off windows of a provider over the providers window: "Export for…", "Renew mTLS certificate…" and
 * "Log…" (each its own window, modal to the one that asked, styled like it).
 */
public final class HandoffDialogs {
    private final Store store;
    private final UiJobs jobs;
    private final FileOpener files;
    private final Confirmer confirmer;
    private final Clock clock;
    private final RenewalViewModel.SandboxPortal portal;
    private final LongConsumer onKeystoreChanged;

    /**
     * @param portal            the sandbox portal for sandbox providers (null: none)
     * @param onKeystoreChanged run in the background after a provider's mTLS keystore was switched or restored
     *                          (e.g. to drop cached API clients)
     */
    public HandoffDialogs(Store store, UiJobs jobs, FileOpener files, Confirmer confirmer, Clock clock,
            RenewalViewModel.SandboxPortal portal, LongConsumer onKeystoreChanged) {
        this.store = Objects.requireNonNull(store);
        this.jobs = Objects.requireNonNull(jobs);
        this.files = Objects.requireNonNull(files);
        this.confirmer = Objects.requireNonNull(confirmer);
        this.clock = Objects.requireNonNull(clock);
        this.portal = portal;
        this.onKeystoreChanged = onKeystoreChanged;
    }

    /** "Export for…" of {@code provider}. */
    public Stage export(Node owner, ProviderRecord provider) {
        ExportViewModel vm = new ExportViewModel(provider, new ProviderExporter(store.providers(), clock), jobs);
        Stage s = stage(owner, I18n.t("ui.handoff.export.window", provider.name()));
        s.setScene(scene(owner, new ExportView(vm, files, confirmer, s::close), 780, 660));
        s.show();
        return s;
    }

    /** "Renew mTLS certificate…" of {@code provider}; {@code onClosed} runs when the window closes. */
    public Stage renew(Node owner, ProviderRecord provider, Runnable onClosed) {
        MtlsRenewal renewal = new MtlsRenewal(store, new ProviderService(store.providers(), clock, Sleeper.REAL),
                clock);
        RenewalViewModel vm = new RenewalViewModel(store, provider, renewal, jobs, clock, portal, onKeystoreChanged);
        Stage s = stage(owner, I18n.t("ui.handoff.renew.window", provider.name()));
        s.setScene(scene(owner, new RenewalView(vm, files, confirmer, s::close), 800, 680));
        if (onClosed != null) {
            s.setOnHidden(e -> onClosed.run());
        }
        vm.load();
        s.show();
        return s;
    }

    /** "Log…" of {@code provider}: its recorded API calls. */
    public Stage log(Node owner, ProviderRecord provider) {
        AuditLogViewModel vm = new AuditLogViewModel(store, provider, jobs, clock);
        Stage s = stage(owner, I18n.t("ui.handoff.log.window", provider.name()));
        s.setScene(scene(owner, new AuditLogView(vm, files, s::close), 1000, 600));
        vm.load();
        s.show();
        return s;
    }

    private static Stage stage(Node owner, String title) {
        Stage s = new Stage();
        Window w = owner == null || owner.getScene() == null ? null : owner.getScene().getWindow();
        if (w != null) {
            s.initOwner(w);
            s.initModality(Modality.WINDOW_MODAL);
        }
        s.setTitle(title);
        s.setMinWidth(640);
        s.setMinHeight(480);
        return s;
    }

    private static Scene scene(Node owner, Parent root, double w, double h) {
        Scene sc = new Scene(root, w, h);
        if (owner != null && owner.getScene() != null) {
            sc.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        return sc;
    }
}
