package io.atlasonboard.ui.shell;

import io.atlasonboard.ui.common.UiJobs;
import io.atlasonboard.ui.common.Confirmer;
import io.atlasonboard.ui.common.FileOpener;

import io.atlasonboard.ui.providers.ProviderFormView;
import io.atlasonboard.ui.wizard.steps.ProviderPages;
import io.atlasonboard.ui.providers.ProviderFormViewModel;
import io.atlasonboard.ui.providers.ConnectionStatusView;
import io.atlasonboard.ui.providers.ConnectionStatusViewModel;
import io.atlasonboard.ui.providers.ProvidersView;
import io.atlasonboard.ui.providers.ProvidersViewModel;
import io.atlasonboard.ui.providers.ProviderConnector;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

import io.atlasonboard.core.dns.PropagationChecker;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.Store;
import io.atlasonboard.sim.Sandbox;
import io.atlasonboard.ui.certificates.CertificatesView;
import io.atlasonboard.ui.certificates.CertificatesViewModel;
import io.atlasonboard.ui.dns.AlternativeValidationView;
import io.atlasonboard.ui.dns.ClaimOps;
import io.atlasonboard.ui.dns.SandboxMailbox;
import io.atlasonboard.ui.dns.ClaimServiceOps;
import io.atlasonboard.ui.dns.DnsValidationView;
import io.atlasonboard.ui.dns.DnsValidationViewModel;
import io.atlasonboard.ui.sandbox.SandboxSession;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Builds the provider, connection-status, DNS, certificate and providers-window panes with their view models
 * (constructor injection; one instance per unlocked store). Close it when the store closes.
 */
public final class ProviderPanes implements ProviderPages, AutoCloseable {
    private final Store store;
    private final UiJobs jobs;
    private final FileOpener files;
    private final Confirmer confirmer;
    private final Clock clock;
    private final PropagationChecker checker;
    private final SandboxSession sandbox;
    private final ProviderConnector connector;
    private final ClaimServiceOps serviceClaims;
    private final ClaimOps claims;

    /**
     * @param claims  the claim flow to use, or null for {@link ClaimServiceOps} ({@code core.claims.ClaimService})
     * @param sandbox the sandbox session (null: no sandbox; "Publish in sandbox DNS" is offered for sandbox providers
     *                while it runs)
     */
    public ProviderPanes(Store store, UiJobs jobs, FileOpener files, Confirmer confirmer, Clock clock,
            PropagationChecker checker, SandboxSession sandbox, ClaimOps claims) {
        this.store = Objects.requireNonNull(store);
        this.jobs = Objects.requireNonNull(jobs);
        this.files = Objects.requireNonNull(files);
        this.confirmer = Objects.requireNonNull(confirmer);
        this.clock = Objects.requireNonNull(clock);
        this.checker = Objects.requireNonNull(checker);
        this.sandbox = sandbox;
        this.connector = new ProviderConnector(store, clock);
        this.serviceClaims = new ClaimServiceOps(connector, clock, this::checkerFor);
        this.claims = claims != null ? claims : serviceClaims;
    }

    /**
     * The panes for the running application: UI jobs from the shell's {@code FxTasks}, the shell's file dialogs,
     * confirmation alerts, the system's DNS resolvers for propagation checks, and {@code core.claims.ClaimService}
     * for claims.
     */
    public static ProviderPanes forApp(AppContext ctx, Store store, SandboxSession sandbox) {
        FileOpener files = ctx.fileDialogs();
        return new ProviderPanes(store, ctx.fxTasks(), files,
                Confirmer.alerts(), ctx.clock(), PropagationChecker.withDefaults(), sandbox, null);
    }

    /** Step 5 form (new provider). Wire {@code form.viewModel().setOnSaved(...)} to run step 6. */
    @Override
    public ProviderFormView providerForm() {
        ProviderFormViewModel vm = new ProviderFormViewModel(store, jobs, files);
        vm.setOnStored(serviceClaims::forget);
        return new ProviderFormView(vm);
    }

    /** Step 6 pane; call {@code view.viewModel().test(providerId)} to run the check. */
    @Override
    public ConnectionStatusView connectionStatus() {
        return new ConnectionStatusView(new ConnectionStatusViewModel(connector, jobs));
    }

    /** The sandbox's own DNS server for a sandbox provider while the sandbox runs, else the configured checker. */
    private PropagationChecker checkerFor(ProviderRecord p) {
        Sandbox s = sandbox == null ? null : sandbox.current();
        PropagationChecker own = p.sandbox() && s != null ? s.propagationChecker() : null;
        return own != null ? own : checker;
    }

