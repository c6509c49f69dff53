package io.atlasonboard.ui.start;

import atlantafx.base.theme.Styles;
import io.atlasonboard.core.onboarding.OnboardingSummary;
import io.atlasonboard.ui.common.Confirmer;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.Views;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Start page: what is in progress, and how to begin a new onboarding. */
public final class StartView extends VBox {
    /** Issue 3 puts the sandbox entry and the providers window here. */
    private final VBox extensions = new VBox(8);

    public StartView(StartViewModel vm) {
        getStyleClass().add("page");
        setId("startView");
        Label title = new Label(I18n.t("ui.start.title"));
        title.getStyleClass().add(Styles.TITLE_2);
        Label intro = Views.hint(I18n.t("ui.start.intro"));

        TextField label = new TextField();
        label.setId("newLabel");
        label.setPromptText(vm.defaultLabel());
        label.textProperty().bindBidirectional(vm.newLabel);
        label.setPrefColumnCount(28);
        Button create = Views.button(I18n.t("ui.start.new"), "mdi2p-plus");
        create.setId("newOnboarding");
        create.getStyleClass().add(Styles.ACCENT);
        create.setDefaultButton(true);
        create.disableProperty().bind(vm.busy);
        create.setOnAction(e -> vm.createNew());
        HBox newRow = new HBox(8, Views.fieldLabel(I18n.t("ui.start.label"), label), label, create);
        newRow.setAlignment(Pos.CENTER_LEFT);

        Label listTitle = new Label(I18n.t("ui.start.list.title"));
        listTitle.getStyleClass().add(Styles.TITLE_4);
        ListView<OnboardingSummary> list = new ListView<>(vm.onboardings);
        list.setId("onboardingList");
        list.setAccessibleText(I18n.t("ui.start.list.accessible"));
        list.setCellFactory(lv -> new Row(vm));
        list.setPrefHeight(300);
        VBox.setVgrow(list, Priority.ALWAYS);
        Label empty = Views.hint(I18n.t("ui.start.list.empty"));
        list.setPlaceholder(empty);

        extensions.setId("startExtensions");
        VBox renewals = renewalWarning(vm);
        getChildren().addAll(title, intro, renewals, newRow, Views.message(vm.error, "error-text", "startError"), listTitle,
                list, extensions);
        setMaxWidth(900);
        sceneProperty().addListener((o, a, s) -> {
            if (s != null) {
                vm.refresh();
            }
        });
    }

    /** The start-up warning: each provider whose mTLS certificate expires within 30 days, with "Renew…". */
    private static VBox renewalWarning(StartViewModel vm) {
        VBox box = new VBox(6);
        box.setId("renewalWarning");
        box.getStyleClass().add("renewal-warning");
        box.setStyle("-fx-border-color: -color-danger-emphasis; -fx-border-width: 1; -fx-border-radius: 4; "
                + "-fx-padding: 8 10 8 10; -fx-background-color: -color-bg-default;");
        Label head = new Label(I18n.t("ui.handoff.start.title"));
        head.getStyleClass().addAll(Styles.TEXT_BOLD, "error-text");
        head.setWrapText(true);
        Runnable fill = () -> {
            box.getChildren().setAll(head);
            for (io.atlasonboard.core.providers.MtlsLifetime l : vm.renewals()) {
                String id = l.providerName().replaceAll("[^A-Za-z0-9]+", "-"); // not user-visible
                Label text = new Label(StartViewModel.renewalText(l));
                text.setWrapText(true);
                text.setId("renewalText-" + id);
                HBox.setHgrow(text, Priority.ALWAYS);
                text.setMaxWidth(Double.MAX_VALUE);
                Button renew = new Button(I18n.t("ui.handoff.start.renew"));
                renew.setId("startRenew-" + id);
                renew.setMinWidth(Region.USE_PREF_SIZE);
                renew.getStyleClass().add(Styles.DANGER);
                renew.setAccessibleText(I18n.t("ui.handoff.start.renew.a11y", l.providerName()));
                renew.setOnAction(e -> vm.renew(l));
                HBox row = new HBox(10, text, renew);
                row.setAlignment(Pos.CENTER_LEFT);
                box.getChildren().add(row);
            }
        };
        vm.renewals().addListener((javafx.collections.ListChangeListener<Object>) c -> fill.run());
        fill.run();
        box.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.renewals()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    /** Where later issues add entries (sandbox, providers). */
    public VBox extensions() {
        return extensions;
    }

    private static final class Row extends ListCell<OnboardingSummary> {
        private final StartViewModel vm;

        Row(StartViewModel vm) {
            this.vm = vm;
        }

        @Override
        protected void updateItem(OnboardingSummary s, boolean empty) {
            super.updateItem(s, empty);
            if (empty || s == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label name = new Label(s.sandbox() ? I18n.t("ui.start.row.sandbox", s.label()) : s.label());
            name.getStyleClass().add(Styles.TEXT_BOLD);
            Label detail = new Label(s.completed()
                    ? I18n.t("ui.start.row.complete", StartViewModel.when(s.updatedAt()))
                    : I18n.t("ui.start.row.inProgress", StartViewModel.stepText(s.step()),
                            StartViewModel.when(s.updatedAt())));
            detail.setId("onboardingState-" + s.id());
            detail.getStyleClass().add("hint");
            VBox text = new VBox(2, name, detail);
            Region grow = new Region();
            HBox.setHgrow(grow, Priority.ALWAYS);
            Button resume = new Button(I18n.t(s.completed() ? "ui.start.review" : "ui.start.resume"));
            resume.setId("resume-" + s.id());
            resume.getStyleClass().add(s.completed() ? Styles.BUTTON_OUTLINED : Styles.ACCENT);
            resume.setAccessibleText(I18n.t("ui.start.resume.accessible", resume.getText(), s.label()));
            resume.setOnAction(e -> vm.resume(s));
            Button delete = new Button(I18n.t("ui.start.delete"));
            delete.setId("delete-" + s.id());
            delete.getStyleClass().addAll(Styles.DANGER, Styles.BUTTON_OUTLINED);
            delete.setAccessibleText(I18n.t("ui.start.delete.accessible", s.label()));
            delete.setOnAction(e -> {
                if (Confirmer.alerts().confirm(this, I18n.t("ui.start.delete.confirm.title"),
                        I18n.t("ui.start.delete.confirm.text", s.label()), I18n.t("ui.start.delete"))) {
                    vm.delete(s);
                }
            });
            HBox row = new HBox(10, text, grow, resume, delete);
            row.setAlignment(Pos.CENTER_LEFT);
            setGraphic(row);
            setText(null);
        }
    }
}
