package io.atlasonboard.ui.wizard;

import atlantafx.base.theme.Styles;
import io.atlasonboard.ui.common.FileOpener;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.Views;
import io.atlasonboard.ui.wizard.steps.CertificateView;
import io.atlasonboard.ui.wizard.steps.CredentialsView;
import io.atlasonboard.ui.wizard.steps.CsrView;
import io.atlasonboard.ui.wizard.steps.KeystoreView;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The wizard frame: step header, the current step's view (scrollable), and the Back / Next footer. */
public final class WizardView extends BorderPane {
    private final WizardViewModel vm;
    private final FileOpener dialogs;
    private final Node[] pages = new Node[WizardViewModel.AVAILABLE_STEPS];
    private final ScrollPane scroller = new ScrollPane();

    private final StepPages later;

    public WizardView(WizardViewModel vm, FileOpener dialogs, Runnable toStartPage, Runnable finished) {
        this(vm, dialogs, StepPages.NONE, toStartPage, finished);
    }

    public WizardView(WizardViewModel vm, FileOpener dialogs, StepPages later, Runnable toStartPage,
                      Runnable finished) {
        this.vm = vm;
        this.dialogs = dialogs;
        this.later = later;
        setId("wizardView");
        StepHeader header = new StepHeader(WizardViewModel.stepTitles(), WizardViewModel.AVAILABLE_STEPS);
        header.currentProperty().bind(vm.state().stepProperty());
        header.reachedProperty().bind(vm.furthestProperty());
        header.setOnPick(vm::goTo);
        Label onboardingLabel = new Label();
        onboardingLabel.getStyleClass().add(Styles.TEXT_MUTED);
        onboardingLabel.textProperty().bind(Bindings.createStringBinding(() -> vm.state().sandboxProperty().get()
                ? I18n.t("ui.wizard.label.sandbox", vm.state().labelProperty().get())
                : vm.state().labelProperty().get(),
                vm.state().labelProperty(), vm.state().sandboxProperty()));
        onboardingLabel.setId("onboardingLabel");
        VBox top = new VBox(header);
        setTop(top);

        scroller.setFitToWidth(true);
        scroller.setId("stepScroller");
        setCenter(scroller);

        Button start = Views.button(I18n.t("ui.wizard.startPage"), "mdi2h-home-outline");
        start.setId("toStartPage");
        start.setOnAction(e -> toStartPage.run());
        Label saved = new Label();
        saved.setId("saveStatus");
        saved.getStyleClass().add("hint");
        saved.textProperty().bind(vm.sync().statusProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button back = Views.button(I18n.t("ui.wizard.back"), "mdi2a-arrow-left");
        back.setId("back");
        back.setCancelButton(false);
        back.disableProperty().bind(vm.canGoBackProperty().not());
        back.setOnAction(e -> vm.back());
        Button next = new Button();
        next.setId("next");
        next.setMnemonicParsing(true);
        next.getStyleClass().add(Styles.ACCENT);
        next.textProperty().bind(Bindings.when(vm.onLastStepProperty()).then(I18n.t("ui.wizard.finish"))
                .otherwise(I18n.t("ui.wizard.next")));
        next.disableProperty().bind(vm.canGoNextProperty().not());
        next.setOnAction(e -> {
            if (!vm.next() && vm.canGoNextProperty().get()) {
                finished.run();
            }
        });
        for (Region r : new Region[] {start, back, next, saved}) {
            r.setMinWidth(USE_PREF_SIZE);
        }
        // two short lines instead of one long one, so the footer fits a 1024 px window
        VBox about = new VBox(2, onboardingLabel, saved);
        about.setAlignment(Pos.CENTER_LEFT);
        onboardingLabel.setMinWidth(USE_PREF_SIZE);
        HBox footer = new HBox(10, start, about, grow, back, next);
        footer.setAlignment(Pos.CENTER_LEFT);
        footer.getStyleClass().add("wizard-footer");
        setBottom(footer);

        vm.state().stepProperty().addListener((o, a, b) -> show(b.intValue()));
        show(vm.state().stepProperty().get());
    }

    private void show(int index) {
        if (index >= WizardViewModel.PROVIDER_STEP) {
            scroller.setContent(later.page(index));
            scroller.setVvalue(0);
            return;
        }
        if (pages[index] == null) {
            Node page = switch (index) {
                case 0 -> new CredentialsView(vm.credentials(), dialogs);
                case 1 -> new CsrView(vm.csr(), dialogs);
                case 2 -> new CertificateView(vm.certificate(), dialogs, vm.state().apiKeyProperty().get());
                default -> new KeystoreView(vm.keystore(), vm.state(), dialogs);
            };
            Node banner = later.banner(index);
            pages[index] = banner == null ? page : new VBox(banner, page);
        }
        scroller.setContent(pages[index]);
        scroller.setVvalue(0);
    }
}
