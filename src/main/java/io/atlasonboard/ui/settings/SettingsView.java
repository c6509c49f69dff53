package io.atlasonboard.ui.settings;

import atlantafx.base.theme.Styles;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.Theme;
import io.atlasonboard.ui.common.Views;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
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
        ToggleGroup langs = new ToggleGroup();
        HBox langRow = new HBox(12,
                choice(langs, vm.languageProperty(), UiSettings.Language.SYSTEM, "ui.settings.language.system",
                        "languageSystem"),
                choice(langs, vm.languageProperty(), UiSettings.Language.GERMAN, "ui.settings.language.german",
                        "languageGerman"),
                choice(langs, vm.languageProperty(), UiSettings.Language.ENGLISH, "ui.settings.language.english",
                        "languageEnglish"));
        langRow.setAlignment(Pos.CENTER_LEFT);
        Label notice = Views.hint(I18n.t("ui.settings.language.restart"));
        notice.setId("settingsRestartNotice");
        notice.getStyleClass().add("warning-text");
        notice.visibleProperty().bind(vm.restartNeededProperty());
        // space kept while hidden: the dialog does not grow when the notice appears

        Label themeTitle = new Label(I18n.t("ui.settings.theme"));
        themeTitle.getStyleClass().add(Styles.TITLE_4);
        ToggleGroup themes = new ToggleGroup();
        HBox themeRow = new HBox(12,
                choice(themes, vm.themeProperty(), UiSettings.ThemeChoice.SYSTEM, "ui.settings.theme.system",
                        "themeSystem"),
                choice(themes, vm.themeProperty(), UiSettings.ThemeChoice.LIGHT, "ui.settings.theme.light",
                        "themeLight"),
                choice(themes, vm.themeProperty(), UiSettings.ThemeChoice.DARK, "ui.settings.theme.dark",
                        "themeDark"));
        themeRow.setAlignment(Pos.CENTER_LEFT);
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

    private static <E> RadioButton choice(ToggleGroup group, ObjectProperty<E> property, E value, String key,
            String id) {
        RadioButton b = new RadioButton(I18n.t(key));
        b.setId(id);
        b.setToggleGroup(group);
        b.setSelected(value.equals(property.get()));
        b.selectedProperty().addListener((o, was, on) -> {
            if (on) {
                property.set(value);
            }
        });
        property.addListener((o, a, now) -> b.setSelected(value.equals(now)));
        return b;
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
