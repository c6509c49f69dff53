package io.atlasonboard.ui.help;

import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.Views;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The help window (F1): the current step's help first, then the other steps, GlobalSign's documentation links and the
 * keyboard shortcuts. Links are shown as text with a copy button: the admin's browser may be on another machine.
 */
public final class HelpView {
    /** The shortcuts, each with its key label and its meaning in the bundle (German keyboards say Strg, Umschalt). */
    static final List<String> SHORTCUTS = List.of("help", "settings", "quit", "mnemonic", "default", "tab", "close");

    private HelpView() {
    }

    /** Opens the help on {@code step} (1-based; 0 = no step: the overview). */
    public static Stage show(Window owner, int step) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.NONE);
        stage.setTitle(I18n.t("ui.help.title"));
        TabPane tabs = new TabPane();
        tabs.setId("helpTabs");
        tabs.setAccessibleText(I18n.t("ui.help.title"));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Tab steps = new Tab(I18n.t("ui.help.tab.steps"), scroll(stepsPage(step)));
        steps.setId("helpSteps");
        Tab keys = new Tab(I18n.t("ui.help.tab.keys"), scroll(shortcutsPage()));
        keys.setId("helpKeys");
        Tab docs = new Tab(I18n.t("ui.help.tab.docs"), scroll(linksPage()));
        docs.setId("helpDocs");
        tabs.getTabs().addAll(steps, keys, docs);
        Button close = new Button(I18n.t("ui.help.close"));
        close.setId("helpClose");
        close.setCancelButton(true);
        close.setOnAction(e -> stage.close());
        HBox bar = new HBox(close);
        bar.setPadding(new Insets(8, 12, 12, 12));
        VBox root = new VBox(tabs, bar);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        root.setId("helpWindow");
        Scene scene = new Scene(root, 720, 560);
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                stage.close();
            }
        });
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.show();
        return stage;
    }

    static VBox stepsPage(int current) {
        VBox page = new VBox(12);
        page.setPadding(new Insets(16));
        if (current >= 1 && current <= HelpTopics.STEPS) {
            page.getChildren().add(step(current, true));
            page.getChildren().add(new Separator());
        }
        for (int i = 1; i <= HelpTopics.STEPS; i++) {
            if (i != current) {
                page.getChildren().add(step(i, false));
            }
        }
        return page;
    }

    private static Node step(int n, boolean current) {
        Label title = new Label(I18n.t(current ? "ui.help.step.current" : "ui.help.step.heading", n,
                HelpTopics.STEPS, HelpTopics.title(n)));
        title.getStyleClass().add(current ? "title-3" : "title-4");
        title.setId(current ? "helpCurrentStep" : null);
        title.setWrapText(true);
        Label purpose = new Label(HelpTopics.purpose(n));
        purpose.setWrapText(true);
        Label portal = new Label(I18n.t("ui.help.portal", HelpTopics.portal(n)));
        portal.setWrapText(true);
        portal.getStyleClass().add("hint");
        return new VBox(4, title, purpose, portal);
    }

    static GridPane shortcutsPage() {
        GridPane g = new GridPane();
        g.setHgap(16);
        g.setVgap(8);
        g.setPadding(new Insets(16));
        int row = 0;
        for (String s : SHORTCUTS) {
            Label key = new Label(I18n.t("ui.help.keys." + s + ".key"));
            key.getStyleClass().add("code");
            Label what = new Label(I18n.t("ui.help.keys." + s + ".what"));
            what.setWrapText(true);
            key.setLabelFor(what);
            g.addRow(row++, key, what);
        }
        return g;
    }

    static VBox linksPage() {
        VBox page = new VBox(10);
        page.setPadding(new Insets(16));
        Label intro = new Label(I18n.t("ui.help.docs.intro"));
        intro.setWrapText(true);
        page.getChildren().add(intro);
        int i = 0;
        for (String url : HelpTopics.LINKS) {
            Label what = new Label(I18n.t("ui.help.docs." + i++));
            what.setWrapText(true);
            Label link = new Label(url);
            link.setWrapText(true);
            link.getStyleClass().add("code");
            Button copy = Views.iconButton("mdi2c-content-copy", I18n.t("ui.help.docs.copy", url));
            copy.setOnAction(e -> Views.copyToClipboard(url));
            HBox line = new HBox(8, link, copy);
            HBox.setHgrow(link, Priority.ALWAYS);
            page.getChildren().add(new VBox(2, what, line));
        }
        return page;
    }

    static ScrollPane scroll(Node content) {
        ScrollPane s = new ScrollPane(content);
        s.setFitToWidth(true);
        return s;
    }
}
