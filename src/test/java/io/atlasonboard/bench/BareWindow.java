package io.atlasonboard.bench;

import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The peer of "first window" in bench/run: a bare JavaFX window (one label, default Modena theme) started from the
 * same shaded jar and marked like the application's {@code FrameMark}: the second pulse after showing prints
 * {@code atlas-first-frame MS} and halts. Run: {@code java -cp atlas-onboard.jar:target/test-classes
 * io.atlasonboard.bench.BareWindow}. Not a test.
 */
public final class BareWindow {
    private BareWindow() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            stage.setTitle("Bare JavaFX");
            stage.setScene(new Scene(new StackPane(new Label("Hello")), 1100, 760));
            AnimationTimer t = new AnimationTimer() {
                private int pulses;

                @Override
                public void handle(long now) {
                    if (stage.isShowing() && ++pulses == 2) {
                        long ms = System.currentTimeMillis()
                                - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
                        System.out.println("atlas-first-frame " + ms);
                        System.out.flush();
                        Runtime.getRuntime().halt(0);
                    }
                }
            };
            t.start();
            stage.show();
        }
    }
}
