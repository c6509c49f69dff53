package io.atlasonboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** The scene checks of the walks find what they are for (so a walk that passes says something). */
class UiChecksTest {
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private VBox shown(javafx.scene.Node... nodes) throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        AtomicReference<VBox> root = new AtomicReference<>();
        robot.interact(() -> {
            VBox box = new VBox(nodes);
            box.setStyle("-fx-background-color: white;");
            stage.setScene(new Scene(box, 400, 300));
            stage.show();
            root.set(box);
        });
        return root.get();
    }

    private <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
        AtomicReference<T> out = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        robot.interact(() -> {
            try {
                out.set(c.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        return out.get();
    }

    @Test
    void aFieldWithoutLabelOrAccessibleTextIsReportedAndALabelledOneIsNot() throws Exception {
        TextField anonymous = new TextField();
        anonymous.setId("anonymous");
        TextField named = new TextField();
        Label label = new Label("Name");
        label.setLabelFor(named);
        Button icon = new Button();
        icon.setId("iconOnly");
        VBox root = shown(anonymous, label, named, icon, new Button("Save"));
        List<String> found = fx(() -> UiChecks.unnamedControls(root));
        assertThat(found).containsExactlyInAnyOrder("TextField#anonymous has no accessible name",
                "Button#iconOnly has no accessible name");
    }

    @Test
    void greyOnWhiteIsTooFaintAndBlackOnWhiteIsNot() throws Exception {
        Label faint = new Label("faint");
        faint.setStyle("-fx-text-fill: #aaaaaa;");
        Label strong = new Label("strong");
        strong.setStyle("-fx-text-fill: #000000;");
        VBox root = shown(faint, strong);
        List<String> found = fx(() -> UiChecks.lowContrast(root));
        assertThat(found).hasSize(1);
        assertThat(found.get(0)).startsWith("\"faint\"");
        assertThat(UiChecks.contrast(javafx.scene.paint.Color.BLACK, javafx.scene.paint.Color.WHITE))
                .isEqualTo(21.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void anEnglishSentenceOnAGermanScreenIsReported() throws Exception {
        Label english = new Label("The key is not valid for this request");
        english.setId("english");
        Label german = new Label("Der Schlüssel ist für diese Anforderung nicht gültig");
        Label url = new Label("https://emea.api.hvca.globalsign.com:8443/v2 is the API URL");
        VBox root = shown(english, german, url);
        List<String> found = fx(() -> UiChecks.englishTexts(root));
        assertThat(found).containsExactly("Label#english: \"The key is not valid for this request\"");
    }
}
