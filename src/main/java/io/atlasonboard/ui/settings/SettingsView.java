package io.atlasonboard.ui.settings;

import atlantafx.base.theme.Styles;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.Theme;
import io.atlasonboard.ui.common.Views;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Settings: Language (System / Deutsch / English) and Theme (System / Light / Dark). */
public final class SettingsView extends VBox {
    public SettingsView(SettingsViewModel vm, Runnable close) {
        getStyleClass().addAll("app-root", "page");
        setId("settingsView");
        Label title = new Label(I18n.t("ui.settings.title"));
        title.getStyleClass().add(Styles.TITLE_3);

        Label langTitle = new Label(I18n.t("ui.settings.language"));
        langTitle.getStyleClass().add(Styles.TITLE_4);
        HBox langRow = choices(vm.languageProperty(), vm.loadedProperty(),
                new Choice<>(UiSettings.Language.SYSTEM, "ui.settings.language.system", "languageSystem"),
                new Choice<>(UiSettings.Language.GERMAN, "ui.settings.language.german", "languageGerman"),
                new Choice<>(UiSettings.Language.ENGLISH, "ui.settings.language.english", "languageEnglish"));
        Label notice = Views.hint(I18n.t("ui.settings.language.restart"));
        notice.setId("settingsRestartNotice");
        notice.getStyleClass().add("warning-text");
        notice.visibleProperty().bind(vm.restartNeededProperty());
        // space kept while hidden: the dialog does not grow when the notice appears

        Label themeTitle = new Label(I18n.t("ui.settings.theme"));
        themeTitle.getStyleClass().add(Styles.TITLE_4);
        HBox themeRow = choices(vm.themeProperty(), vm.loadedProperty(),
                new Choice<>(UiSettings.ThemeChoice.SYSTEM, "ui.settings.theme.system", "themeSystem"),
                new Choice<>(UiSettings.ThemeChoice.LIGHT, "ui.settings.theme.light", "themeLight"),
                new Choice<>(UiSettings.ThemeChoice.DARK, "ui.settings.theme.dark", "themeDark"));
        Label themeHint = Views.hint(I18n.t("ui.settings.theme.hint"));
        for (Label l : new Label[] {notice, themeHint}) {
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            l.setPrefWidth(496); // the dialog's width less its padding: the height is measured for that width
        }

        Button closeButton = new Button(I18n.t("ui.settings.close"));
        closeButton.setId("settingsClose");
        closeButton.setCancelButton(true);
        closeButton.setDefaultButton(true);
        closeButton.setOnAction(e -> close.run());
        HBox buttons = new HBox(closeButton);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        getChildren().addAll(title, langTitle, langRow, notice, themeTitle, themeRow, themeHint,
                Views.message(vm.errorProperty(), "error-text", "settingsError"), buttons);
        setPrefWidth(560);
    }

    /** One radio button of a row: the value it stands for, its label's key, its id. */
    private record Choice<E>(E value, String key, String id) {
    }

    /**
     * A row of radio buttons, one per choice, kept in step with {@code property} both ways; disabled until
     * {@code ready} (the saved choice is read in the background).
     */
    @SafeVarargs
    private static <E> HBox choices(ObjectProperty<E> property, ObservableBooleanValue ready, Choice<E>... choices) {
        ToggleGroup group = new ToggleGroup();
        HBox row = new HBox(12);
        for (Choice<E> c : choices) {
            RadioButton b = new RadioButton(I18n.t(c.key()));
            b.setId(c.id());
            b.setToggleGroup(group);
            b.setSelected(c.value().equals(property.get()));
            b.selectedProperty().addListener((o, was, on) -> {
                if (on) {
                    property.set(c.value());
                }
            });
            property.addListener((o, a, now) -> b.setSelected(c.value().equals(now)));
            row.getChildren().add(b);
        }
        row.disableProperty().bind(Bindings.not(ready));
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /**
     * Applies a theme choice on the UI thread; "System" asks the desktop off the UI thread the first time (it may take
     * up to about 2 s).
     */
    public static void applyTheme(UiSettings.ThemeChoice choice) {
        if (choice != UiSettings.ThemeChoice.SYSTEM || Theme.knownSystemPreference() != null) {
            Theme.apply(choice.dark());
            return;
        }
        CompletableFuture.supplyAsync(Theme::systemPrefersDark)
                .thenAccept(dark -> Platform.runLater(() -> Theme.apply(dark)));
    }

    /** Opens the Settings dialog over {@code owner} (modal to it). */
    public static Stage open(Window owner, SettingsViewModel vm) {
        Stage s = new Stage();
        s.initOwner(owner);
        s.initModality(Modality.WINDOW_MODAL);
        s.setTitle(I18n.t("ui.settings.window.title"));
        SettingsView view = new SettingsView(vm, s::close);
        Scene scene = new Scene(view);
        Theme.style(scene);
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                s.close();
            }
        });
        s.setScene(scene);
        if (owner instanceof Stage o) {
            s.getIcons().setAll(o.getIcons());
        }
        s.show();
        // the wrapped hints know their height only after the first layout pass
        Platform.runLater(s::sizeToScene);
        return s;
    }
}
