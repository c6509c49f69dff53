package io.atlasonboard.ui.help;

import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.UiJobs;
import io.atlasonboard.ui.common.Views;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/** About: version, Java runtime, data folder (copyable) and the bundled libraries with their licences. */
public final class AboutView {
    private AboutView() {
    }

    /** The application's version from the jar manifest, or "development" when run from classes. */
    public static String version() {
        String v = AboutView.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? I18n.t("ui.help.about.devVersion") : I18n.t("ui.help.about.versionOf", v);
    }

    /**
     * Reads the version and the libraries list with the jars' metadata in the background (class-path reads), then
     * opens About over {@code owner} on the UI thread.
     */
    public static void show(Window owner, Path dataFolder, UiJobs jobs) {
        jobs.run(I18n.t("ui.help.about.job"), p -> new Contents(version(),
                Libraries.ALL.stream().map(l -> new Row(l.name(), l.version(), l.licence())).toList()))
                .onSuccess(c -> show(owner, dataFolder, c))
                .onFailure(e -> show(owner, dataFolder, new Contents(I18n.t("ui.help.about.devVersion"), List.of())));
    }

    /** What About shows that is read from the class path. */
    record Contents(String version, List<Row> libraries) {
    }

    private static Stage show(Window owner, Path dataFolder, Contents contents) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(I18n.t("ui.help.about.title"));
        Label name = new Label(I18n.t("ui.help.about.name"));
        name.getStyleClass().add("title-2");
        Label version = new Label(I18n.t("ui.help.about.version", contents.version(), System.getProperty("java.version"),
                System.getProperty("javafx.runtime.version", "?")));
        version.setId("aboutVersion");
        version.setWrapText(true);
        TextField folder = new TextField(dataFolder.toString());
        folder.setId("aboutDataFolder");
        folder.setEditable(false);
        Label folderLabel = Views.fieldLabel(I18n.t("ui.help.about.dataFolder"), folder);
        Button copy = Views.iconButton("mdi2c-content-copy", I18n.t("ui.help.about.copyFolder"));
        copy.setOnAction(e -> Views.copyToClipboard(dataFolder.toString()));
        HBox folderRow = new HBox(8, folder, copy);
        HBox.setHgrow(folder, Priority.ALWAYS);
        TableView<Row> libs = new TableView<>();
        libs.setId("aboutLibraries");
        libs.setAccessibleText(I18n.t("ui.help.about.libraries"));
        libs.getColumns().add(column(I18n.t("ui.help.about.col.name"), Row::name, 190));
        libs.getColumns().add(column(I18n.t("ui.help.about.col.version"), Row::version, 110));
        libs.getColumns().add(column(I18n.t("ui.help.about.col.licence"), Row::licence, 250));
        libs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        libs.getItems().setAll(contents.libraries());
        Label libsLabel = Views.fieldLabel(I18n.t("ui.help.about.libraries"), libs);
        Label licence = new Label(I18n.t("ui.help.about.licenceNote"));
        licence.setWrapText(true);
        licence.getStyleClass().add("hint");
        licence.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Button close = new Button(I18n.t("ui.help.close"));
        close.setId("aboutClose");
        close.setCancelButton(true);
        close.setDefaultButton(true);
        close.setOnAction(e -> stage.close());
        VBox root = new VBox(10, name, version, folderLabel, folderRow, libsLabel, libs, licence, close);
        VBox.setVgrow(libs, Priority.ALWAYS);
        root.setPadding(new Insets(16));
        root.setId("aboutWindow");
        Scene scene = new Scene(root, 640, 560);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.show();
        return stage;
    }

    private static TableColumn<Row, String> column(String title, Function<Row, String> value, double width) {
        TableColumn<Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /** A table row. */
    public record Row(String name, String version, String licence) {
    }
}
