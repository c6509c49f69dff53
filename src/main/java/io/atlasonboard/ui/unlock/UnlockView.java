package io.atlasonboard.ui.unlock;

import atlantafx.base.theme.Styles;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.Views;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The first screen: choose the master passphrase (first start) or unlock the store (later starts). */
public final class UnlockView extends StackPane {
    private final UnlockViewModel vm;
    private final PasswordField passphrase = new PasswordField();
    private final PasswordField confirmation = new PasswordField();

    public UnlockView(UnlockViewModel vm) {
        this.vm = vm;
        setId("unlockView");
        passphrase.setId("passphrase");
        confirmation.setId("confirmation");
        passphrase.textProperty().bindBidirectional(vm.passphrase);
        confirmation.textProperty().bindBidirectional(vm.confirmation);
        passphrase.setAccessibleText(I18n.t("ui.unlock.passphrase.accessible"));
        confirmation.setAccessibleText(I18n.t("ui.unlock.confirmation.accessible"));

        Label title = new Label();
        title.getStyleClass().add(Styles.TITLE_2);
        title.setId("unlockTitle");
        Label intro = Views.hint("");
        intro.setId("unlockIntro");
        title.textProperty().bind(Bindings.createStringBinding(() -> switch (vm.mode.get()) {
            case CHECKING -> I18n.t("ui.unlock.title.checking");
            case CREATE -> I18n.t("ui.unlock.title.create");
            case UNLOCK -> I18n.t("ui.unlock.title.unlock");
        }, vm.mode));
        intro.textProperty().bind(Bindings.createStringBinding(() -> switch (vm.mode.get()) {
            case CHECKING -> I18n.t("ui.unlock.intro.checking", vm.home());
            case CREATE -> I18n.t("ui.unlock.intro.create", vm.home());
            case UNLOCK -> I18n.t("ui.unlock.intro.unlock", vm.home());
        }, vm.mode));

        Label passLabel = Views.fieldLabel(I18n.t("ui.unlock.passphrase"), passphrase);
        Label confLabel = Views.fieldLabel(I18n.t("ui.unlock.confirmation"), confirmation);
        ProgressBar strength = new ProgressBar();
        strength.getStyleClass().add("strength-bar");
        strength.progressProperty().bind(vm.strengthFraction);
        strength.setAccessibleText(I18n.t("ui.unlock.strength"));
        Label strengthText = new Label();
        strengthText.setId("strengthHint");
        strengthText.textProperty().bind(vm.strengthText);
        strengthText.getStyleClass().add("hint");
        strengthText.setWrapText(true);
        HBox strengthRow = new HBox(10, strength, strengthText);
        strengthRow.setAlignment(Pos.CENTER_LEFT);
        Label matchHint = new Label();
        matchHint.setId("matchHint");
        matchHint.getStyleClass().add("hint");
        matchHint.textProperty().bind(Bindings.createStringBinding(vm::confirmationHint, vm.passphrase,
                vm.confirmation, vm.mode));
        // the parts a mode may never show are put in when it does (the first window styles no hidden skins)
        VBox createOnly = new VBox(6);
        Runnable fillCreate = () -> {
            if (createOnly.getChildren().isEmpty() && vm.mode.get() == UnlockViewModel.Mode.CREATE) {
                createOnly.getChildren().setAll(strengthRow, confLabel, confirmation, matchHint);
            }
        };
        vm.mode.addListener((o, a, b) -> fillCreate.run());
        fillCreate.run();
        createOnly.visibleProperty().bind(vm.mode.isEqualTo(UnlockViewModel.Mode.CREATE));
        createOnly.managedProperty().bind(createOnly.visibleProperty());

        Label error = Views.message(vm.error, "error-text", "unlockError");
        Views.flagErrors(passphrase, vm.error);

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(22, 22);
        spinner.progressProperty().bind(vm.progress);
        Label progressText = new Label();
        progressText.textProperty().bind(vm.progressMessage);
        HBox progressRow = new HBox(8, progressText);
        Runnable addSpinner = () -> {
            if (vm.busy.get() && spinner.getParent() == null) {
                progressRow.getChildren().add(0, spinner);
            }
        };
        vm.busy.addListener((o, a, b) -> addSpinner.run());
        addSpinner.run();
        progressRow.setAlignment(Pos.CENTER_LEFT);
        progressRow.visibleProperty().bind(vm.busy);
        progressRow.managedProperty().bind(vm.busy);

        Button submit = new Button();
        submit.setId("unlockButton");
        submit.setDefaultButton(true);
        submit.getStyleClass().add(Styles.ACCENT);
        submit.textProperty().bind(Bindings.createStringBinding(
                () -> I18n.t(vm.mode.get() == UnlockViewModel.Mode.CREATE ? "ui.unlock.button.create"
                        : "ui.unlock.button.unlock"), vm.mode));
        submit.disableProperty().bind(vm.canSubmit.not());
        submit.setOnAction(e -> vm.submit());
        HBox buttons = new HBox(submit);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        VBox fields = new VBox(6, passLabel, passphrase, createOnly);
        fields.disableProperty().bind(vm.busy.or(vm.unreadable).or(vm.mode.isEqualTo(UnlockViewModel.Mode.CHECKING)));
        VBox card = new VBox(14, title, intro, fields, error, progressRow, buttons);
        card.getStyleClass().addAll("card-box", Styles.ELEVATED_1);
        card.setMaxWidth(520);
        card.setMaxHeight(USE_PREF_SIZE);
        setAlignment(Pos.CENTER);
        getChildren().add(card);
        vm.mode.addListener((o, a, b) -> passphrase.requestFocus());
        sceneProperty().addListener((o, a, s) -> {
            if (s != null) {
                passphrase.requestFocus();
            }
        });
    }
}
