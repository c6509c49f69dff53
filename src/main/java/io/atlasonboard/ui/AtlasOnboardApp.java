package io.atlasonboard.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** JavaFX entry point (placeholder until the UI lands). */
public class AtlasOnboardApp extends Application {

    public static void launchApp(String[] args) {
        Application.launch(AtlasOnboardApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("Atlas Onboard");
        stage.setScene(new Scene(new Label("Atlas Onboard"), 800, 600));
        stage.show();
    }
}