    /** Step 7 / "Domains" of a provider; {@code offered} are the CSR's names (may be empty). */
    @Override
    public DnsValidationView dns(ProviderRecord provider, List<String> offered) {
        DnsValidationViewModel.TxtPublisher pub = null;
        if (provider.sandbox() && sandbox != null) {
            pub = sandbox::publishTxt; // any thread: SandboxSession's holder, not its FX property
        }
        DnsValidationViewModel vm = new DnsValidationViewModel(provider.id(), claims, checkerFor(provider), pub, jobs,
                clock);
        vm.offerDomains(offered == null ? List.of() : offered);
        vm.setFiles(files); // "Save for the DNS team..." through the one file-dialog service
        vm.load();
        DnsValidationView view = new DnsValidationView(vm);
        view.setAlternativeValidation(alternativeValidation(provider)); // null: no "Other method..." button
        return view;
    }

    /**
     * The HTTP / e-mail validation dialog for a claim of {@code provider} (issue 9); a sandbox provider gets the
     * running sandbox's mailbox (read when the dialog opens, on the FX thread).
     */
    private java.util.function.Function<io.atlasonboard.ui.dns.ClaimRow, javafx.scene.Parent> alternativeValidation(
            ProviderRecord provider) {
        return row -> {
            Sandbox s = provider.sandbox() && sandbox != null ? sandbox.current() : null;
            SandboxMailbox mailbox = s == null ? null
                    : SandboxMailbox.overPortal(s.simulator().portalUrl(), s.serverCaPem());
            return AlternativeValidationView.create(provider.id(), row.record().domain(), connector, jobs, clock,
                    mailbox);
        };
    }

    /** "Certificates" of a provider (reads the policy and the stored certificates). */
    public CertificatesView certificates(ProviderRecord provider) {
        CertificatesViewModel vm = new CertificatesViewModel(provider.id(), connector, jobs, files, clock);
        vm.load();
        return new CertificatesView(vm, confirmer);
    }

    /** The providers window content ("Administration -> Certificate Providers"). */
    public ProvidersView providersView() {
        ConnectionStatusViewModel status = new ConnectionStatusViewModel(connector, jobs);
        ProvidersViewModel vm = new ProvidersViewModel(store, jobs, status);
        vm.setOnDeleted(serviceClaims::forget);
        ProvidersView[] self = new ProvidersView[1];
        self[0] = new ProvidersView(vm, confirmer, r -> {
            ProviderFormViewModel form = new ProviderFormViewModel(store, jobs, files);
            form.edit(r);
            form.setOnStored(serviceClaims::forget);
            form.setOnSaved(saved -> {
                vm.refresh();
                self[0].showStatusOf(saved);
                status.test(saved.id());
            });
            return new ProviderFormView(form);
        }, r -> dns(r, List.of()), this::certificates, () -> {
            ProviderFormViewModel form = new ProviderFormViewModel(store, jobs, files);
            form.setOnStored(serviceClaims::forget);
            form.setOnSaved(saved -> {
                vm.refresh();
                vm.selectedProperty().set(saved);
                self[0].showStatusOf(saved);
                status.test(saved.id());
            });
            return new ProviderFormView(form);
        });
        io.atlasonboard.ui.handoff.HandoffDialogs handoff = new io.atlasonboard.ui.handoff.HandoffDialogs(store, jobs,
                files, confirmer, clock, sandbox == null ? null : (key, csr, done, failed) -> sandbox.start(
                        sb -> sandbox.issueMtlsCertificate(key, csr, done, failed), failed), serviceClaims::forget);
        self[0].setHandoffActions(new ProvidersView.HandoffActions(r -> handoff.export(self[0], r),
                r -> handoff.renew(self[0], r, vm::refresh), r -> handoff.log(self[0], r)));
        vm.refresh();
        return self[0];
    }

    /** Opens the providers window (non-modal) over {@code owner}. */
    public Stage openProvidersWindow(Window owner) {
        Stage s = new Stage();
        if (owner != null) {
            s.initOwner(owner);
        }
        s.setTitle(io.atlasonboard.ui.common.I18n.t("ui.shell.providersWindow.title"));
        s.setScene(new Scene(providersView(), 1100, 720));
        s.setMinWidth(800);
        s.setMinHeight(560);
        if (owner != null && owner.getScene() != null) {
            s.getScene().getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        s.show();
        return s;
    }

    @Override
    public void close() {
        serviceClaims.close();
    }

}
